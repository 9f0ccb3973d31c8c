import { DatePicker, Form, Input, InputNumber, Select } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { maskIdNumber } from '@yichuang/domain/id-numbers';
import type { FormField } from '@yichuang/domain/catalog';

interface MatterFormProps {
  fields: readonly FormField[];
  values: Record<string, string>;
  problems: Record<string, string>;
  onChange: (key: string, value: string) => void;
}

/** The matter's own form (field types, required, patterns), checked as the clerk types. */
export function MatterForm({ fields, values, problems, onChange }: MatterFormProps) {
  const { i18n } = useTranslation();
  // An ID number is shown masked except while its field is being edited (passers-by see the screen).
  const [editing, setEditing] = useState<string | null>(null);
  if (fields.length === 0) return null;
  return (
    <Form layout="vertical" size="small" className="intake-form matter-form" component="div">
      {fields.map((field) => {
        const value = values[field.key] ?? '';
        const problem = value !== '' ? problems[field.key] : undefined;
        const label = i18n.language === 'en' && field.labelEn ? field.labelEn : field.label;
        const testId = `form-${field.key}`;
        let input;
        switch (field.type) {
          case 'textarea':
            input = (
              <Input.TextArea
                data-testid={testId}
                value={value}
                maxLength={field.maxLength}
                autoSize={{ minRows: 1, maxRows: 3 }}
                onChange={(e) => onChange(field.key, e.target.value)}
              />
            );
            break;
          case 'number':
            input = (
              <InputNumber
                data-testid={testId}
                value={value === '' ? null : Number(value)}
                min={field.min}
                max={field.max}
                style={{ width: '100%' }}
                onChange={(n) => onChange(field.key, n === null ? '' : String(n))}
              />
            );
            break;
          case 'date':
            input = (
              <DatePicker
                data-testid={testId}
                value={value && dayjs(value).isValid() ? dayjs(value) : null}
                style={{ width: '100%' }}
                onChange={(d) => onChange(field.key, d ? d.format('YYYY-MM-DD') : '')}
              />
            );
            break;
          case 'select':
            input = (
              <Select
                data-testid={testId}
                value={value || null}
                options={(field.options ?? []).map((o) => ({ value: o, label: o }))}
                onChange={(v: string) => onChange(field.key, v)}
              />
            );
            break;
          default:
            input = (
              <Input
                data-testid={testId}
                value={
                  field.type === 'idNumber' && editing !== field.key && value.length === 18
                    ? maskIdNumber(value)
                    : value
                }
                onFocus={() => setEditing(field.key)}
                onBlur={() => setEditing(null)}
                maxLength={
                  field.maxLength ?? (field.type === 'idNumber' ? 18 : field.type === 'phone' ? 20 : undefined)
                }
                placeholder={field.placeholder}
                className={field.type === 'idNumber' ? 'mono' : undefined}
                onChange={(e) =>
                  onChange(field.key, field.type === 'idNumber' ? e.target.value.toUpperCase() : e.target.value)
                }
              />
            );
        }
        return (
          <Form.Item
            key={field.key}
            label={label}
            required={field.required}
            validateStatus={problem ? 'error' : undefined}
            help={problem}
            className={`form-type-${field.type}`}
          >
            {input}
          </Form.Item>
        );
      })}
    </Form>
  );
}
