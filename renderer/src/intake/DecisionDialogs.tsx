import { PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, Checkbox, Descriptions, Input, Modal, Select, Space, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../../preload/contract/cases';
import type { Decision } from '@yichuang/domain/cases';
import type { Matter } from '@yichuang/domain/catalog';
import type { WorkingDate } from '@yichuang/domain/calendar';
import type { ChecklistEntry } from '../../../preload/contract/intake';
import { noticeForDecision, type PrintJob } from '../../../preload/contract/documents';
import { useShortcuts } from '../app/shortcuts';
import { CopyLabel } from '../printing/CopyLabel';
import { PrintDialog } from '../printing/PrintDialog';
import { useAutoPrint } from '../printing/use-auto-print';
import { itemProblemText } from './item-problem';
import { CitizenRatingTag } from '../citizen/CitizenControl';

export type DecisionDialog = 'accept' | 'supplement' | 'reject' | null;

/** The reason the notice starts from, in words for the citizen (the clerk edits it). */
function defaultReason(entry: ChecklistEntry): string {
  if (entry.status !== 'missing') return '';
  if (entry.pages === 0 && !entry.state.eLicence) return entry.item.eLicence ? '未提供（可提供电子证照）' : '未提供';
  return '需携带原件核验';
}

interface DialogsProps {
  open: DecisionDialog;
  matter: Matter;
  entries: ChecklistEntry[];
  applicantName: string;
  promised: WorkingDate | null;
  busy: boolean;
  onDecide: (decision: Decision) => void;
  onClose: () => void;
}

/**
 * The three decisions, each asked once: accept is confirmed by pressing F8 again (not a mouse
 * hunt); the supplement notice lists every missing or deficient item with its reason, once;
 * a rejection takes a reason from the matter's list plus free text.
 */
export function DecisionDialogs({
  open,
  matter,
  entries,
  applicantName,
  promised,
  busy,
  onDecide,
  onClose,
}: DialogsProps) {
  const { t } = useTranslation();
  const [picked, setPicked] = useState<Record<string, string>>({});
  const [note, setNote] = useState('');
  const [reasonCode, setReasonCode] = useState<string | null>(null);
  const [text, setText] = useState('');

  // Each time the supplement notice opens, it starts from what is missing now.
  useEffect(() => {
    if (open === 'supplement') {
      const missing: Record<string, string> = {};
      for (const e of entries) if (e.required && e.status === 'missing') missing[e.item.id] = defaultReason(e);
      setPicked(missing);
      setNote('');
    }
    if (open === 'reject') {
      setReasonCode(null);
      setText('');
    }
  }, [open, entries]);

  // Each decision's key, pressed again in its dialog, confirms it (once the dialog is filled in).
  useShortcuts({ F8: () => onDecide({ kind: 'accept' }) }, open === 'accept' && !busy);

  const supplementItems = Object.entries(picked).map(([itemId, reason]) => ({ itemId, reason: reason.trim() }));
  const supplementReady = supplementItems.length > 0 && supplementItems.every((x) => x.reason);
  useShortcuts(
    { F9: () => onDecide({ kind: 'supplement', items: supplementItems, note: note.trim() }) },
    open === 'supplement' && supplementReady && !busy,
  );
  useShortcuts(
    { F10: () => reasonCode && onDecide({ kind: 'reject', reasonCode, text: text.trim() }) },
    open === 'reject' && !!reasonCode && !busy,
  );

  return (
    <>
      <Modal
        open={open === 'accept'}
        title={t('intake.decide.acceptTitle')}
        okText={
          <span>
            {t('intake.decide.acceptConfirm')} <kbd>F8</kbd>
          </span>
        }
        okButtonProps={{ 'data-testid': 'confirm-accept', loading: busy }}
        onOk={() => onDecide({ kind: 'accept' })}
        onCancel={onClose}
      >
        <Descriptions column={1} size="small" bordered>
          <Descriptions.Item label={t('intake.decide.matter')}>{matter.name}</Descriptions.Item>
          <Descriptions.Item label={t('intake.decide.applicant')}>{applicantName}</Descriptions.Item>
          <Descriptions.Item label={t('intake.decide.materials')}>
            {t('intake.decide.materialsCount', {
              items: entries.filter((e) => e.status === 'complete').length,
              pages: entries.reduce((s, e) => s + e.pages, 0),
            })}
          </Descriptions.Item>
          <Descriptions.Item label={t('intake.decide.promised')}>
            {promised ? (
              <Space>
                {promised.date}
                {t('intake.decide.workingDays', { days: matter.promisedDays })}
                {promised.provisional && <Tag color="orange">{t('intake.provisional')}</Tag>}
              </Space>
            ) : (
              '—'
            )}
          </Descriptions.Item>
        </Descriptions>
        <Typography.Paragraph type="secondary" className="decide-hint">
          {t('intake.decide.acceptHint')}
        </Typography.Paragraph>
      </Modal>

      <Modal
        open={open === 'supplement'}
        title={t('intake.decide.supplementTitle')}
        okText={
          <span>
            {t('intake.decide.supplementConfirm')} <kbd>F9</kbd>
          </span>
        }
        okButtonProps={{ disabled: !supplementReady, loading: busy, 'data-testid': 'confirm-supplement' }}
        onOk={() => onDecide({ kind: 'supplement', items: supplementItems, note: note.trim() })}
        onCancel={onClose}
        width={640}
      >
        <Typography.Paragraph type="secondary">{t('intake.decide.supplementHint')}</Typography.Paragraph>
        <div className="supplement-items" data-testid="supplement-items">
          {entries.map((e) => {
            const on = e.item.id in picked;
            return (
              <div key={e.item.id} className="supplement-item">
                <Checkbox
                  checked={on}
                  data-testid={`supplement-pick-${e.item.id}`}
                  onChange={(ev) =>
                    setPicked((p) => {
                      const next = { ...p };
                      if (ev.target.checked) next[e.item.id] = defaultReason(e);
                      else delete next[e.item.id];
                      return next;
                    })
                  }
                >
                  {e.item.name}
                  {e.status === 'missing' && (
                    <Tag color="orange" className="supplement-missing">
                      {itemProblemText(t, e)}
                    </Tag>
                  )}
                </Checkbox>
                {on && (
                  <Input
                    size="small"
                    data-testid={`supplement-reason-${e.item.id}`}
                    aria-label={t('intake.decide.reasonFor', { item: e.item.name })}
                    value={picked[e.item.id]}
                    maxLength={200}
                    placeholder={t('intake.decide.reasonPlaceholder')}
                    status={picked[e.item.id]?.trim() ? undefined : 'error'}
                    onChange={(ev) => setPicked((p) => ({ ...p, [e.item.id]: ev.target.value }))}
                  />
                )}
              </div>
            );
          })}
        </div>
        <Input.TextArea
          value={note}
          maxLength={500}
          autoSize={{ minRows: 2, maxRows: 4 }}
          placeholder={t('intake.decide.notePlaceholder')}
          aria-label={t('intake.decide.notePlaceholder')}
          onChange={(e) => setNote(e.target.value)}
          data-testid="supplement-note"
        />
      </Modal>

      <Modal
        open={open === 'reject'}
        title={t('intake.decide.rejectTitle')}
        okText={
          <span>
            {t('intake.decide.rejectConfirm')} <kbd>F10</kbd>
          </span>
        }
        okButtonProps={{ danger: true, disabled: !reasonCode, loading: busy, 'data-testid': 'confirm-reject' }}
        onOk={() => reasonCode && onDecide({ kind: 'reject', reasonCode, text: text.trim() })}
        onCancel={onClose}
        width={600}
      >
        <Space direction="vertical" style={{ width: '100%' }}>
          <Select
            data-testid="reject-reason"
            style={{ width: '100%' }}
            placeholder={t('intake.decide.rejectReason')}
            aria-label={t('intake.decide.rejectReason')}
            value={reasonCode}
            onChange={(v: string) => setReasonCode(v)}
            options={matter.rejectReasons.map((r) => ({ value: r.code, label: r.text }))}
          />
          {reasonCode && (
            <Alert
              type="info"
              showIcon
              title={t('intake.decide.basis', {
                basis: matter.rejectReasons.find((r) => r.code === reasonCode)?.basis ?? '—',
              })}
            />
          )}
          <Input.TextArea
            data-testid="reject-text"
            value={text}
            maxLength={500}
            autoSize={{ minRows: 2, maxRows: 5 }}
            placeholder={t('intake.decide.rejectText')}
            aria-label={t('intake.decide.rejectText')}
            onChange={(e) => setText(e.target.value)}
          />
        </Space>
      </Modal>
    </>
  );
}

/** What the decision gave: the number, the state, the promised date; Enter starts the next case. */
export function DecisionResult({
  detail,
  onNext,
  onClose,
}: {
  detail: CaseDetail;
  onNext: () => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const last = detail.decisions[detail.decisions.length - 1];
  const [printing, setPrinting] = useState(false);
  const [printed, setPrinted] = useState<PrintJob | null>(null);
  const notice = last ? noticeForDecision[last.kind] : null;
  // Accepted: the receipt prints by itself when the window's printer is ready (Ctrl+P still previews).
  const auto = useAutoPrint(
    notice === 'receipt' && last ? { kind: notice, caseId: detail.id, version: last.version } : null,
  );
  const shownPrint = printed ?? (auto.step === 'done' ? auto.job : null);
  const keys = useMemo(() => ({ Enter: onNext, 'Ctrl+P': () => setPrinting(true) }), [onNext]);
  useShortcuts(keys, !printing);
  return (
    <Modal
      open
      title={
        <>
          {t(`intake.result.${detail.state}`)} <CitizenRatingTag caseId={detail.id} />
        </>
      }
      width={720}
      footer={(_, { OkBtn, CancelBtn }) => (
        <>
          {notice && (
            <Button icon={<PrinterOutlined />} onClick={() => setPrinting(true)} data-testid="result-print">
              {t('printing.previewAndPrint')} {t(`printing.kinds.${notice}`)} <kbd>Ctrl+P</kbd>
            </Button>
          )}
          <CancelBtn />
          <OkBtn />
        </>
      )}
      okText={
        <span>
          {t('intake.result.next')} <kbd>Enter</kbd>
        </span>
      }
      okButtonProps={{ 'data-testid': 'next-case' }}
      cancelText={t('intake.result.stay')}
      onOk={onNext}
      onCancel={onClose}
    >
      <Descriptions column={1} size="small" bordered data-testid="decision-result">
        <Descriptions.Item label={t('intake.result.number')}>
          <Typography.Text strong copyable className="mono case-number" data-testid="result-number">
            {detail.number}
          </Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t('intake.decide.matter')}>{detail.matterName}</Descriptions.Item>
        <Descriptions.Item label={t('intake.decide.applicant')}>
          {detail.applicantName} <Typography.Text type="secondary">{detail.applicantIdMasked}</Typography.Text>
        </Descriptions.Item>
        {detail.promisedDate && (
          <Descriptions.Item label={t('intake.decide.promised')}>
            <Space>
              <span data-testid="result-promised">{detail.promisedDate}</span>
              {detail.promisedProvisional && <Tag color="orange">{t('intake.provisional')}</Tag>}
            </Space>
          </Descriptions.Item>
        )}
        {last?.kind === 'supplement' && (
          <Descriptions.Item label={t('intake.result.supplementItems')}>
            {last.supplementItems
              .map((x) => `${x.name}${t('common.colon')}${x.reason}`)
              .join(t('common.listSeparator'))}
          </Descriptions.Item>
        )}
        {last?.rejectReason && (
          <Descriptions.Item label={t('intake.result.rejectReason')}>{last.rejectReason.text}</Descriptions.Item>
        )}
      </Descriptions>
      {shownPrint ? (
        <Typography.Paragraph className="decide-hint" data-testid="result-printed">
          {t(`printing.kinds.${shownPrint.kind}`)}{' '}
          <CopyLabel copyNumber={shownPrint.copyNumber} copies={shownPrint.copies} /> {t('printing.states.succeeded')}
        </Typography.Paragraph>
      ) : auto.step === 'printing' ? (
        <Typography.Paragraph className="decide-hint" data-testid="result-auto-printing">
          {t('intake.result.autoPrinting', { printer: auto.printer })}
        </Typography.Paragraph>
      ) : auto.step === 'failed' ? (
        <Typography.Paragraph type="danger" className="decide-hint" data-testid="result-auto-failed">
          {t('intake.result.autoPrintFailed', { error: auto.message })}
        </Typography.Paragraph>
      ) : (
        <Typography.Paragraph type="secondary" className="decide-hint">
          {t('intake.result.printHint')}
        </Typography.Paragraph>
      )}
      {printing && notice && last && (
        <PrintDialog
          docRef={{ kind: notice, caseId: detail.id, version: last.version }}
          onClose={() => setPrinting(false)}
          onPrinted={setPrinted}
        />
      )}
    </Modal>
  );
}
