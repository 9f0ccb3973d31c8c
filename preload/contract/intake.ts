import type { FormField, MaterialItem, Matter } from '@yichuang/domain/catalog';
import type { CaseDraft, DecisionKind, ItemState, PersonDraft } from '@yichuang/domain/cases';
import { emptyItemState } from '@yichuang/domain/cases';
import { citizenIdProblem, creditCodeProblem, isOldForeignPermanentId } from '@yichuang/domain/id-numbers';
import { panelPathOf } from './applicant-fields';
import { errorParamOf, errorText, type ErrorCode, type ErrorParam, type ErrorParams } from './errors';

/**
 * What is wrong with one field: a code of the error catalog and its params, worded where it is
 * shown, in the clerk's language (the cases service names the first one in its refusal).
 */
export interface FieldProblem {
  code: ErrorCode;
  params?: ErrorParams;
}
/** Problems by field path (`person.idNumber`, `form.area`, `items.photo`, `matter`). */
export type FieldProblems = Record<string, FieldProblem>;

/** A catalog text in the clerk's language where the catalog has an English one. */
function bilingual(zh: string, en: string | undefined): ErrorParam {
  return en ? { 'zh-CN': zh, en } : zh;
}

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
  /** Why a required item is not complete, in Chinese (for logs; the screens word `problemCode`). */
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
export function idNumberProblem(idType: PersonDraft['idType'], idNumber: string, today: string): FieldProblem | null {
  if (idType === 'foreign_permanent' && isOldForeignPermanentId(idNumber)) return null;
  return citizenIdProblem(idNumber, today);
}

const phonePattern = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/;

/** Problems with a person, by field (`name`, `idNumber`, `phone`). */
export function personProblems(person: PersonDraft, today: string): FieldProblems {
  const problems: FieldProblems = {};
  if (!person.name.trim()) problems.name = { code: 'person_name_empty' };
  const id = idNumberProblem(person.idType, person.idNumber, today);
  if (id) problems.idNumber = id;
  if (person.phone.trim() && !phonePattern.test(person.phone.trim())) problems.phone = { code: 'phone_invalid' };
  return problems;
}

/** Problems with one form value, or null. */
export function fieldProblem(field: FormField, raw: string | undefined, today: string): FieldProblem | null {
  const value = (raw ?? '').trim();
  const label = bilingual(field.label, field.labelEn);
  if (!value) return field.required ? { code: 'field_required', params: { label } } : null;
  if (field.maxLength && value.length > field.maxLength) {
    return { code: 'field_too_long', params: { label, max: field.maxLength } };
  }
  switch (field.type) {
    case 'number': {
      if (!/^-?\d+(\.\d+)?$/.test(value)) return { code: 'field_not_number', params: { label } };
      const n = Number(value);
      if (field.min !== undefined && n < field.min)
        return { code: 'field_below_min', params: { label, min: field.min } };
      if (field.max !== undefined && n > field.max)
        return { code: 'field_above_max', params: { label, max: field.max } };
      break;
    }
    case 'date': {
      const date = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00Z`) : null;
      // An impossible month or day is an invalid Date; 02-30 rolls over to March: both refused.
      const valid = date !== null && !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
      if (!valid) return { code: 'field_not_date', params: { label } };
      break;
    }
    case 'select':
      if (!field.options?.includes(value)) return { code: 'field_not_option', params: { label } };
      break;
    case 'phone':
      if (!phonePattern.test(value)) return { code: 'field_phone_invalid', params: { label } };
      break;
    case 'idNumber': {
      const problem = citizenIdProblem(value, today);
      if (problem)
        return {
          code: 'field_id_number',
          params: { label, problem: errorParamOf(problem.code, 'params' in problem ? problem.params : undefined) },
        };
      break;
    }
    default:
      break;
  }
  if (field.pattern && !new RegExp(`^(?:${field.pattern})$`).test(value)) {
    // The catalog's own message is catalog text: shown as the catalog gives it.
    return field.patternMessage
      ? { code: 'field_pattern_message', params: { message: field.patternMessage } }
      : { code: 'field_pattern', params: { label } };
  }
  return null;
}

/** Problems with the form, by field key. */
export function formProblems(
  fields: readonly FormField[],
  values: Record<string, string>,
  today: string,
): FieldProblems {
  const problems: FieldProblems = {};
  for (const field of fields) {
    const problem = fieldProblem(field, values[field.key], today);
    if (problem) problems[field.key] = problem;
  }
  return problems;
}

/** Problems with who applies: the person, or the enterprise and its legal representative; and the agent. */
export function applicantProblems(matter: Matter, draft: CaseDraft, today: string): FieldProblems {
  const problems: FieldProblems = {};
  if (matter.subject === 'enterprise') {
    const e = draft.enterprise;
    if (!e.name.trim()) problems['enterprise.name'] = { code: 'enterprise_name_empty' };
    const credit = e.creditCode.trim() || !matter.newEnterprise ? creditCodeProblem(e.creditCode) : null;
    if (credit) problems['enterprise.creditCode'] = credit;
    if (!e.legalRepresentative.trim())
      problems['enterprise.legalRepresentative'] = { code: 'legal_representative_empty' };
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
export function panelFormProblems(matter: Matter, draft: CaseDraft): FieldProblems {
  const problems: FieldProblems = {};
  for (const field of matter.formFields) {
    const path = panelPathOf(matter.subject, field);
    if (!path || !field.required) continue;
    const [part, key] = path.split('.') as ['person' | 'enterprise', string];
    if (!((draft[part] as Record<string, string>)[key] ?? '').trim()) {
      problems[path] = { code: 'field_required', params: { label: bilingual(field.label, field.labelEn) } };
    }
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
): FieldProblems {
  if (!matter) return { matter: { code: 'matter_not_chosen' } };
  const problems = applicantProblems(matter, draft, today);
  if (kind !== 'accept') return problems;
  for (const [k, v] of Object.entries(panelFormProblems(matter, draft))) problems[k] ??= v;
  for (const [k, v] of Object.entries(formProblems(ownFormFields(matter), draft.form, today)))
    problems[`form.${k}`] = v;
  for (const entry of checklistFor(matter, draft)) {
    if (entry.required && entry.status !== 'complete') problems[`items.${entry.item.id}`] = itemProblem(entry);
  }
  return problems;
}

/** A material's name as a param: in the clerk's language where the catalog has an English one. */
export function itemNameParam(item: MaterialItem): ErrorParam {
  return bilingual(item.name, item.nameEn);
}

/** Why a required item stops acceptance, named with the item. */
function itemProblem(entry: ChecklistEntry): FieldProblem {
  const params = { item: itemNameParam(entry.item) };
  if (entry.problemCode === 'original_not_checked') return { code: 'item_original_not_checked', params };
  if (entry.problemCode === 'not_captured') {
    return { code: entry.item.eLicence ? 'item_not_captured_elicence' : 'item_not_captured', params };
  }
  return { code: 'item_incomplete', params };
}

/** Each field's problem in Chinese: the `fields` of a refusal (a form marks them; logs read them). */
export function fieldTexts(problems: FieldProblems): Record<string, string> {
  return Object.fromEntries(Object.entries(problems).map(([path, p]) => [path, errorText(p.code, p.params)]));
}
