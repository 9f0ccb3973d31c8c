import { Form, Input, InputNumber, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { maskIdNumber } from '@yichuang/domain/id-numbers';
import type { FormField } from '@yichuang/domain/catalog';
import { fieldProblem, type FieldProblem, type FieldProblems } from '../../../preload/contract/intake';
import { useFieldCheck } from './focus';

interface MatterFormProps {
  /** The matter's own fields: those the applicant panel holds (name, ID, phone) are entered there only. */
  fields: readonly FormField[];
  values: Record<string, string>;
  problems: FieldProblems;
  today: string;
  onChange: (key: string, value: string) => void;
}

/** A date as typed (20260301, 2026/3/1, 2026.3.1, 2026年3月1日) in the form's YYYY-MM-DD; other text as it is. */
export function normalizeDate(text: string): string {
  const value = text.trim();
  const match = /^(\d{4})(?:(\d{2})(\d{2})|[-/.年](\d{1,2})[-/.月](\d{1,2})日?)$/.exec(value);
  if (!match) return value;
  const [, year, m8, d8, m, d] = match;
  return `${year}-${(m8 ?? m ?? '').padStart(2, '0')}-${(d8 ?? d ?? '').padStart(2, '0')}`;
}

function FieldItem({
  field,
  value,
  problem,
  today,
  onChange,
}: {
  field: FormField;
  value: string;
  problem?: FieldProblem;
  today: string;
  onChange: (value: string) => void;
}) {
  const { t, i18n } = useTranslation();
  // An ID number is shown masked except while its field is being edited (passers-by see the screen).
  const [editing, setEditing] = useState(false);
  const check = useFieldCheck(
    `form.${field.key}`,
    value,
    problem,
    field.type === 'date'
      ? { normalize: normalizeDate, commit: onChange, recheck: (v) => fieldProblem(field, v, today) }
      : {},
  );
  const label = i18n.language === 'en' && field.labelEn ? field.labelEn : field.label;
  const testId = `form-${field.key}`;
  let input;
  switch (field.type) {
    case 'textarea':
      input = (
        <Input.TextArea
          data-testid={testId}
          aria-label={label}
          {...check.input}
          value={value}
          maxLength={field.maxLength}
          autoSize={{ minRows: 1, maxRows: 3 }}
          placeholder={field.placeholder}
          onChange={(e) => onChange(e.target.value)}
        />
      );
      break;
    case 'number':
      input = (
        <InputNumber
          data-testid={testId}
          aria-label={label}
          {...check.input}
          value={value === '' ? null : Number(value)}
          min={field.min}
          max={field.max}
          style={{ width: '100%' }}
          onChange={(n) => onChange(n === null ? '' : String(n))}
        />
      );
      break;
    case 'select':
      input = (
        <Select
          data-testid={testId}
          aria-label={label}
          data-field={check.input['data-field']}
          value={value || null}
          options={(field.options ?? []).map((o) => ({ value: o, label: o }))}
          onChange={(v: string) => onChange(v)}
        />
      );
      break;
    default:
      input = (
        <Input
          data-testid={testId}
          aria-label={label}
          {...check.input}
          value={field.type === 'idNumber' && !editing && value.length === 18 ? maskIdNumber(value) : value}
          onFocus={() => setEditing(true)}
          onBlur={() => {
            setEditing(false);
            check.input.onBlur();
          }}
          maxLength={
            field.maxLength ??
            (field.type === 'idNumber' ? 18 : field.type === 'phone' ? 20 : field.type === 'date' ? 12 : undefined)
          }
          placeholder={field.placeholder ?? (field.type === 'date' ? t('intake.form.datePlaceholder') : undefined)}
          className={field.type === 'idNumber' || field.type === 'date' ? 'mono' : undefined}
          onChange={(e) => {
            const typed = field.type === 'idNumber' ? e.target.value.toUpperCase() : e.target.value;
            // Eight digits are a whole date: shown as one at once.
            onChange(field.type === 'date' && /^\d{8}$/.test(typed) ? normalizeDate(typed) : typed);
          }}
        />
      );
  }
  return (
    <Form.Item
      label={label}
      required={field.required}
      validateStatus={check.problem ? 'error' : undefined}
      help={check.problem}
      className={`form-type-${field.type}`}
    >
      {input}
    </Form.Item>
  );
}

/**
 * The matter's own form (field types, required, patterns). Each field is checked as the clerk
 * leaves it, and Tab out of a wrong value keeps the focus there; a date is typed, not picked.
 */
export function MatterForm({ fields, values, problems, today, onChange }: MatterFormProps) {
  if (fields.length === 0) return null;
  return (
    <Form layout="vertical" size="small" className="intake-form matter-form" component="div">
      {fields.map((field) => (
        <FieldItem
          key={field.key}
          field={field}
          value={values[field.key] ?? ''}
          problem={problems[field.key]}
          today={today}
          onChange={(value) => onChange(field.key, value)}
        />
      ))}
    </Form>
  );
}
