import type { ApplicantHistory } from '../../../preload/contract/cases';
import type { CaseDraft, PersonDraft } from '@yichuang/domain/cases';
import type { Matter, PrefillSource } from '@yichuang/domain/catalog';
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

function sourceValue(draft: CaseDraft, source: PrefillSource): string {
  const p = draft.person;
  const e = draft.enterprise;
  switch (source) {
    case 'name':
      return p.name;
    case 'sex':
      return p.sex;
    case 'nation':
      return p.nation;
    case 'birthDate':
      return p.birthDate;
    case 'address':
      return p.address || e.address;
    case 'idNumber':
      return p.idNumber;
    case 'phone':
      return p.phone || e.phone;
    case 'enterpriseName':
      return e.name;
    case 'creditCode':
      return e.creditCode;
    case 'legalRepresentative':
      return e.legalRepresentative;
  }
}

/**
 * Fills the matter's empty form fields from the applicant (card or typed) and from the latest
 * earlier case of the same applicant. What the clerk already typed is never overwritten.
 */
export function prefillForm(matter: Matter, draft: CaseDraft, history: ApplicantHistory | null): CaseDraft {
  const form = { ...draft.form };
  let changed = false;
  for (const field of matter.formFields) {
    if ((form[field.key] ?? '') !== '') continue;
    let value = field.prefill ? sourceValue(draft, field.prefill) : '';
    if (!value && history) value = history.form[field.key] ?? '';
    if (field.type === 'select' && value && !field.options?.includes(value)) value = '';
    if (value) {
      form[field.key] = value;
      changed = true;
    }
  }
  return changed ? { ...draft, form } : draft;
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
 * Keeps the form's prefilled fields in step while the clerk types the applicant: a field still
 * showing what the applicant had before (or empty) follows the new value; one the clerk changed
 * by hand is left alone.
 */
export function syncPrefill(matter: Matter, before: CaseDraft, after: CaseDraft): CaseDraft {
  let form = after.form;
  for (const field of matter.formFields) {
    if (!field.prefill) continue;
    const old = sourceValue(before, field.prefill);
    const next = sourceValue(after, field.prefill);
    const current = form[field.key] ?? '';
    if (old === next || (current !== '' && current !== old)) continue;
    if (field.type === 'select' && next && !field.options?.includes(next)) continue;
    form = { ...form, [field.key]: next };
  }
  return form === after.form ? after : { ...after, form };
}
