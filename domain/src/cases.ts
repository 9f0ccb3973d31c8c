import { z } from 'zod';
import { materialMimes, sha256Schema } from './materials';

/**
 * The case (办件): a draft while the clerk works, then decided at the window; an accepted case
 * then moves on at central (submitted → in review → approved | denied | supplement requested →
 * completed), each step arriving from central's feed. Every move, at the window or from the feed,
 * is in `caseTransitions` and made through `nextState`.
 */
export const caseStates = [
  'draft',
  'accepted',
  'supplement_requested',
  'rejected',
  /** Central has the case and every material: it waits for an approver. */
  'submitted',
  'in_review',
  'approved',
  'denied',
  /** The approver asked for more: the citizen comes back to the window, as after a window supplement. */
  'supplement_requested_by_central',
  /** 办结: the result was issued. */
  'completed',
] as const;
export type CaseState = (typeof caseStates)[number];
export const caseStateSchema = z.enum(caseStates);

/** Each state's name in Chinese: the service's messages and the zh-CN screens say the same. */
export const caseStateNames: Record<CaseState, string> = {
  draft: '草稿',
  accepted: '已受理',
  supplement_requested: '待补正',
  rejected: '不予受理',
  submitted: '已报送',
  in_review: '审查中',
  approved: '已批准',
  denied: '不予批准',
  supplement_requested_by_central: '中心要求补正',
  completed: '已办结',
};

/** Each state's name in English, for the English screens and messages. */
export const caseStateNamesEn: Record<CaseState, string> = {
  draft: 'Draft',
  accepted: 'Accepted',
  supplement_requested: 'Awaiting supplement',
  rejected: 'Not accepted',
  submitted: 'Submitted',
  in_review: 'In review',
  approved: 'Approved',
  denied: 'Denied',
  supplement_requested_by_central: 'Supplement requested by central',
  completed: 'Completed',
};

/** A supplement is awaited (asked at the window, or by central's approver): the clerk may resume the case. */
export const resumableStates = [
  'supplement_requested',
  'supplement_requested_by_central',
] as const satisfies readonly CaseState[];
export type ResumableState = (typeof resumableStates)[number];
export const isResumable = (state: CaseState): state is ResumableState =>
  (resumableStates as readonly CaseState[]).includes(state);

/** The states in which the promised date runs (the case is open and nobody waits for the citizen). */
export const openStates = ['accepted', 'submitted', 'in_review'] as const satisfies readonly CaseState[];
export const isOpen = (state: CaseState): boolean => (openStates as readonly CaseState[]).includes(state);

export const decisionKinds = ['accept', 'supplement', 'reject'] as const;
export type DecisionKind = (typeof decisionKinds)[number];

/** What central's feed reports about a case (protocol event kinds). */
export const centralEventKinds = [
  'submitted',
  'in_review',
  'approved',
  'denied',
  'supplement_requested',
  'completed',
] as const;
export type CentralEventKind = (typeof centralEventKinds)[number];

/** Everything that moves a case: the clerk's actions at the window, and central's events. */
export type CaseAction = DecisionKind | 'resume' | 'discard' | `central.${CentralEventKind}`;

/** A move: the states it may start from, and where it leads. */
interface Move<To> {
  from: readonly CaseState[];
  to: To;
}

/**
 * Every legal move, by the action that makes it: the states it may start from, and where it leads.
 * `'gone or back'` (discard only): a draft never decided is removed; a resumed draft goes back to
 * the supplement it was resumed from. The case service moves a case only through `nextState`.
 */
export const caseTransitions: Record<Exclude<CaseAction, 'discard'>, Move<CaseState>> & {
  discard: Move<'gone or back'>;
} = {
  accept: { from: ['draft'], to: 'accepted' },
  supplement: { from: ['draft'], to: 'supplement_requested' },
  reject: { from: ['draft'], to: 'rejected' },
  /** The citizen came back with what the notice asked for: a new version of the same case. */
  resume: { from: resumableStates, to: 'draft' },
  discard: { from: ['draft'], to: 'gone or back' },
  // From central's feed; an event for an older version never moves a case (the service checks the version).
  'central.submitted': { from: ['accepted'], to: 'submitted' },
  'central.in_review': { from: ['accepted', 'submitted'], to: 'in_review' },
  'central.approved': { from: ['accepted', 'submitted', 'in_review'], to: 'approved' },
  'central.denied': { from: ['accepted', 'submitted', 'in_review'], to: 'denied' },
  'central.supplement_requested': {
    from: ['accepted', 'submitted', 'in_review'],
    to: 'supplement_requested_by_central',
  },
  'central.completed': { from: ['approved', 'denied'], to: 'completed' },
};

/**
 * The one transition function: where `action` takes a case in state `from`; `'removed'` when a
 * discarded draft goes away; null when the move is illegal. `resumedFrom` is the supplement a draft
 * was resumed from (null for a draft never decided): it decides where a discard goes back to.
 */
export function nextState(
  from: CaseState,
  action: CaseAction,
  resumedFrom: ResumableState | null = null,
): CaseState | 'removed' | null {
  const rule = caseTransitions[action];
  if (!rule.from.includes(from)) return null;
  if (rule.to !== 'gone or back') return rule.to;
  return resumedFrom ?? 'removed';
}

/** The state a central event leaves a case in (where its move in `caseTransitions` leads). */
export function stateAfterCentralEvent(kind: CentralEventKind): CaseState {
  return caseTransitions[`central.${kind}`].to;
}

export const idTypes = ['resident', 'foreign_permanent', 'hk_macao_taiwan'] as const;
export type IdType = (typeof idTypes)[number];

/** Each ID document's name in Chinese: the screens, the paper and the approver's pages say the same. */
export const idTypeNames: Record<IdType, string> = {
  resident: '居民身份证',
  foreign_permanent: '外国人永久居留身份证',
  hk_macao_taiwan: '港澳台居民居住证',
};

/** Each ID document's name in English, for the English screens. */
export const idTypeNamesEn: Record<IdType, string> = {
  resident: 'Resident ID card',
  foreign_permanent: 'Foreign permanent resident ID card',
  hk_macao_taiwan: 'HK/Macao/Taiwan residence permit',
};

/** What the number on each document is called on paper: 公民身份号码, or the document's name and 号码. */
export const idNumberNames: Record<IdType, string> = {
  resident: '公民身份号码',
  foreign_permanent: `${idTypeNames.foreign_permanent}号码`,
  hk_macao_taiwan: `${idTypeNames.hk_macao_taiwan}号码`,
};

const text = (max: number) => z.string().max(max);

/** A person as typed or read: permissive while the clerk types; checked by `intake` rules at decision. */
export const personDraftSchema = z
  .object({
    name: text(60),
    idType: z.enum(idTypes),
    idNumber: text(18),
    sex: text(4),
    nation: text(40),
    birthDate: text(10),
    address: text(200),
    phone: text(20),
    /** `card` when the reader filled it (and nothing identifying was typed over it since). */
    source: z.enum(['card', 'typed']),
  })
  .strict();
export type PersonDraft = z.infer<typeof personDraftSchema>;

export const enterpriseDraftSchema = z
  .object({
    name: text(100),
    creditCode: text(18),
    legalRepresentative: text(60),
    address: text(200),
    phone: text(20),
  })
  .strict();
export type EnterpriseDraft = z.infer<typeof enterpriseDraftSchema>;

export const rotations = [0, 90, 180, 270] as const;

/** One file on a checklist item: a camera page, a hot-folder scan or an imported file. */
export const itemFileSchema = z
  .object({
    sha256: sha256Schema,
    mime: z.enum(materialMimes),
    /** Pages in the file (PDFs may have many). */
    pages: z.number().int().positive(),
    rotation: z.union([z.literal(0), z.literal(90), z.literal(180), z.literal(270)]),
    name: text(255),
    via: z.enum(['camera', 'scanner', 'hotFolder', 'import']),
    addedAt: z.string(),
  })
  .strict();
export type ItemFile = z.infer<typeof itemFileSchema>;

export const itemStateSchema = z
  .object({
    files: z.array(itemFileSchema).max(200),
    originalChecked: z.boolean(),
    copies: z.number().int().min(0).max(20),
    /** An electronic licence (电子证照) was used instead of paper, where the matter accepts one. */
    eLicence: z.boolean(),
    /** A conditional item the clerk says applies to this applicant. */
    applies: z.boolean(),
    note: text(200),
  })
  .strict();
export type ItemState = z.infer<typeof itemStateSchema>;

/** Everything the clerk has entered; autosaved on every change, restored exactly after a crash. */
export const caseDraftSchema = z
  .object({
    matterCode: z.string().max(40).nullable(),
    person: personDraftSchema,
    enterprise: enterpriseDraftSchema,
    hasAgent: z.boolean(),
    agent: personDraftSchema,
    form: z.record(z.string().max(40), text(2000)),
    items: z.record(z.string().max(40), itemStateSchema),
    selectedItemId: z.string().max(40).nullable(),
  })
  .strict();
export type CaseDraft = z.infer<typeof caseDraftSchema>;

export function emptyPerson(): PersonDraft {
  return {
    name: '',
    idType: 'resident',
    idNumber: '',
    sex: '',
    nation: '',
    birthDate: '',
    address: '',
    phone: '',
    source: 'typed',
  };
}

export function emptyDraft(matterCode: string | null = null): CaseDraft {
  return {
    matterCode,
    person: emptyPerson(),
    enterprise: { name: '', creditCode: '', legalRepresentative: '', address: '', phone: '' },
    hasAgent: false,
    agent: emptyPerson(),
    form: {},
    items: {},
    selectedItemId: null,
  };
}

export function emptyItemState(): ItemState {
  return { files: [], originalChecked: false, copies: 0, eLicence: false, applies: false, note: '' };
}

export const decisionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('accept') }).strict(),
  z
    .object({
      kind: z.literal('supplement'),
      /** Each missing or deficient item and what is wrong with it: the notice lists them all, once. */
      items: z
        .array(
          z
            .object({
              itemId: z.string().min(1).max(40),
              reason: z.string().trim().min(1, '请写明补正原因').max(200, '补正原因不超过 200 字'),
            })
            .strict(),
        )
        .min(1, '请至少选择一项需补正的材料')
        .max(60),
      note: z.string().trim().max(500, '补充说明不超过 500 字').default(''),
    })
    .strict(),
  z
    .object({
      kind: z.literal('reject'),
      reasonCode: z.string().min(1, '请选择不予受理的原因').max(40),
      text: z.string().trim().max(500, '说明不超过 500 字'),
    })
    .strict(),
]);
export type Decision = z.infer<typeof decisionSchema>;

export const caseIdSchema = z.string().uuid('办件标识无效');

/**
 * 办件编号: district code (6) – hall date (8) – window (3) – sequence of that window that day (4),
 * e.g. 370303-20261127-005-0012. Unique without a server as long as window numbers are unique
 * within the district; the sequence survives restarts (it lives in the database).
 */
export function formatCaseNumber(districtCode: string, hallDate: string, windowNumber: number, seq: number): string {
  return `${districtCode}-${hallDate.replaceAll('-', '')}-${String(windowNumber).padStart(3, '0')}-${String(seq).padStart(4, '0')}`;
}

export const caseNumberPattern = /^\d{6}-\d{8}-\d{3}-\d{4,}$/;
