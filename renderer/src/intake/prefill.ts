import type { ApplicantHistory } from '../../../preload/contract/cases';
import type { CaseDraft, EnterpriseDraft, PersonDraft } from '@yichuang/domain/cases';
import type { Matter } from '@yichuang/domain/catalog';
import { detailOf, panelPathOf, withPanelFields } from '../../../preload/contract/applicant-fields';
import type { Identity } from '../../../preload/contract/devices';

/** Nothing typed that a device can read: a card's identity as the person on the case. */
export function personFromCard(identity: Identity, before: PersonDraft): PersonDraft {
  const sex = identity.sex === 'male' ? '男' : identity.sex === 'female' ? '女' : '';
  return {
    name: identity.name || (identity.cardType === 'foreign_permanent' ? identity.englishName : ''),
    idType: identity.cardType,
    idNumber: identity.idNumber.toUpperCase(),
    sex,
    nation:
      identity.cardType === 'resident'
        ? identity.nation
        : identity.cardType === 'foreign_permanent'
          ? identity.nationality
          : '',
    birthDate: identity.birthDate ?? '',
    address: identity.cardType === 'foreign_permanent' ? before.address : identity.address,
    // The card has no phone: keep one typed or known from earlier cases.
    phone: before.phone,
    source: 'card',
  };
}

/**
 * Fills the matter's own empty form fields: a field holding an applicant detail from the draft
 * (the card), else from the applicant's earlier cases (the same detail, whatever the field is
 * called in that matter; then the same field of the same matter). The panel's entries are the
 * form's too (applicant-fields.ts). What the clerk already typed is never overwritten.
 */
export function prefillForm(matter: Matter, draft: CaseDraft, history: ApplicantHistory | null): CaseDraft {
  const next = withPanelFields(matter, draft);
  const form = { ...next.form };
  let changed = false;
  for (const field of matter.formFields) {
    if (panelPathOf(matter.subject, field) || (form[field.key] ?? '') !== '') continue;
    let value = field.prefill ? detailOf(next, matter.subject, field.prefill) : '';
    if (!value && history && field.prefill) value = history.details[field.prefill] ?? '';
    if (!value && history) value = history.form[field.key] ?? '';
    if (field.type === 'select' && value && !field.options?.includes(value)) value = '';
    if (value) {
      form[field.key] = value;
      changed = true;
    }
  }
  return changed ? { ...next, form } : next;
}

/** The person's phone and address from earlier cases, where nothing was typed or read. */
export function prefillPerson(person: PersonDraft, history: ApplicantHistory): PersonDraft {
  return {
    ...person,
    phone: person.phone || history.phone || '',
    address: person.address || history.address || '',
  };
}

/**
 * The enterprise from earlier cases where nothing of it was typed: its own (found by its credit
 * code), or the one a person last acted for (found by the agent's card).
 */
export function prefillEnterprise(enterprise: EnterpriseDraft, history: ApplicantHistory): EnterpriseDraft {
  const acted = history.actedFor;
  if (acted && !enterprise.name && !enterprise.creditCode) return { ...enterprise, ...acted };
  const d = history.details;
  return {
    ...enterprise,
    name: enterprise.name || history.name || '',
    legalRepresentative: enterprise.legalRepresentative || d.legalRepresentative || '',
    phone: enterprise.phone || d.phone || '',
    address: enterprise.address || d.address || '',
  };
}

/**
 * Keeps the form in step while the clerk types the applicant: the panel's entries are the form's;
 * a form field prefilled from another detail (the address) and still showing what the applicant
 * had before (or empty) follows the new value; one the clerk changed by hand is left alone.
 */
export function syncPrefill(matter: Matter, before: CaseDraft, after: CaseDraft): CaseDraft {
  let form = after.form;
  for (const field of matter.formFields) {
    if (!field.prefill || panelPathOf(matter.subject, field)) continue;
    const old = detailOf(before, matter.subject, field.prefill);
    const next = detailOf(after, matter.subject, field.prefill);
    const current = form[field.key] ?? '';
    if (old === next || (current !== '' && current !== old)) continue;
    if (field.type === 'select' && next && !field.options?.includes(next)) continue;
    form = { ...form, [field.key]: next };
  }
  return withPanelFields(matter, form === after.form ? after : { ...after, form });
}
