import { AppError } from '../../preload/contract/errors';
import type { Logger } from '../logging/logger';
import type { SettingsService } from '../settings/service';
import { CentralCallError } from './client';
import type { Outbox, OutboxRow, RetryOutcome } from './outbox';

/** A checksum mismatch this many times in a row is not the network: a person looks. */
const maxChecksumRetries = 5;

/** Which item, for the log: never the case body (it holds the applicant's details). */
export function itemOf(row: OutboxRow) {
  return { item: row.id, kind: row.kind, caseNumber: row.caseNumber, caseVersion: row.caseVersion };
}

export interface FailureDeps {
  outbox: Outbox;
  log: Logger;
  /** Whether central was reached, and the error to keep on show (the worker's connection state). */
  contact: (ok: boolean, error?: string | null) => void;
  /** Central answered (and was content with our credential), so it counts as online. */
  centralAnswered: (error: CentralCallError) => boolean;
  /** 设置 says how often the same server error is retried before a person looks. */
  settings: Pick<SettingsService, 'get'>;
  /** The backoff's randomness (fixed in tests). */
  random?: () => number;
}

/**
 * What a failed send does to its outbox item: retried later with backoff (central unreachable, a 500,
 * a checksum mismatch a few times), or set aside for a person; logged once per change of state.
 */
export function createFailures({ outbox, log, contact, centralAnswered, settings, random }: FailureDeps) {
  function retryOptions() {
    return { maxSameErrors: settings.get().syncMaxServerErrors, random };
  }

  function failed(row: OutboxRow, error: unknown): void {
    if (error instanceof CentralCallError) {
      if (error.transient) {
        // A 500 came from central: it is online, only this item failed there.
        contact(!error.unreachable, error.message);
        noted(
          row,
          error,
          outbox.retryLater(row.id, error.message, error.unreachable ? 'unreachable' : 'central_error', retryOptions()),
        );
      } else if (error.failure === 'checksum' && row.attempts < maxChecksumRetries) {
        contact(true);
        outbox.setUploadUrl(row.id, null);
        noted(row, error, outbox.retryLater(row.id, error.message, 'central_error', retryOptions()));
      } else {
        contact(centralAnswered(error), error.message);
        outbox.needsAttention(row.id, error.message);
        noted(row, error, { state: 'needs_attention', sameErrors: 1, news: true });
      }
      return;
    }
    const message = error instanceof AppError ? error.message : `发送失败：${(error as Error).message}`;
    log.error({ err: error, ...itemOf(row) }, 'outbox item failed');
    outbox.needsAttention(row.id, message);
  }

  /** One log line per change of an item's state or error; a retry that fails the same way is quiet. */
  function noted(row: OutboxRow, error: CentralCallError, outcome: RetryOutcome): void {
    if (!outcome.news) return;
    const fields = { ...itemOf(row), status: error.status, failure: error.failure, attempts: row.attempts };
    if (outcome.state === 'needs_attention')
      log.error({ ...fields, sameErrors: outcome.sameErrors, error: error.message }, 'outbox item needs attention');
    else if (!error.unreachable)
      log.warn(
        { ...fields, error: error.message },
        'central answered an outbox item with an error; retrying with backoff',
      );
  }

  return { failed };
}
