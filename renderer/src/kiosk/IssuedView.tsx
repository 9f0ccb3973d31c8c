import { ExclamationCircleFilled } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { AppErrorShape } from '../../../preload/contract/errors';
import type { IssueResult } from '../../../preload/contract/queue';
import { useCodeText, useErrorText } from '../lib/result';
import { isBrowserHost, useCountdown } from './kiosk-data';
import { PrintSlip } from './PrintSlip';

/** Printer problems the citizen is told in so many words; any other is said with its reason. */
const problemKeys: Partial<Record<string, 'paperOut' | 'coverOpen'>> = {
  printer_paper_out: 'paperOut',
  printer_cover_open: 'coverOpen',
};

/** No ticket printer at all: on the browser host the slip goes to the platform printer instead. */
function printsHere(result: IssueResult): boolean {
  return !result.printed && result.printProblem?.code === 'device_not_found' && isBrowserHost();
}

/**
 * The ticket given: the sentence (您已领取A005号，前方等待3人) in very large type, the number huge,
 * and what happened to the slip. A slip not printed is said plainly: the ticket stands. Back to the
 * start after a while or on a tap anywhere.
 */
export function IssuedView({ result, onDone }: { result: IssueResult; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const codeText = useCodeText();
  const { issued, printProblem } = result;
  const number = issued.ticket.number ?? '';
  const here = printsHere(result);
  const problem = printProblem && !here ? printProblem : null;
  const seconds = useCountdown(problem ? 20 : 10, onDone);
  const prompt =
    i18n.language === 'zh-CN'
      ? result.prompt
      : t(issued.ahead === 0 ? 'kiosk.issued.promptNoneAhead' : 'kiosk.issued.prompt', {
          number,
          count: issued.ahead,
        });
  const problemKey = problem ? problemKeys[problem.code] : undefined;

  return (
    <section
      className={`kiosk-result${problem ? ' kiosk-result-problem' : ''}`}
      onClick={onDone}
      data-testid="kiosk-issued"
      data-printed={result.printed}
    >
      <h1 className="kiosk-result-prompt" role="status" data-testid="kiosk-prompt">
        {prompt}
      </h1>
      <p className="kiosk-result-label">{t('kiosk.issued.numberLabel')}</p>
      <p className="kiosk-result-number" data-testid="kiosk-number">
        {number}
      </p>
      <p className="kiosk-result-queue">{t('kiosk.issued.queue', { name: issued.ticket.queueName })}</p>
      {issued.existing && <p className="kiosk-result-note">{t('kiosk.issued.existing')}</p>}
      {problem ? (
        <div className="kiosk-print-problem" role="alert" data-testid="kiosk-print-problem" data-code={problem.code}>
          <ExclamationCircleFilled className="kiosk-print-problem-icon" aria-hidden />
          <div>
            <p className="kiosk-print-problem-main">{t(`kiosk.issued.${problemKey ?? 'notPrinted'}`, { number })}</p>
            {!problemKey && <p className="kiosk-print-problem-reason">{codeText(problem)}</p>}
            <p className="kiosk-print-problem-reason">{t('kiosk.issued.stillValid')}</p>
          </div>
        </div>
      ) : (
        <p className="kiosk-result-note" data-testid="kiosk-slip-note">
          {here ? t('kiosk.issued.printingHere') : t('kiosk.issued.takeSlip')}
        </p>
      )}
      <button type="button" className="kiosk-primary kiosk-big" onClick={onDone} data-testid="kiosk-done">
        {t('kiosk.issued.back', { seconds })}
      </button>
      {here && <PrintSlip result={result} />}
    </section>
  );
}

/** The hall refused or could not be asked: what it said, in big type; back after a while or on a tap. */
export function FailedView({ error, onDone }: { error: AppErrorShape; onDone: () => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const seconds = useCountdown(10, onDone);
  return (
    <section className="kiosk-result kiosk-result-problem" onClick={onDone} data-testid="kiosk-failed">
      <h1 className="kiosk-result-prompt">{t('kiosk.failed.title')}</h1>
      <p className="kiosk-print-problem-main" role="alert" data-testid="kiosk-failed-reason">
        {errorText(error)}
      </p>
      <p className="kiosk-result-note">{t('kiosk.failed.help')}</p>
      <button type="button" className="kiosk-primary kiosk-big" onClick={onDone} data-testid="kiosk-failed-done">
        {t('kiosk.failed.back', { seconds })}
      </button>
    </section>
  );
}
