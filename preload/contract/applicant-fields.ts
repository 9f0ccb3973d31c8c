import type { CaseDraft } from '@yichuang/domain/cases';
import type { FormField, Matter, PrefillSource, SubjectKind } from '@yichuang/domain/catalog';

/**
 * The one rule between the applicant and a matter's form: a form field names the applicant
 * detail it holds (`prefill` in the catalog). A detail typed in the applicant panel (name, ID,
 * phone; the enterprise's name, code, legal representative, phone) is entered there only: the
 * form field is that panel field, kept equal to it, never a second input. Any other detail
 * (the address, where the applicant lives) is the form's own field, filled from the card or the
 * applicant's earlier cases, and learned back by the applicant registry when the case is decided.
 * The screen, the autosave and the registry all go through here.
 */

/** Where a detail is entered in the applicant panel (a path in the draft), or null when the form owns it. */
export function panelPath(subject: SubjectKind, source: PrefillSource): string | null {
  if (subject === 'enterprise') {
    switch (source) {
      case 'enterpriseName':
        return 'enterprise.name';
      case 'creditCode':
        return 'enterprise.creditCode';
      case 'legalRepresentative':
        return 'enterprise.legalRepresentative';
      case 'phone':
        return 'enterprise.phone';
      default:
        return null;
    }
  }
  switch (source) {
    case 'name':
    case 'idNumber':
    case 'phone':
      return `person.${source}`;
    default:
      return null;
  }
}

/** The panel path of a form field, or null when the field is the form's own. */
export function panelPathOf(subject: SubjectKind, field: Pick<FormField, 'prefill'>): string | null {
  return field.prefill ? panelPath(subject, field.prefill) : null;
}

function read(draft: CaseDraft, path: string): string {
  const [part, key] = path.split('.') as ['person' | 'enterprise', string];
  return (draft[part] as Record<string, string>)[key] ?? '';
}

function write(draft: CaseDraft, path: string, value: string): CaseDraft {
  const [part, key] = path.split('.') as ['person' | 'enterprise', string];
  return { ...draft, [part]: { ...draft[part], [key]: value } };
}

/** The value of one applicant detail as the draft has it (card, panel), '' when it has none. */
export function detailOf(draft: CaseDraft, subject: SubjectKind, source: PrefillSource): string {
  const path = panelPath(subject, source);
  if (path) return read(draft, path);
  const p = draft.person;
  switch (source) {
    case 'sex':
    case 'nation':
    case 'birthDate':
      return p[source];
    case 'address':
      return subject === 'enterprise' ? draft.enterprise.address : p.address;
    default:
      // Where the applicant lives now is never the card's: it comes from the form or earlier cases.
      return '';
  }
}

/**
 * The draft with every panel field of the form equal to its panel entry. A value only the form
 * has (a draft saved before the two were one field) moves into the panel first: nothing is lost.
 */
export function withPanelFields(matter: Matter, draft: CaseDraft): CaseDraft {
  let next = draft;
  let form = draft.form;
  for (const field of matter.formFields) {
    const path = panelPathOf(matter.subject, field);
    if (!path) continue;
    const typedInForm = (form[field.key] ?? '').trim();
    if (!read(next, path) && typedInForm) next = write(next, path, typedInForm);
    const value = read(next, path);
    if ((form[field.key] ?? '') !== value) form = { ...form, [field.key]: value };
  }
  return form === next.form ? next : { ...next, form };
}

/**
 * The form's own details a decided case teaches the registry about its applicant, by detail (the
 * panel's are stored with the person or the enterprise themselves).
 */
export function learnedDetails(matter: Matter, draft: CaseDraft): Partial<Record<PrefillSource, string>> {
  const details: Partial<Record<PrefillSource, string>> = {};
  for (const field of matter.formFields) {
    if (!field.prefill || panelPath(matter.subject, field.prefill)) continue;
    const value = (draft.form[field.key] ?? '').trim();
    if (value) details[field.prefill] = value;
  }
  return details;
}
