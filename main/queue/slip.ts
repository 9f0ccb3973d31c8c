import type { IssuedTicket } from '@yichuang/domain/hall-protocol';
import { ticketPrompt } from '@yichuang/domain/queue';
import { AppError } from '../../preload/contract/errors';
import type { IssueResult } from '../../preload/contract/queue';
import type { Logger } from '../logging/logger';

/** Prints a ticket slip on the workstation's ticket printer (devices owns the printer). */
export type PrintSlip = (slip: {
  number: string;
  matter: string;
  waiting: number | null;
  qr: string | null;
}) => Promise<unknown>;

/**
 * A ticket given out, with its slip out of the ticket printer: the sentence the citizen reads, the
 * follow page the QR opens, and, when the printer could not print (paper out, cover open, none), why;
 * the ticket stands either way.
 */
export async function slipFor(
  hallUrl: string,
  issued: IssuedTicket,
  deps: { printTicket: PrintSlip; log: Logger },
): Promise<IssueResult> {
  const followUrl = `${hallUrl}${issued.followPath}`;
  const number = issued.ticket.number ?? '';
  const result: IssueResult = {
    issued,
    prompt: ticketPrompt(number, issued.ahead),
    followUrl,
    printed: false,
    printProblem: null,
  };
  try {
    await deps.printTicket({ number, matter: issued.ticket.queueName, waiting: issued.ahead, qr: followUrl });
    result.printed = true;
  } catch (error) {
    const problem = error instanceof AppError ? error : new AppError('internal');
    result.printProblem = { code: problem.code, ...(problem.params ? { params: problem.params } : {}) };
    deps.log.warn({ code: problem.code }, 'ticket slip not printed');
  }
  return result;
}
