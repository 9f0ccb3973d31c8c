import type { FormField, MaterialItem, Matter } from '@yichuang/domain/catalog';
import type { CaseDraft, DecisionKind, ItemState, PersonDraft } from '@yichuang/domain/cases';
import { emptyItemState } from '@yichuang/domain/cases';
import { citizenIdProblem, creditCodeProblem, isOldForeignPermanentId } from '@yichuang/domain/id-numbers';
import { panelPathOf } from './applicant-fields';

/**
 * The intake rules, as pure functions: the renderer runs them as the clerk types, the cases
 * service runs the very same ones before it records a decision.
 */

/** Items every matter gets when an agent (代办人) applies on someone's behalf. */
export const agentItems: readonly MaterialItem[] = [
  {
    id: 'agent-authorisation',
    name: '授权委托书',
    nameEn: 'Letter of authorisation',
    requirement: 'required',
    originalCheck: true,
    copies: 1,
    eLicence: false,
    note: '委托人签字（企业加盖公章），写明委托事项和期限',
  },
  {
    id: 'agent-id',
    name: '代办人身份证件',
    nameEn: "Agent's identity document",
    requirement: 'required',
    originalCheck: true,
    copies: 1,
    eLicence: true,
  },
];

export type ItemStatus = 'complete' | 'missing' | 'not_applicable' | 'optional_empty';

export interface ChecklistEntry {
  item: MaterialItem;
  state: ItemState;
  /** Required in effect: required items, conditional ones the clerk marked as applying, agent items. */
  required: boolean;
  status: ItemStatus;
  pages: number;
  /** Why a required item is not complete, in Chinese. */
  problem: string | null;
  /** The same as a code, for a translated UI. */
  problemCode: 'not_captured' | 'original_not_checked' | null;
  /** An agent item added because an agent applies. */
  forAgent: boolean;
}

export function itemPages(state: ItemState): number {
  return state.files.reduce((sum, f) => sum + f.pages, 0);
}

/** The matter's checklist as it stands for this draft, agent items last. */
export function checklistFor(matter: Matter, draft: CaseDraft): ChecklistEntry[] {
  const items = [...matter.materials.map((item) => ({ item, forAgent: false }))];
  if (draft.hasAgent) items.push(...agentItems.map((item) => ({ item, forAgent: true })));
  return items.map(({ item, forAgent }) => {
    const state = draft.items[item.id] ?? emptyItemState();
    const pages = itemPages(state);
    const applies =
      item.requirement === 'required' || forAgent || (item.requirement === 'conditional' && state.applies);
    const provided = pages > 0 || (item.eLicence && state.eLicence);
    let problem: string | null = null;
    let problemCode: ChecklistEntry['problemCode'] = null;
    if (!provided) {
      problem = item.eLicence ? '未采集（可用电子证照）' : '未采集';
      problemCode = 'not_captured';
    } else if (item.originalCheck && !state.originalChecked && !(item.eLicence && state.eLicence)) {
      problem = '原件未核验';
      problemCode = 'original_not_checked';
    }
    let status: ItemStatus;
    if (!applies)
      status = item.requirement === 'conditional' ? 'not_applicable' : provided ? 'complete' : 'optional_empty';
    else status = problem ? 'missing' : 'complete';
    return {
      item,
      state,
      required: applies,
      status,
      pages,
      problem: applies ? problem : null,
      problemCode: applies ? problemCode : null,
      forAgent,
    };
  });
}

/** Can the case be accepted as far as materials go? */
export function checklistComplete(entries: readonly ChecklistEntry[]): boolean {
  return entries.every((e) => !e.required || e.status === 'complete');
}

/** What is wrong with one identity number of the given type, or null. */
export function idNumberProblem(idType: PersonDraft['idType'], idNumber: string, today: string): string | null {
  if (idType === 'foreign_permanent' && isOldForeignPermanentId(idNumber)) return null;
  return citizenIdProblem(idNumber, today);
}

const phonePattern = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/;

/** Problems with a person, by field (`name`, `idNumber`, `phone`). */
export function personProblems(person: PersonDraft, today: string): Record<string, string> {
  const problems: Record<string, string> = {};
  if (!person.name.trim()) problems.name = '请输入姓名';
  const id = idNumberProblem(person.idType, person.idNumber, today);
  if (id) problems.idNumber = id;
  if (person.phone.trim() && !phonePattern.test(person.phone.trim())) {
    problems.phone = '电话号码应为 11 位手机号或带区号的固定电话';
  }
  return problems;
}

/** Problems with one form value, or null. */
export function fieldProblem(field: FormField, raw: string | undefined, today: string): string | null {
  const value = (raw ?? '').trim();
  if (!value) return field.required ? `请填写${field.label}` : null;
  if (field.maxLength && value.length > field.maxLength) return `${field.label}不超过 ${field.maxLength} 个字`;
  switch (field.type) {
    case 'number': {
      if (!/^-?\d+(\.\d+)?$/.test(value)) return `${field.label}须为数字`;
      const n = Number(value);
      if (field.min !== undefined && n < field.min) return `${field.label}不能小于 ${field.min}`;
      if (field.max !== undefined && n > field.max) return `${field.label}不能大于 ${field.max}`;
      break;
    }
    case 'date': {
      const date = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00Z`) : null;
      // An impossible month or day is an invalid Date; 02-30 rolls over to March: both refused.
      const valid = date !== null && !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
      if (!valid) return `${field.label}须为日期，格式 YYYY-MM-DD`;
      break;
    }
    case 'select':
      if (!field.options?.includes(value)) return `请从列表中选择${field.label}`;
      break;
    case 'phone':
      if (!phonePattern.test(value)) return `${field.label}应为 11 位手机号或带区号的固定电话`;
      break;
    case 'idNumber': {
      const problem = citizenIdProblem(value, today);
      if (problem) return `${field.label}：${problem}`;
      break;
    }
    default:
      break;
  }
  if (field.pattern && !new RegExp(`^(?:${field.pattern})$`).test(value)) {
    return field.patternMessage ?? `${field.label}格式不正确`;
  }
  return null;
}

/** Problems with the form, by field key. */
export function formProblems(
  fields: readonly FormField[],
  values: Record<string, string>,
  today: string,
): Record<string, string> {
  const problems: Record<string, string> = {};
  for (const field of fields) {
    const problem = fieldProblem(field, values[field.key], today);
    if (problem) problems[field.key] = problem;
  }
  return problems;
}

/** Problems with who applies: the person, or the enterprise and its legal representative; and the agent. */
export function applicantProblems(matter: Matter, draft: CaseDraft, today: string): Record<string, string> {
  const problems: Record<string, string> = {};
  if (matter.subject === 'enterprise') {
    const e = draft.enterprise;
    if (!e.name.trim()) problems['enterprise.name'] = '请输入企业名称';
    const credit = e.creditCode.trim() || !matter.newEnterprise ? creditCodeProblem(e.creditCode) : null;
    if (credit) problems['enterprise.creditCode'] = credit;
    if (!e.legalRepresentative.trim()) problems['enterprise.legalRepresentative'] = '请输入法定代表人姓名';
  } else {
    for (const [k, v] of Object.entries(personProblems(draft.person, today))) problems[`person.${k}`] = v;
  }
  if (draft.hasAgent) {
    for (const [k, v] of Object.entries(personProblems(draft.agent, today))) problems[`agent.${k}`] = v;
  }
  return problems;
}

/**
 * What acceptance needs of the applicant panel because the matter's form asks for it (the phone,
 * typed once, in the panel): named at the panel's field, by path (`person.phone`).
 */
export function panelFormProblems(matter: Matter, draft: CaseDraft): Record<string, string> {
  const problems: Record<string, string> = {};
  for (const field of matter.formFields) {
    const path = panelPathOf(matter.subject, field);
    if (!path || !field.required) continue;
    const [part, key] = path.split('.') as ['person' | 'enterprise', string];
    if (!((draft[part] as Record<string, string>)[key] ?? '').trim()) problems[path] = `请填写${field.label}`;
  }
  return problems;
}

/** The fields the matter's form shows and checks itself: not those that are applicant panel entries. */
export function ownFormFields(matter: Matter): FormField[] {
  return matter.formFields.filter((field) => !panelPathOf(matter.subject, field));
}

/**
 * Everything that stops a decision, by path (`person.idNumber`, `form.phone`, `items.photo`,
 * `matter`). Accept needs all of it; a supplement notice or a rejection needs the matter and
 * who applies (the notice is addressed to them), not a complete checklist.
 */
export function decisionProblems(
  matter: Matter | null,
  draft: CaseDraft,
  kind: DecisionKind,
  today: string,
): Record<string, string> {
  if (!matter) return { matter: '请先选择事项' };
  const problems = applicantProblems(matter, draft, today);
  if (kind !== 'accept') return problems;
  for (const [k, v] of Object.entries(panelFormProblems(matter, draft))) problems[k] ??= v;
  for (const [k, v] of Object.entries(formProblems(ownFormFields(matter), draft.form, today)))
    problems[`form.${k}`] = v;
  for (const entry of checklistFor(matter, draft)) {
    if (entry.required && entry.status !== 'complete')
      problems[`items.${entry.item.id}`] = `${entry.item.name}：${entry.problem ?? '未完成'}`;
  }
  return problems;
}
