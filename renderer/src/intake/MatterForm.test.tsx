// @vitest-environment jsdom
import { act, useState } from 'react';
import { describe, expect, it } from 'vitest';
import type { FormField } from '@yichuang/domain/catalog';
import { formProblems } from '../../../preload/contract/intake';
import { byTestId, render, setUpComponentTests, typeInto } from '../sync/test-support';
import { FieldCheckContext } from './focus';
import { MatterForm, normalizeDate } from './MatterForm';

setUpComponentTests();

const fields: FormField[] = [
  { key: 'since', label: '居住登记日期', type: 'date', required: true },
  { key: 'address', label: '居住地址', type: 'text', required: true },
];

/** The form as the intake holds it: values, their problems, the fields the clerk has left. */
function Harness() {
  const [values, setValues] = useState<Record<string, string>>({});
  const [left, setLeft] = useState<ReadonlySet<string>>(new Set());
  return (
    <FieldCheckContext.Provider value={{ left, showAll: false, leave: (p) => setLeft((s) => new Set(s).add(p)) }}>
      <MatterForm
        fields={fields}
        values={values}
        problems={formProblems(fields, values, '2026-10-01')}
        today="2026-10-01"
        onChange={(key, value) => setValues((v) => ({ ...v, [key]: value }))}
      />
    </FieldCheckContext.Provider>
  );
}

function tab(input: HTMLElement): KeyboardEvent {
  const event = new KeyboardEvent('keydown', { key: 'Tab', bubbles: true, cancelable: true });
  act(() => void input.dispatchEvent(event));
  return event;
}

describe('the matter form checks each field as it is left', () => {
  it('says nothing while a date is typed; Tab out of an impossible one names it and keeps the focus', async () => {
    const view = await render(<Harness />);
    const since = byTestId<HTMLInputElement>(view.host, 'form-since');
    act(() => since.focus());
    typeInto(since, '2026-02-30');
    expect(view.host.textContent).not.toContain('须为日期');
    expect(tab(since).defaultPrevented).toBe(true);
    expect(view.host.textContent).toContain('居住登记日期须为日期，格式 YYYY-MM-DD');
    expect(view.host.querySelector('.ant-form-item-has-error')).not.toBeNull();
    // Corrected: the message goes as it is typed, and Tab moves on (a date typed as 2026/3/1 tidied).
    typeInto(since, '2026/3/1');
    expect(tab(since).defaultPrevented).toBe(false);
    expect(byTestId<HTMLInputElement>(view.host, 'form-since').value).toBe('2026-03-01');
    expect(view.host.querySelector('.ant-form-item-has-error')).toBeNull();
  });

  it('reads dates typed the short ways', () => {
    expect(normalizeDate('20260301')).toBe('2026-03-01');
    expect(normalizeDate('2026.3.1')).toBe('2026-03-01');
    expect(normalizeDate('2026年3月1日')).toBe('2026-03-01');
    expect(normalizeDate('2026-02-30')).toBe('2026-02-30');
    expect(normalizeDate('3月1日')).toBe('3月1日');
  });
});
