import type { reportsChannels } from '../../preload/contract/channels/reports';
import type { HandlersOf } from '../ipc/router';
import type { PrintingService } from '../printing/service';
import { dailyReportCsv } from './csv';
import type { ReportService } from './daily';

/** The daily report: figures, its PDF, its CSV (audited: it names applicants with cases due). */
export function reportsHandlers(deps: {
  reports: ReportService;
  printing: PrintingService;
}): HandlersOf<typeof reportsChannels> {
  const { reports, printing } = deps;
  return {
    'reports.daily': (_ctx, input) => reports.daily(input),
    'reports.pdf': (_ctx, input) => printing.preview({ kind: 'daily_report', ...input }),
    'reports.csv': ({ audit: note }, input) => {
      note.target = `report/${input.from}/${input.to}`;
      const name = input.from === input.to ? input.from : `${input.from}_${input.to}`;
      return { fileName: `业务报表_${name}.csv`, csv: dailyReportCsv(reports.daily(input)) };
    },
  };
}
