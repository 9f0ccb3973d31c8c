import { Form, Input, Select, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PersonDraft } from '@yichuang/domain/cases';
import { idTypes } from '@yichuang/domain/cases';
import { maskIdNumber } from '@yichuang/domain/id-numbers';
import { useState } from 'react';
import type { FieldProblems } from '../../../preload/contract/intake';
import { useFieldCheck } from './focus';

interface PersonFieldsProps {
  /** `person` or `agent`: names the test ids, the field paths and the audit of what was typed. */
  slot: 'person' | 'agent';
  value: PersonDraft;
  problems: FieldProblems;
  /** The matter needs a phone (its form's phone is this one: typed once, here). */
  phoneRequired?: boolean;
  onChange: (next: PersonDraft) => void;
  /** Called when a whole, valid ID number has been typed (to look up earlier cases). */
  onIdComplete?: (idNumber: string) => void;
}

/**
 * Name, ID type and number, phone: checked as the clerk leaves each (GB 11643 check digit, birth
 * date, region), with the message saying what to fix; Tab out of a wrong value keeps the focus.
 * A number read from the card is shown masked until the field is focused, so a passer-by does
 * not see it.
 */
export function PersonFields({ slot, value, problems, phoneRequired, onChange, onIdComplete }: PersonFieldsProps) {
  const { t } = useTranslation();
  const [idFocused, setIdFocused] = useState(false);
  const name = useFieldCheck(`${slot}.name`, value.name, problems.name);
  const id = useFieldCheck(`${slot}.idNumber`, value.idNumber, problems.idNumber);
  const phone = useFieldCheck(`${slot}.phone`, value.phone, problems.phone);
  const typed = (patch: Partial<PersonDraft>) => {
    // Typing over an identifying field means the card no longer vouches for it.
    const identifying = 'name' in patch || 'idNumber' in patch || 'idType' in patch;
    onChange({ ...value, ...patch, ...(identifying ? { source: 'typed' as const } : {}) });
  };
  const idShown =
    !idFocused && value.source === 'card' && value.idNumber ? maskIdNumber(value.idNumber) : value.idNumber;

  return (
    <>
      <Form.Item
        label={t('intake.person.name')}
        required
        validateStatus={name.problem ? 'error' : undefined}
        help={name.problem}
      >
        <Input
          data-testid={`${slot}-name`}
          aria-label={t('intake.person.name')}
          {...name.input}
          value={value.name}
          maxLength={60}
          onChange={(e) => typed({ name: e.target.value })}
          suffix={value.source === 'card' ? <Tag color="blue">{t('intake.person.fromCard')}</Tag> : null}
        />
      </Form.Item>
      <Form.Item label={t('intake.person.idType')}>
        <Select
          data-testid={`${slot}-id-type`}
          aria-label={t('intake.person.idType')}
          value={value.idType}
          onChange={(idType) => typed({ idType })}
          options={idTypes.map((type) => ({ value: type, label: t(`idTypes.${type}`) }))}
        />
      </Form.Item>
      <Form.Item
        label={t('intake.person.idNumber')}
        required
        validateStatus={id.problem ? 'error' : undefined}
        help={id.problem}
        hasFeedback={value.idNumber !== '' && (!!id.problem || !problems.idNumber)}
      >
        <Input
          data-testid={`${slot}-id-number`}
          aria-label={t('intake.person.idNumber')}
          {...id.input}
          value={idShown}
          maxLength={18}
          className="mono"
          onFocus={() => setIdFocused(true)}
          onBlur={() => {
            setIdFocused(false);
            id.input.onBlur();
          }}
          onChange={(e) => {
            const idNumber = e.target.value.replace(/\s/g, '').toUpperCase();
            typed({ idNumber });
            if (idNumber.length === 18) onIdComplete?.(idNumber);
          }}
        />
      </Form.Item>
      <Form.Item
        label={t('intake.person.phone')}
        required={phoneRequired}
        validateStatus={phone.problem ? 'error' : undefined}
        help={phone.problem}
      >
        <Input
          data-testid={`${slot}-phone`}
          aria-label={t('intake.person.phone')}
          {...phone.input}
          value={value.phone}
          maxLength={20}
          onChange={(e) => typed({ phone: e.target.value.trim() })}
        />
      </Form.Item>
    </>
  );
}
