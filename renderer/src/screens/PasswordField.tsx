import { Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';

/** A new password with its confirmation; the strength rule itself is checked by the service. */
export function NewPasswordFields({
  name,
  label,
  confirmLabel,
}: {
  name: string;
  label: string;
  confirmLabel: string;
}) {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item
        name={name}
        label={label}
        extra={t('passwordRule')}
        rules={[{ required: true, message: t('passwordRule') }]}
      >
        <Input.Password autoComplete="new-password" data-testid={`${name}-input`} />
      </Form.Item>
      <Form.Item
        name={`${name}Confirm`}
        label={confirmLabel}
        dependencies={[name]}
        rules={[
          { required: true, message: t('firstRun.passwordMismatch') },
          ({ getFieldValue }) => ({
            validator: (_rule, value) =>
              value === getFieldValue(name)
                ? Promise.resolve()
                : Promise.reject(new Error(t('firstRun.passwordMismatch'))),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" data-testid={`${name}-confirm-input`} />
      </Form.Item>
    </>
  );
}
