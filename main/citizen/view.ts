import type { CaseDraft, PersonDraft } from '@yichuang/domain/cases';
import type { Matter } from '@yichuang/domain/catalog';
import { maskIdNumber, maskName, maskPhone } from '@yichuang/domain/id-numbers';
import type {
  CitizenCase,
  CitizenNotice,
  CitizenRatingPrompt,
  CitizenView,
  MaskedPersonView,
} from '../../preload/contract/citizen';
import type { CaseDecisionRecord } from '../../preload/contract/cases';
import { documentTitles } from '../../preload/contract/documents';
import { checklistFor } from '../../preload/contract/intake';
import type { Locale } from '../../preload/contract/schemas';

/**
 * What the citizen screen shows, built from the case as saved. The one place personal data is
 * masked for that screen: everything that leaves here is a `CitizenView` (strict schema), and every
 * name, ID number and phone in it went through the domain's masking rules.
 */

export interface CounterInfo {
  hallName: string;
  windowNumber: number;
  clerkName: string;
  staffNumber: string;
}

export interface CaseForView {
  draft: CaseDraft;
  matter: Matter | null;
  number: string | null;
  promisedDate: string | null;
  /** The last decision, when the case is decided. */
  decision: CaseDecisionRecord | null;
  /** A supplement notice's date to bring the materials by (hall date). */
  supplementDue: string | null;
}

export interface ViewInput {
  locale: Locale;
  counter: CounterInfo | null;
  ticket: { number: string; queueName: string } | null;
  case: CaseForView | null;
  rating: CitizenRatingPrompt | null;
  notices: string[];
  matters: string[];
}

export function maskedPerson(person: PersonDraft): MaskedPersonView | null {
  const name = person.name.trim();
  const id = person.idNumber.trim().toUpperCase();
  if (!name && !id) return null;
  return { name: maskName(name), idType: person.idType, idNumber: maskIdNumber(id), phone: maskPhone(person.phone) };
}

function noticeOf(c: CaseForView): CitizenNotice | null {
  const d = c.decision;
  if (!d || !c.number) return null;
  if (d.kind === 'accept') {
    return { kind: 'receipt', title: documentTitles.receipt, caseNumber: c.number, lines: [], dueDate: c.promisedDate };
  }
  if (d.kind === 'supplement') {
    return {
      kind: 'supplement',
      title: documentTitles.supplement_notice,
      caseNumber: c.number,
      lines: d.supplementItems.map((item) => ({ name: item.name, reason: item.reason })),
      dueDate: c.supplementDue,
    };
  }
  const reason = d.rejectReason;
  return {
    kind: 'rejection',
    title: documentTitles.rejection_notice,
    caseNumber: c.number,
    lines: reason ? [{ name: reason.text, reason: reason.basis ?? '' }] : [],
    dueDate: null,
  };
}

function caseView(c: CaseForView): CitizenCase {
  const { draft, matter } = c;
  const enterprise = matter?.subject === 'enterprise';
  const checklist = matter
    ? checklistFor(matter, draft).flatMap((entry) =>
        entry.status === 'not_applicable'
          ? []
          : [
              {
                name: entry.item.name,
                required: entry.required,
                status:
                  entry.status === 'complete'
                    ? ('present' as const)
                    : entry.status === 'missing'
                      ? ('missing' as const)
                      : ('optional' as const),
                pages: entry.pages,
              },
            ],
      )
    : [];
  return {
    matterName: matter?.name ?? null,
    subject: matter?.subject ?? null,
    applicant: maskedPerson(draft.person),
    // An enterprise's name and credit code are public (国家企业信用信息公示系统): shown as entered.
    enterprise:
      enterprise && (draft.enterprise.name.trim() || draft.enterprise.creditCode.trim())
        ? { name: draft.enterprise.name.trim(), creditCode: draft.enterprise.creditCode.trim().toUpperCase() }
        : null,
    agent: draft.hasAgent ? maskedPerson(draft.agent) : null,
    checklist,
    promisedDays: matter ? matter.promisedDays : null,
    promisedDate: c.decision?.kind === 'accept' ? c.promisedDate : null,
    notice: noticeOf(c),
  };
}

export function citizenViewOf(input: ViewInput): CitizenView {
  return {
    locale: input.locale,
    counter: input.counter,
    ticket: input.ticket,
    case: input.case ? caseView(input.case) : null,
    rating: input.rating,
    idle: { notices: input.notices, matters: input.matters },
  };
}
