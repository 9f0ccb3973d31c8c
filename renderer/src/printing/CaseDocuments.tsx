import { FileTextOutlined, PrinterOutlined } from '@ant-design/icons';
import { Button, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../../preload/contract/cases';
import { noticeForDecision, type CaseDocumentRef, type PrintJob } from '../../../preload/contract/documents';
import { api } from '../bridge';
import { formatTime } from '../cases/CaseList';
import { CopyLabel } from './CopyLabel';
import { PrintDialog } from './PrintDialog';
import { usePrintErrorText } from './use-printer-words';

const stateColors: Record<PrintJob['state'], string> = { pending: 'default', succeeded: 'green', failed: 'red' };

/**
 * The case page's paper: the notice of every decision and the material bundle, each with
 * 预览并打印, and the print history (a failed job offers 重新打印, still as the same print).
 */
export function CaseDocuments({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const printErrorText = usePrintErrorText();
  const [open, setOpen] = useState<CaseDocumentRef | null>(null);
  const [jobs, setJobs] = useState<PrintJob[] | null>(null);

  const load = useCallback(async () => {
    const result = await api.printing.history({ caseId: detail.id });
    setJobs(result.ok ? result.value : []);
  }, [detail.id]);

  useEffect(() => {
    void load();
  }, [load]);

  const documents: { ref: CaseDocumentRef; label: string }[] = [
    ...[...detail.decisions].reverse().map((d) => ({
      ref: { kind: noticeForDecision[d.kind], caseId: detail.id, version: d.version },
      label: `${t(`printing.kinds.${noticeForDecision[d.kind]}`)} · ${t('printing.version', { version: d.version })}`,
    })),
    ...(detail.decisions.length
      ? [{ ref: { kind: 'bundle' as const, caseId: detail.id }, label: t('printing.bundle') }]
      : []),
  ];

  return (
    <div className="case-documents" data-testid="case-documents">
      {documents.length === 0 ? (
        <Typography.Text type="secondary">{t('cases.page.noDecisions')}</Typography.Text>
      ) : (
        <ul className="case-document-list">
          {documents.map((d) => (
            <li key={`${d.ref.kind}-${d.ref.version ?? 'latest'}`}>
              <FileTextOutlined /> <span className="case-document-name">{d.label}</span>
              <Button
                size="small"
                icon={<PrinterOutlined />}
                onClick={() => setOpen(d.ref)}
                data-testid={`print-${d.ref.kind}-${d.ref.version ?? 'latest'}`}
              >
                {t('printing.previewAndPrint')}
              </Button>
            </li>
          ))}
        </ul>
      )}
      <h4 className="case-subtitle">{t('printing.history')}</h4>
      <Table<PrintJob>
        size="small"
        rowKey="id"
        pagination={false}
        loading={jobs === null}
        dataSource={jobs ?? []}
        locale={{ emptyText: t('printing.historyEmpty') }}
        data-testid="print-history"
        // The case page's side column is narrow: three columns, each holding two lines, so nothing
        // is squeezed into one character per line (the reason of a failure wraps under its state).
        className="print-history"
        columns={[
          {
            title: t('printing.columns.time'),
            dataIndex: 'createdAt',
            width: 96,
            render: (v: string, job) => (
              <div className="print-history-cell">
                <span>{formatTime(v)}</span>
                <Typography.Text type="secondary">{job.clerkName}</Typography.Text>
              </div>
            ),
          },
          {
            title: t('printing.columns.document'),
            render: (_: unknown, job) => (
              <div className="print-history-cell">
                <span>
                  {`${t(`printing.kinds.${job.kind}`)}${job.caseVersion ? ` v${job.caseVersion}` : ''}`}{' '}
                  <CopyLabel copyNumber={job.copyNumber} copies={job.copies} />
                </span>
                <Typography.Text type="secondary">{job.printer || t('printing.browserPrinter')}</Typography.Text>
              </div>
            ),
          },
          {
            title: t('printing.columns.state'),
            width: 96,
            render: (_: unknown, job) => (
              <span data-state={job.state}>
                <Tag color={stateColors[job.state]}>{t(`printing.states.${job.state}`)}</Tag>
                {job.state === 'failed' && job.caseId && job.kind !== 'daily_report' && (
                  <Button
                    size="small"
                    type="link"
                    className="print-history-reprint"
                    onClick={() =>
                      setOpen({
                        kind: job.kind as CaseDocumentRef['kind'],
                        caseId: job.caseId!,
                        version: job.caseVersion ?? undefined,
                      })
                    }
                  >
                    {t('printing.reprint')}
                  </Button>
                )}
              </span>
            ),
          },
        ]}
        expandable={{
          // The reason of a failure, on its own line across the whole row.
          expandedRowRender: (job) => (
            <Typography.Text type="danger" className="print-history-error">
              {printErrorText(job)}
            </Typography.Text>
          ),
          rowExpandable: (job) => !!job.error,
          expandedRowKeys: (jobs ?? []).filter((j) => j.error).map((j) => j.id),
          showExpandColumn: false,
        }}
      />
      {open && (
        <PrintDialog
          docRef={open}
          onClose={() => {
            setOpen(null);
            void load();
          }}
          onPrinted={() => void load()}
        />
      )}
    </div>
  );
}
