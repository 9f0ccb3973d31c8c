import { DownloadOutlined, PrinterOutlined, ReloadOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Space, Spin, Statistic, Table, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  addHallDays,
  hallDateTime,
  hallMonthStart,
  hallShown,
  hallToday,
  hallWeekStart,
} from '@yichuang/domain/hall-time';
import type { ReportDocumentRef } from '../../../preload/contract/documents';
import { shownHours, type DailyReport, type DecisionTally } from '../../../preload/contract/reports';
import { useServerNow } from '../app/server-clock';
import { useShortcuts } from '../app/shortcuts';
import { api } from '../bridge';
import { HallRangePicker } from '../lib/HallRangePicker';
import type { HallRange } from '../lib/picker-dates';
import { useRun } from '../lib/result';
import { PrintDialog } from '../printing/PrintDialog';
import { BarChart, type ChartSeries } from './BarChart';
import { DueList } from './DueList';
import './reports.css';

/** The presets' hall dates, from today's hall date: today, yesterday, this week (from Monday), this month. */
export function reportRanges(today: string): Record<'today' | 'yesterday' | 'week' | 'month', [string, string]> {
  const yesterday = addHallDays(today, -1);
  return {
    today: [today, today],
    yesterday: [yesterday, yesterday],
    week: [hallWeekStart(today), today],
    month: [hallMonthStart(today), today],
  };
}

const tallyOf = (x: DecisionTally) => ({ accepted: x.accepted, supplement: x.supplement, rejected: x.rejected });

function minutesText(value: number | null, t: (k: string, o?: Record<string, unknown>) => string): string {
  return value === null ? t('reports.totals.none') : t('reports.totals.minutes', { m: value.toFixed(1) });
}

/**
 * The supervisor's report: a day or a range, from this workstation's database (offline too).
 * Numbers first, then the charts (by hour, by matter), the tables by matter and by clerk, the
 * cases at risk, and the print history summary. Ctrl+P prints it; CSV exports it.
 */
export function ReportScreen() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const run = useRun();
  // Today is the hall's date by the server's clock, not the PC's date in the PC's zone. Until a
  // range is picked the report is today's (and moves on at the hall's midnight).
  const today = hallToday(useServerNow(60_000));
  const [chosen, setChosen] = useState<HallRange | null>(null);
  const [report, setReport] = useState<DailyReport | null>(null);
  const [loading, setLoading] = useState(false);
  const [printing, setPrinting] = useState<ReportDocumentRef | null>(null);
  const query = useMemo(() => chosen ?? { from: today, to: today }, [chosen, today]);

  const load = useCallback(async () => {
    setLoading(true);
    const value = await run(api.reports.daily(query));
    setLoading(false);
    if (value) setReport(value);
  }, [query, run]);

  useEffect(() => {
    void load();
  }, [load]);

  const exportCsv = useCallback(async () => {
    const value = await run(api.reports.csv(query));
    if (!value) return;
    const url = URL.createObjectURL(new Blob([value.csv], { type: 'text/csv;charset=utf-8' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = value.fileName;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    void message.success(t('reports.csvDone', { name: value.fileName }));
  }, [query, run, message, t]);

  const openPrint = useCallback(() => setPrinting({ kind: 'daily_report', ...query }), [query]);
  const keys = useMemo(() => ({ 'Ctrl+P': openPrint, F5: () => void load() }), [openPrint, load]);
  useShortcuts(keys, printing === null);

  const series: ChartSeries[] = [
    { key: 'accepted', label: t('reports.series.accepted'), color: '#1677ff' },
    { key: 'supplement', label: t('reports.series.supplement'), color: '#fa8c16' },
    { key: 'rejected', label: t('reports.series.rejected'), color: '#cf1322' },
  ];

  const presets = useMemo(() => {
    const ranges = reportRanges(today);
    return (['today', 'yesterday', 'week', 'month'] as const).map((key) => ({
      label: t(`reports.presets.${key}`),
      range: { from: ranges[key][0], to: ranges[key][1] },
    }));
  }, [today, t]);

  const tallyColumns = [
    { title: t('reports.columns.accepted'), dataIndex: 'accepted', align: 'right' as const },
    { title: t('reports.columns.supplement'), dataIndex: 'supplement', align: 'right' as const },
    { title: t('reports.columns.rejected'), dataIndex: 'rejected', align: 'right' as const },
    { title: t('reports.columns.total'), dataIndex: 'total', align: 'right' as const },
  ];

  const hours = report ? shownHours(report.byHour) : [];

  return (
    <div className="report-screen" data-testid="report-screen">
      <div className="report-bar">
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('reports.title')}
        </Typography.Title>
        <HallRangePicker
          value={query}
          presets={presets}
          onChange={(range) => range && setChosen(range)}
          data-testid="report-range"
        />
        <Space>
          <Button icon={<ReloadOutlined />} onClick={() => void load()} data-testid="report-refresh">
            {t('reports.refresh')} <kbd>F5</kbd>
          </Button>
          <Button icon={<DownloadOutlined />} onClick={() => void exportCsv()} data-testid="report-csv">
            {t('reports.csv')}
          </Button>
          <Button type="primary" icon={<PrinterOutlined />} onClick={openPrint} data-testid="report-print">
            {t('reports.print')} <kbd>Ctrl+P</kbd>
          </Button>
        </Space>
      </div>
      {!report ? (
        <div className="report-loading">
          <Spin />
        </div>
      ) : (
        <Spin spinning={loading}>
          <Typography.Text type="secondary" data-testid="report-as-of">
            {report.hallName} ·{' '}
            <span data-testid="report-period">
              {report.from === report.to
                ? t('reports.periodDay', { day: report.from })
                : t('reports.period', { from: report.from, to: report.to })}
            </span>{' '}
            · {t('reports.asOf', { day: report.asOf, time: hallShown(hallDateTime, report.generatedAt) })}
          </Typography.Text>
          <div className="report-totals" data-testid="report-totals">
            <Statistic title={t('reports.totals.decided')} value={report.totals.decided} />
            <Statistic
              title={t('reports.totals.accepted')}
              value={report.totals.accepted}
              styles={{ content: { color: '#1677ff' } }}
              data-testid="report-accepted"
            />
            <Statistic
              title={t('reports.totals.supplement')}
              value={report.totals.supplement}
              styles={{ content: { color: '#d46b08' } }}
            />
            <Statistic
              title={t('reports.totals.rejected')}
              value={report.totals.rejected}
              styles={{ content: { color: '#cf1322' } }}
            />
            <Statistic
              title={t('reports.totals.supplementRate')}
              value={(report.totals.supplementRate * 100).toFixed(1)}
              suffix="%"
            />
            <Statistic
              title={t('reports.totals.handling')}
              value={minutesText(report.handling.averageMinutes, t)}
              suffix={
                report.handling.medianMinutes !== null ? (
                  <Typography.Text type="secondary" className="report-median">
                    {t('reports.totals.handlingMedian', { m: report.handling.medianMinutes.toFixed(1) })}
                  </Typography.Text>
                ) : null
              }
            />
            <Statistic title={t('reports.totals.started')} value={report.totals.started} />
            <Statistic title={t('reports.totals.openDrafts')} value={report.totals.openDrafts} />
            <Statistic
              title={t('reports.totals.dueSoon')}
              value={report.due.within3Total}
              styles={{ content: { color: report.due.within3Total ? '#d46b08' : undefined } }}
            />
            <Statistic
              title={t('reports.totals.overdue')}
              value={report.due.overdueTotal}
              styles={{ content: { color: report.due.overdueTotal ? '#cf1322' : undefined } }}
            />
          </div>
          {report.totals.decided === 0 && (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('reports.empty')} />
          )}
          <div className="report-charts">
            <Card size="small" title={t('reports.byHour')}>
              <BarChart
                title={t('reports.byHour')}
                testId="chart-by-hour"
                orientation="vertical"
                width={520}
                series={series}
                rows={hours.map((h) => ({ label: String(h.hour), values: tallyOf(h) }))}
              />
            </Card>
            <Card size="small" title={t('reports.byMatter')}>
              <BarChart
                title={t('reports.byMatter')}
                testId="chart-by-matter"
                orientation="horizontal"
                width={520}
                series={series}
                rows={report.byMatter.slice(0, 10).map((m) => ({ label: m.matterName, values: tallyOf(m) }))}
              />
            </Card>
          </div>
          <div className="report-tables">
            <Card size="small" title={t('reports.byMatter')}>
              <Table
                size="small"
                rowKey="matterCode"
                pagination={false}
                dataSource={report.byMatter}
                data-testid="report-by-matter"
                columns={[{ title: t('reports.columns.matter'), dataIndex: 'matterName' }, ...tallyColumns]}
              />
            </Card>
            <Card size="small" title={t('reports.byClerk')}>
              <Table
                size="small"
                rowKey={(r) => `${r.windowNumber}-${r.clerkId}`}
                pagination={false}
                dataSource={report.byClerk}
                data-testid="report-by-clerk"
                columns={[
                  { title: t('reports.columns.window'), dataIndex: 'windowNumber' },
                  { title: t('reports.columns.clerk'), dataIndex: 'clerkName' },
                  ...tallyColumns,
                  {
                    title: t('reports.columns.average'),
                    dataIndex: 'averageMinutes',
                    align: 'right' as const,
                    render: (v: number | null) => (v === null ? '—' : v.toFixed(1)),
                  },
                ]}
              />
            </Card>
          </div>
          <DueList
            title={t('reports.overdueList')}
            rows={report.due.overdue}
            total={report.due.overdueTotal}
            testId="report-overdue"
          />
          <DueList
            title={t('reports.due')}
            rows={report.due.within3}
            total={report.due.within3Total}
            testId="report-due"
          />
          <Card size="small" title={t('reports.printing')} className="report-due">
            <Typography.Paragraph data-testid="report-printing">
              {t('reports.printingLine', report.printing)}
            </Typography.Paragraph>
          </Card>
        </Spin>
      )}
      {printing && <PrintDialog docRef={printing} onClose={() => setPrinting(null)} />}
    </div>
  );
}
