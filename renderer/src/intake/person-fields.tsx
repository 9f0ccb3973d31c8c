import { Form, Input, Select, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PersonDraft } from '@yichuang/domain/cases';
import { idTypes } from '@yichuang/domain/cases';
import { maskIdNumber } from '@yichuang/domain/id-numbers';
import { useState } from 'react';

interface PersonFieldsProps {
  /** `person` or `agent`: names the test ids and the audit of what was typed. */
  slot: 'person' | 'agent';
  value: PersonDraft;
  problems: Record<string, string>;
  onChange: (next: PersonDraft) => void;
  /** Called when a whole, valid ID number has been typed (to look up earlier cases). */
  onIdComplete?: (idNumber: string) => void;
}

/**
 * Name, ID type and number, phone: checked as the clerk types (GB 11643 check digit, birth date,
 * region), with the message saying what to fix. A number read from the card is shown masked
 * until the field is focused, so a passer-by does not see it.
 */
export function PersonFields({ slot, value, problems, onChange, onIdComplete }: PersonFieldsProps) {
  const { t } = useTranslation();
  const [idFocused, setIdFocused] = useState(false);
  const typed = (patch: Partial<PersonDraft>) => {
    // Typing over an identifying field means the card no longer vouches for it.
    const identifying = 'name' in patch || 'idNumber' in patch || 'idType' in patch;
    onChange({ ...value, ...patch, ...(identifying ? { source: 'typed' as const } : {}) });
  };
  const idShown =
    !idFocused && value.source === 'card' && value.idNumber ? maskIdNumber(value.idNumber) : value.idNumber;
  const touched = (key: keyof PersonDraft) => value[key] !== '';
  const status = (key: 'name' | 'idNumber' | 'phone') => (touched(key) && problems[key] ? 'error' : undefined);

  return (
    <>
      <Form.Item
        label={t('intake.person.name')}
        required
        validateStatus={status('name')}
        help={touched('name') ? problems.name : undefined}
      >
        <Input
          data-testid={`${slot}-name`}
          value={value.name}
          maxLength={60}
          onChange={(e) => typed({ name: e.target.value })}
          suffix={value.source === 'card' ? <Tag color="blue">{t('intake.person.fromCard')}</Tag> : null}
        />
      </Form.Item>
      <Form.Item label={t('intake.person.idType')}>
        <Select
          data-testid={`${slot}-id-type`}
          value={value.idType}
          onChange={(idType) => typed({ idType })}
          options={idTypes.map((type) => ({ value: type, label: t(`idTypes.${type}`) }))}
        />
      </Form.Item>
      <Form.Item
        label={t('intake.person.idNumber')}
        required
        validateStatus={status('idNumber')}
        help={touched('idNumber') ? problems.idNumber : undefined}
        hasFeedback={touched('idNumber')}
      >
        <Input
          data-testid={`${slot}-id-number`}
          value={idShown}
          maxLength={18}
          className="mono"
          onFocus={() => setIdFocused(true)}
          onBlur={() => setIdFocused(false)}
          onChange={(e) => {
            const idNumber = e.target.value.replace(/\s/g, '').toUpperCase();
            typed({ idNumber });
            if (idNumber.length === 18) onIdComplete?.(idNumber);
          }}
        />
      </Form.Item>
      <Form.Item
        label={t('intake.person.phone')}
        validateStatus={status('phone')}
        help={touched('phone') ? problems.phone : undefined}
      >
        <Input
          data-testid={`${slot}-phone`}
          value={value.phone}
          maxLength={20}
          onChange={(e) => typed({ phone: e.target.value.trim() })}
        />
      </Form.Item>
    </>
  );
}
