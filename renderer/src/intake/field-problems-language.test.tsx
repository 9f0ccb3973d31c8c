// @vitest-environment jsdom
import { Form } from 'antd';
import { act, useState } from 'react';
import { describe, expect, it } from 'vitest';
import type { FormField } from '@yichuang/domain/catalog';
import { emptyPerson, type PersonDraft } from '@yichuang/domain/cases';
import { formProblems, personProblems } from '../../../preload/contract/intake';
import i18n from '../i18n';
import { byTestId, render, setUpComponentTests, typeInto } from '../sync/test-support';
import { FieldCheckContext } from './focus';
import { MatterForm } from './MatterForm';
import { PersonFields } from './person-fields';

setUpComponentTests();

const cjk = /[\u4e00-\u9fff]/;
const today = '2026-10-01';
const fields: FormField[] = [
  { key: 'since', label: '居住登记日期', labelEn: 'Registered since', type: 'date', required: true },
];

/** The matter form and the applicant's fields as the intake holds them. */
function Harness({ person }: { person: PersonDraft }) {
  const [values, setValues] = useState<Record<string, string>>({});
  const [left, setLeft] = useState<ReadonlySet<string>>(new Set());
  return (
    <FieldCheckContext.Provider value={{ left, showAll: false, leave: (p) => setLeft((s) => new Set(s).add(p)) }}>
      <Form layout="vertical">
        <PersonFields
          slot="person"
          value={person}
          problems={personProblems(person, today)}
          onChange={() => undefined}
        />
      </Form>
      <MatterForm
        fields={fields}
        values={values}
        problems={formProblems(fields, values, today)}
        today={today}
        onChange={(key, value) => setValues((v) => ({ ...v, [key]: value }))}
      />
    </FieldCheckContext.Provider>
  );
}

/** A typed ID number whose check digit is wrong (…1239 is right), and a date left impossible. */
async function withProblems(locale: 'zh-CN' | 'en') {
  const person = { ...emptyPerson(), name: '张三', idNumber: '370303199001011238' };
  const view = await render(<Harness person={person} />);
  await act(() => i18n.changeLanguage(locale));
  // The clerk leaves the ID number field, then types an impossible date and leaves it too.
  const id = view.host.querySelector<HTMLInputElement>('input[data-field="person.idNumber"]')!;
  act(() => id.focus());
  act(() => id.blur());
  const since = byTestId<HTMLInputElement>(view.host, 'form-since');
  act(() => since.focus());
  typeInto(since, '2026-02-30');
  act(() => since.blur());
  const helps = [...view.host.querySelectorAll('.ant-form-item-explain-error')].map((e) => e.textContent ?? '');
  return helps;
}

describe('field problems are said in the UI language', () => {
  it('in English: the ID number (on leaving it) and the form date (on blur), without Chinese', async () => {
    const helps = await withProblems('en');
    expect(helps).toEqual([
      'The ID number’s check digit does not match: check it digit by digit, or read the card instead',
      'Registered since must be a date, as YYYY-MM-DD',
    ]);
    for (const help of helps) expect(help).not.toMatch(cjk);
  });

  it('in zh-CN, as before', async () => {
    expect(await withProblems('zh-CN')).toEqual([
      '证件号码校验位不符：请逐位核对，或改用读卡器读取',
      '居住登记日期须为日期，格式 YYYY-MM-DD',
    ]);
  });
});
