import {
  Badge,
  Button,
  Checkbox,
  Empty,
  Input,
  Segmented,
  Select,
  Table,
  Tooltip,
  Typography,
  type InputRef,
} from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState, type HTMLAttributes, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { caseStates, type CaseState } from '@yichuang/domain/cases';
import { hallDateTime, hallShown } from '@yichuang/domain/hall-time';
import { type CaseList as CaseListPage, type CaseListQuery, type CaseSummary } from '../../../preload/contract/cases';
import { matterMatchRank, type CatalogMatter } from '@yichuang/domain/catalog';
import { useSession } from '../app/session';
import { api } from '../bridge';
import { HallRangePicker } from '../lib/HallRangePicker';
import type { HallRange } from '../lib/picker-dates';
import { useRun } from '../lib/result';
import { useSync } from '../sync/sync-context';
import { CaseStateTag, DaysLeft } from './CaseStateTag';

const pageSize = 50;
/** Table header and pager under the scrolling body, in px. */
const tableChrome = 39 + 44;

interface Filters {
  search: string;
  /** Hall dates the cases were started on. */
  range: HallRange | null;
  states: CaseState[];
  matterCode: string | null;
  mine: boolean;
  dueSoon: boolean;
}

const noFilters: Filters = { search: '', range: null, states: [], matterCode: null, mine: false, dueSoon: false };

function filtered(f: Filters): boolean {
  return Boolean(f.search || f.range || f.states.length || f.matterCode || f.mine || f.dueSoon);
}

/**
 * An instant as the hall reads it, `YYYY-MM-DD HH:mm` on the hall's clock (not the PC's zone): the
 * case screens' times (list, case page and its timeline, documents, central's decisions).
 */
export function formatTime(at: string): string {
  return hallShown(hallDateTime, at);
}

/** The height of an element as it is laid out (the panel the table fills). */
function useHeight(element: HTMLElement | null): number {
  const [height, setHeight] = useState(0);
  useEffect(() => {
    if (!element) return;
    const measure = () => setHeight(element.clientHeight);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [element]);
  return height;
}

/** The 办件 list: one row of filters, server-side pages of 50, rows open with a click or Enter. */
export function CaseList({
  onOpen,
  active = true,
  findRequest = 0,
}: {
  onOpen: (caseId: string) => void;
  active?: boolean;
  /** Changes on every Ctrl+F: focus the search box. */
  findRequest?: number;
}) {
  const { t, i18n } = useTranslation();
  const run = useRun();
  const { state: session } = useSession();
  const userId = session?.user?.id ?? null;

  const [searchText, setSearchText] = useState('');
  const [filters, setFilters] = useState<Filters>(noFilters);
  const [page, setPage] = useState(1);
  const [data, setData] = useState<CaseListPage | null>(null);
  const [loading, setLoading] = useState(false);
  const [matters, setMatters] = useState<CatalogMatter[]>([]);
  const [panel, setPanel] = useState<HTMLDivElement | null>(null);
  const panelHeight = useHeight(panel);
  const searchRef = useRef<InputRef>(null);
  const request = useRef(0);
  const lastOpened = useRef<string | null>(null);

  const query = useMemo<CaseListQuery>(
    () => ({
      offset: (page - 1) * pageSize,
      limit: pageSize,
      ...(filters.search ? { search: filters.search } : {}),
      ...(filters.states.length ? { states: filters.states } : {}),
      ...(filters.matterCode ? { matterCode: filters.matterCode } : {}),
      ...(filters.mine && userId !== null ? { clerkId: userId } : {}),
      ...(filters.range ? { from: filters.range.from, to: filters.range.to } : {}),
      ...(filters.dueSoon ? { dueWithin: 3 } : {}),
    }),
    [filters, page, userId],
  );

  const load = useCallback(async () => {
    const mine = ++request.current;
    setLoading(true);
    const result = await run(api.cases.list(query));
    if (mine !== request.current) return;
    setLoading(false);
    if (result) setData(result);
  }, [query, run]);

  // Loads again whenever the list is shown (a case may have changed on its page), and when central's
  // decisions arrive or are seen (the unseen count moved): the marker follows.
  const { unseenCount } = useSync();
  useEffect(() => {
    if (active) void load();
  }, [load, active, unseenCount]);

  useEffect(() => {
    void run(api.catalog.list({})).then((catalog) => {
      if (catalog) setMatters(catalog.matters);
    });
  }, [run]);

  // Back from a case: focus its row once, so ↑/↓ and Enter go on from there.
  useEffect(() => {
    const id = lastOpened.current;
    if (!active || !panel || !id) return;
    const row = panel.querySelector<HTMLElement>(`tr[data-row-key="${CSS.escape(id)}"]`);
    if (!row) return;
    lastOpened.current = null;
    row.focus();
  }, [active, panel, data]);

  const focusSearch = useCallback(() => searchRef.current?.focus({ cursor: 'all' }), []);
  useEffect(() => {
    if (findRequest === 0 || !active) return;
    lastOpened.current = null;
    focusSearch();
  }, [findRequest, active, focusSearch]);

  const update = (patch: Partial<Filters>) => {
    setFilters((f) => ({ ...f, ...patch }));
    setPage(1);
  };

  const open = (row: CaseSummary) => {
    lastOpened.current = row.id;
    onOpen(row.id);
  };

  const focusRow = (from: HTMLElement | null, direction: 'first' | 'next' | 'previous') => {
    let target: Element | null = null;
    if (direction === 'first') target = panel?.querySelector('tr[data-row-key]') ?? null;
    else if (from) target = direction === 'next' ? from.nextElementSibling : from.previousElementSibling;
    if (target instanceof HTMLElement && target.dataset.rowKey) target.focus();
    else if (direction === 'previous') focusSearch();
  };

  const onRowKey = (event: KeyboardEvent<HTMLElement>, row: CaseSummary) => {
    if (event.target !== event.currentTarget) return;
    if (event.key === 'Enter') {
      event.preventDefault();
      open(row);
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      focusRow(event.currentTarget, event.key === 'ArrowDown' ? 'next' : 'previous');
    }
  };

  const matterByCode = useMemo(() => new Map(matters.map((m) => [m.code, m])), [matters]);
  const english = i18n.language === 'en';
  const matterName = (row: CaseSummary) => {
    const m = row.matterCode ? matterByCode.get(row.matterCode) : undefined;
    return (english ? m?.nameEn : undefined) ?? row.matterName ?? '—';
  };

  const hasFilters = filtered(filters);
  const empty = (
    <Empty
      image={Empty.PRESENTED_IMAGE_SIMPLE}
      data-testid="case-list-empty"
      description={
        hasFilters ? (
          <>
            <div>{t('cases.list.empty')}</div>
            <Typography.Text type="secondary">{t('cases.list.emptyHint')}</Typography.Text>
          </>
        ) : (
          t('cases.list.emptyNone')
        )
      }
    >
      {hasFilters && (
        <Button
          size="small"
          data-testid="case-filters-clear"
          onClick={() => {
            setSearchText('');
            update(noFilters);
          }}
        >
          {t('cases.list.clear')}
        </Button>
      )}
    </Empty>
  );

  return (
    <div className="case-list" data-testid="case-list">
      <div className="case-filters">
        <Input.Search
          ref={searchRef}
          className="case-search"
          allowClear
          maxLength={40}
          placeholder={t('cases.list.search')}
          title={t('cases.list.searchHelp')}
          value={searchText}
          onChange={(event) => setSearchText(event.target.value)}
          onSearch={(value) => update({ search: value.trim() })}
          onKeyDown={(event) => {
            if (event.key === 'ArrowDown') {
              event.preventDefault();
              focusRow(null, 'first');
            }
          }}
          data-testid="case-search"
        />
        <HallRangePicker
          className="case-range"
          allowClear
          placeholder={[t('cases.list.from'), t('cases.list.to')]}
          value={filters.range}
          onChange={(range) => update({ range })}
          data-testid="case-range"
        />
        <Select<CaseState[]>
          className="case-states"
          mode="multiple"
          allowClear
          maxTagCount="responsive"
          placeholder={t('cases.list.states')}
          aria-label={t('cases.list.states')}
          value={filters.states}
          onChange={(states) => update({ states })}
          options={caseStates.map((s) => ({ value: s, label: t(`cases.states.${s}`) }))}
          data-testid="case-states"
        />
        <Select<string>
          className="case-matter"
          allowClear
          placeholder={t('cases.list.matter')}
          aria-label={t('cases.list.matter')}
          value={filters.matterCode ?? undefined}
          onChange={(matterCode) => update({ matterCode: matterCode ?? null })}
          popupMatchSelectWidth={360}
          showSearch={{
            filterOption: (input, option) => {
              const m = typeof option?.value === 'string' ? matterByCode.get(option.value) : undefined;
              return m ? matterMatchRank(m, input) !== null : false;
            },
          }}
          options={matters.map((m) => ({ value: m.code, label: (english ? m.nameEn : undefined) ?? m.name }))}
          data-testid="case-matter"
        />
        <Segmented<'all' | 'mine'>
          className="case-clerk"
          value={filters.mine ? 'mine' : 'all'}
          onChange={(value) => update({ mine: value === 'mine' })}
          options={[
            { value: 'all', label: t('cases.list.clerkAll') },
            { value: 'mine', label: t('cases.list.clerkMine'), disabled: userId === null },
          ]}
          data-testid="case-clerk"
        />
        <Checkbox
          className="case-due-soon"
          checked={filters.dueSoon}
          onChange={(event) => update({ dueSoon: event.target.checked })}
          data-testid="case-due-soon"
        >
          {t('cases.list.dueSoon')}
        </Checkbox>
      </div>
      <div className="case-table" ref={setPanel}>
        <Table<CaseSummary>
          rowKey="id"
          size="small"
          loading={loading}
          dataSource={data?.rows ?? []}
          locale={{ emptyText: loading && !data ? ' ' : empty }}
          scroll={{ y: Math.max(120, panelHeight - tableChrome) }}
          pagination={{
            current: page,
            pageSize,
            total: data?.total ?? 0,
            size: 'small',
            showSizeChanger: false,
            hideOnSinglePage: false,
            showTotal: (total) => `${t('cases.list.total', { total })} · ${t('cases.list.openHint')}`,
            onChange: setPage,
          }}
          onRow={(row) =>
            ({
              tabIndex: 0,
              'data-testid': `case-row-${row.number ?? row.id}`,
              'data-unseen': row.centralUnseen ? 'true' : undefined,
              className: row.centralUnseen ? 'case-row-unseen' : undefined,
              onClick: () => open(row),
              onKeyDown: (event: KeyboardEvent<HTMLElement>) => onRowKey(event, row),
            }) as HTMLAttributes<HTMLElement>
          }
          columns={[
            {
              title: t('cases.list.columns.number'),
              dataIndex: 'number',
              width: 212,
              render: (number: string | null, row) => (
                <span className="case-number-cell">
                  {number ?? '—'}
                  {row.centralUnseen && (
                    <Tooltip title={t('cases.list.unseenHelp')}>
                      <span className="case-unseen" data-testid="case-unseen">
                        <Badge status="error" />
                        {t('cases.list.unseen')}
                      </span>
                    </Tooltip>
                  )}
                </span>
              ),
            },
            {
              title: t('cases.list.columns.state'),
              dataIndex: 'state',
              width: 132,
              render: (state: CaseState, row) => (
                <CaseStateTag state={state} overdue={row.daysLeft !== null && row.daysLeft < 0} />
              ),
            },
            {
              title: t('cases.list.columns.matter'),
              dataIndex: 'matterName',
              ellipsis: true,
              render: (_: unknown, row) => matterName(row),
            },
            {
              title: t('cases.list.columns.applicant'),
              dataIndex: 'applicantName',
              width: 170,
              render: (name: string, row) => (
                <div className="case-two-lines">
                  <div className="case-ellipsis">{name || '—'}</div>
                  {row.applicantIdMasked && <div className="case-secondary case-mono">{row.applicantIdMasked}</div>}
                </div>
              ),
            },
            {
              title: t('cases.list.columns.window'),
              dataIndex: 'windowNumber',
              width: 112,
              render: (windowNumber: number, row) => (
                <div className="case-two-lines">
                  <div>{t('cases.list.window', { window: windowNumber })}</div>
                  <div className="case-secondary case-ellipsis">{row.clerkName}</div>
                </div>
              ),
            },
            {
              title: t('cases.list.columns.time'),
              dataIndex: 'decidedAt',
              width: 140,
              render: (decidedAt: string | null, row) => (
                <span className="nowrap">{formatTime(decidedAt ?? row.createdAt)}</span>
              ),
            },
            {
              title: t('cases.list.columns.promised'),
              key: 'promised',
              width: 190,
              render: (_: unknown, row) => <DaysLeft summary={row} />,
            },
          ]}
        />
      </div>
    </div>
  );
}
