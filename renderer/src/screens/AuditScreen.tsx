import { Alert, Button, Card, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { hallLocaleFormat, hallShown } from '@yichuang/domain/hall-time';
import { useTranslation } from 'react-i18next';
import { channels } from '../../../preload/contract/channels';
import type { AuditEntry, AuditVerification } from '../../../preload/contract/schemas';
import { auditActionLabel, auditCodeText, auditDetailText } from '../audit/audit-text';
import { api } from '../bridge';
import { useRun } from '../lib/result';

const resultColors = { ok: 'green', denied: 'orange', failed: 'red' } as const;
const pageSize = 100;

interface Filters {
  action?: string;
  username?: string;
  result?: AuditEntry['result'];
}

/** Supervisor/admin: the audit trail, newest first, with the hash chain's verdict on top. */
export function AuditScreen() {
  const { t, i18n } = useTranslation();
  const run = useRun();
  const [entries, setEntries] = useState<AuditEntry[]>([]);
  const [caseNumbers, setCaseNumbers] = useState<Record<string, string | null>>({});
  const [total, setTotal] = useState(0);
  const [verification, setVerification] = useState<AuditVerification | null>(null);
  const [filters, setFilters] = useState<Filters>({});
  const [loading, setLoading] = useState(false);

  const actionLabel = (action: string) => auditActionLabel(t, { action, result: 'ok' });
  /** A case by its number (a draft has none yet); other targets as recorded. */
  const targetText = (target: string | null) => {
    if (!target) return '—';
    if (!Object.hasOwn(caseNumbers, target)) return target;
    return caseNumbers[target] ?? t('audit.draftCase');
  };

  const load = useCallback(
    async (beforeSeq?: number) => {
      setLoading(true);
      const page = await run(api.audit.list({ ...filters, limit: pageSize, ...(beforeSeq ? { beforeSeq } : {}) }));
      setLoading(false);
      if (!page) return;
      setTotal(page.total);
      setCaseNumbers((previous) => (beforeSeq ? { ...previous, ...page.caseNumbers } : page.caseNumbers));
      setEntries((previous) => (beforeSeq ? [...previous, ...page.entries] : page.entries));
    },
    [filters, run],
  );

  const verify = useCallback(async () => {
    const result = await run(api.audit.verify({}));
    if (result) setVerification(result);
  }, [run]);

  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => {
    void verify();
  }, [verify]);

  const actionOptions = [...new Set([...Object.keys(channels), 'auth.accountLocked'])]
    .filter((name) => t(`audit.actions.${name}`, { defaultValue: '' }) !== '')
    .map((name) => ({ value: name, label: actionLabel(name) }));

  // The table scrolls on its own: its scroller takes the keyboard (arrow keys) and is named.
  const cardRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const body = cardRef.current?.querySelector('.ant-table-body');
    body?.setAttribute('tabindex', '0');
    body?.setAttribute('role', 'region');
    body?.setAttribute('aria-label', t('audit.title'));
  });

  return (
    <Card ref={cardRef} title={t('audit.title')} data-testid="audit">
      {verification && (
        <Alert
          data-testid="audit-verification"
          type={verification.ok ? 'success' : 'error'}
          showIcon
          style={{ marginBottom: 12 }}
          title={
            verification.ok
              ? verification.count === 0
                ? t('audit.verifiedEmpty')
                : t('audit.verifiedOk', { count: verification.count, head: verification.headHash?.slice(0, 12) })
              : t('audit.verifiedBad', {
                  seq: verification.firstBadSeq,
                  problem: verification.problem ? t(`audit.problems.${verification.problem}`) : '',
                })
          }
          action={
            <Button size="small" onClick={() => void verify()}>
              {t('audit.verify')}
            </Button>
          }
        />
      )}
      <Space style={{ marginBottom: 12 }} wrap>
        <Select
          allowClear
          style={{ width: 200 }}
          placeholder={t('audit.filterAction')}
          aria-label={t('audit.filterAction')}
          options={actionOptions}
          onChange={(action?: string) => setFilters((f) => ({ ...f, action }))}
        />
        <Input.Search
          allowClear
          style={{ width: 200 }}
          placeholder={t('audit.filterUser')}
          onSearch={(username) => setFilters((f) => ({ ...f, username: username || undefined }))}
        />
        <Select
          allowClear
          style={{ width: 140 }}
          placeholder={t('audit.filterResult')}
          aria-label={t('audit.filterResult')}
          options={(['ok', 'denied', 'failed'] as const).map((r) => ({ value: r, label: t(`audit.results.${r}`) }))}
          onChange={(result?: AuditEntry['result']) => setFilters((f) => ({ ...f, result }))}
        />
        <Typography.Text type="secondary">{t('audit.total', { total })}</Typography.Text>
      </Space>
      <Table<AuditEntry>
        rowKey="seq"
        size="small"
        loading={loading}
        dataSource={entries}
        pagination={false}
        scroll={{ y: 'calc(100vh - 390px)' }}
        data-testid="audit-table"
        columns={[
          { title: '#', dataIndex: 'seq', width: 64 },
          {
            title: t('audit.time'),
            dataIndex: 'at',
            width: 170,
            render: (at: string) => hallShown((ms) => hallLocaleFormat(ms, i18n.language, 'dateTime'), at),
          },
          { title: t('audit.user'), dataIndex: 'username', width: 110, render: (u: string | null) => u ?? '—' },
          { title: t('audit.action'), dataIndex: 'action', width: 150, render: actionLabel },
          {
            title: t('audit.target'),
            dataIndex: 'target',
            width: 200,
            render: (v: string | null) => <span className="audit-target">{targetText(v)}</span>,
          },
          {
            title: t('audit.result'),
            dataIndex: 'result',
            width: 170,
            render: (result: AuditEntry['result'], row) => (
              <Space size={4}>
                <Tag color={resultColors[result]}>{t(`audit.results.${result}`)}</Tag>
                {row.code && (
                  <Typography.Text type="secondary" className="audit-code" title={row.code}>
                    {auditCodeText(row.code, i18n.language)}
                  </Typography.Text>
                )}
              </Space>
            ),
          },
          {
            title: t('audit.detail'),
            dataIndex: 'detail',
            ellipsis: true,
            render: (detail: AuditEntry['detail']) => auditDetailText(t, detail, i18n.language) || '—',
          },
        ]}
      />
      {entries.length < total && (
        <Button style={{ marginTop: 8 }} onClick={() => void load(entries.at(-1)?.seq)}>
          {t('common.loadMore')}
        </Button>
      )}
    </Card>
  );
}
