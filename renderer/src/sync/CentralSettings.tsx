import { Alert, App, Button, Descriptions, Form, Input } from 'antd';
import type { Rule } from 'antd/es/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { centralAddressProblem } from '../../../preload/contract/central-address';
import { enrolInputSchema, type EnrolInput, type SyncStatus } from '../../../preload/contract/sync';
import { useSession } from '../app/session';
import { api } from '../bridge';
import { useSync } from './sync-context';
import './sync.css';
import { useCodeText, useErrorText } from '../lib/result';

/** A field checked by the contract's own rule, so the form refuses what main would refuse, in the same words. */
function schemaRule(field: keyof EnrolInput): Rule {
  return {
    validator: (_rule, value: unknown) => {
      const parsed = enrolInputSchema.shape[field].safeParse(value ?? '');
      return parsed.success ? Promise.resolve() : Promise.reject(new Error(parsed.error.issues[0]?.message));
    },
  };
}

/** Central's address by the contract's one rule (https, or http on this PC only), said in the clerk's language. */
function useAddressRule(): Rule {
  const codeText = useCodeText();
  return {
    validator: (_rule, value: unknown) => {
      const problem = centralAddressProblem(typeof value === 'string' ? value : '');
      return problem ? Promise.reject(new Error(codeText({ code: problem }))) : Promise.resolve();
    },
  };
}

/** 已注册 with the workstation id, or 未注册. */
function EnrolmentState({ status }: { status: SyncStatus | null }) {
  const { t } = useTranslation();
  if (!status) return null;
  return status.enrolled ? (
    <Alert
      type="success"
      showIcon
      className="central-settings-state"
      data-testid="central-enrolled"
      title={t('sync.settings.enrolled', { id: status.workstationId ?? '—' })}
    />
  ) : (
    <Alert
      type="warning"
      showIcon
      className="central-settings-state"
      data-testid="central-not-enrolled"
      title={t('sync.settings.notEnrolled')}
    />
  );
}

/** The administrator's form: central's address and a one-time code, traded for a credential. */
function EnrolForm({ status }: { status: SyncStatus | null }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { setStatus } = useSync();
  const errorText = useErrorText();
  const [form] = Form.useForm<EnrolInput>();
  const addressRule = useAddressRule();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const enrol = async (values: EnrolInput) => {
    const input = enrolInputSchema.safeParse(values);
    if (!input.success) return; // the field rules said why
    setBusy(true);
    setError(null);
    const result = await api.sync.enrol(input.data);
    setBusy(false);
    if (!result.ok) {
      // Central's refusal in its own words, within the catalog's message; what was typed stays for a correction.
      setError(errorText(result.error));
      if (result.error.fields) {
        form.setFields(
          Object.entries(result.error.fields).map(([path, text]) => ({
            name: path as keyof EnrolInput,
            errors: [text],
          })),
        );
      }
      return;
    }
    setStatus(result.value);
    form.setFieldValue('code', '');
    void message.success(t('sync.settings.enrolled', { id: result.value.workstationId ?? '—' }));
  };

  return (
    <Form<EnrolInput>
      form={form}
      layout="vertical"
      initialValues={{ centralUrl: status?.centralUrl ?? '', code: '' }}
      onFinish={(values) => void enrol(values)}
      data-testid="central-form"
      requiredMark={false}
    >
      <Form.Item
        name="centralUrl"
        label={t('sync.settings.centralUrl')}
        extra={t('sync.settings.centralUrlHelp')}
        rules={[addressRule]}
        validateTrigger="onBlur"
      >
        <Input className="sync-mono" placeholder="https://" autoComplete="off" data-testid="central-url" />
      </Form.Item>
      <Form.Item
        name="code"
        label={t('sync.settings.code')}
        extra={t('sync.settings.codeHelp')}
        rules={[schemaRule('code')]}
        validateTrigger="onBlur"
        normalize={(value: string) => value.toUpperCase()}
      >
        <Input
          className="sync-mono"
          placeholder="XXXX-XXXX-XXXX"
          maxLength={20}
          autoComplete="off"
          style={{ maxWidth: 260 }}
          data-testid="central-code"
        />
      </Form.Item>
      {error && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="central-enrol-error"
          title={t('sync.settings.enrolFailed')}
          description={error}
        />
      )}
      <Button type="primary" htmlType="submit" loading={busy} data-testid="central-enrol">
        {status?.enrolled ? t('sync.settings.reenrol') : t('sync.settings.enrol')}
      </Button>
    </Form>
  );
}

/** Others see where central is and whether this workstation is enrolled, nothing to change. */
function CentralReadOnly({ status }: { status: SyncStatus | null }) {
  const { t } = useTranslation();
  return (
    <Descriptions
      size="small"
      column={1}
      data-testid="central-read-only"
      items={[
        {
          key: 'url',
          label: t('sync.settings.centralUrl'),
          children: <span className="sync-mono">{status?.centralUrl || t('sync.noAddress')}</span>,
        },
        {
          key: 'enrolled',
          label: t('sync.enrolment'),
          children: status?.enrolled
            ? t('sync.settings.enrolled', { id: status.workstationId ?? '—' })
            : t('sync.notEnrolled'),
        },
      ]}
    />
  );
}

/** 设置 → 中心: the administrator enrols this workstation at central; everyone else reads the state. */
export function CentralSettings() {
  const { state } = useSession();
  const { status } = useSync();
  const isAdmin = state?.user?.role === 'admin';
  return (
    <div className="central-settings" data-testid="central-settings">
      {isAdmin ? (
        <>
          <EnrolmentState status={status} />
          {/* Mounted again once the status has arrived, so the address it shows is filled in. */}
          <EnrolForm key={status ? 'ready' : 'waiting'} status={status} />
        </>
      ) : (
        <CentralReadOnly status={status} />
      )}
    </div>
  );
}
