import { z } from 'zod';
import type { CaseDraft } from './cases';
import { normalizeIdNumber } from './id-numbers';

/**
 * 好差评: the five levels a citizen may give, their names and scores, what makes a 差评, the reasons a
 * 差评 asks for, and the shape of a rating as the citizen submits it. One home for these rules: the
 * citizen screen, the workstation's store, central and the provincial export all ask here.
 */

/** Best first, as the citizen screen lists them. */
export const ratingLevels = ['very_satisfied', 'satisfied', 'basic', 'unsatisfied', 'very_unsatisfied'] as const;
export type RatingLevel = (typeof ratingLevels)[number];
export const ratingLevelSchema = z.enum(ratingLevels);

export const ratingLevelNames: Record<RatingLevel, string> = {
  very_satisfied: '非常满意',
  satisfied: '满意',
  basic: '基本满意',
  unsatisfied: '不满意',
  very_unsatisfied: '非常不满意',
};

export const ratingLevelNamesEn: Record<RatingLevel, string> = {
  very_satisfied: 'Very satisfied',
  satisfied: 'Satisfied',
  basic: 'Fairly satisfied',
  unsatisfied: 'Dissatisfied',
  very_unsatisfied: 'Very dissatisfied',
};

/** The provincial interfaces' number for a level: 5 = 非常满意 … 1 = 非常不满意. */
export const ratingLevelCodes: Record<RatingLevel, number> = {
  very_satisfied: 5,
  satisfied: 4,
  basic: 3,
  unsatisfied: 2,
  very_unsatisfied: 1,
};

/** The score some provinces count satisfaction by (10 / 8 / 6 / 3 / 0). */
export const ratingLevelScores: Record<RatingLevel, number> = {
  very_satisfied: 10,
  satisfied: 8,
  basic: 6,
  unsatisfied: 3,
  very_unsatisfied: 0,
};

/** 差评: the bottom two levels. Each asks for its reasons and becomes a follow-up task. */
export function isBadRating(level: RatingLevel): boolean {
  return level === 'unsatisfied' || level === 'very_unsatisfied';
}

/** The reasons a citizen may tick for a 差评 (free text besides). */
export const badRatingReasons = [
  'attitude',
  'waiting',
  'not_told_once',
  'too_many_materials',
  'slow_handling',
  'system_fault',
  'other',
] as const;
export type BadRatingReason = (typeof badRatingReasons)[number];

export const badRatingReasonNames: Record<BadRatingReason, string> = {
  attitude: '服务态度不好',
  waiting: '排队等候时间长',
  not_told_once: '没有一次性告知，需要多次跑',
  too_many_materials: '要求的材料多或不合理',
  slow_handling: '办理时间长',
  system_fault: '系统故障，办不成',
  other: '其他',
};

export const badRatingReasonNamesEn: Record<BadRatingReason, string> = {
  attitude: 'Unfriendly service',
  waiting: 'Long wait in the queue',
  not_told_once: 'Not told everything at once; had to come again',
  too_many_materials: 'Too many or unreasonable materials asked for',
  slow_handling: 'Handling took too long',
  system_fault: 'System fault; could not be done',
  other: 'Other',
};

/**
 * Which visit a rating is of (现场"一次一评"): the window's decision — 受理, 补正告知 or 不予受理 —, and
 * for a case with a promised date, 办结 as well (rated again then).
 */
export const ratingStages = ['accepted', 'supplement', 'rejected', 'completed'] as const;
export type RatingStage = (typeof ratingStages)[number];
export const ratingStageSchema = z.enum(ratingStages);

export const ratingStageNames: Record<RatingStage, string> = {
  accepted: '受理',
  supplement: '补正告知',
  rejected: '不予受理',
  completed: '办结',
};

export const ratingStageNamesEn: Record<RatingStage, string> = {
  accepted: 'Accepted',
  supplement: 'Supplement notice',
  rejected: 'Not accepted',
  completed: 'Completed',
};

/**
 * Where a rating was given, in the provincial interface's codes: `PJQ` a window's rating device (our
 * citizen screen), `EWM` the QR code on the receipt (rated later, on the citizen's phone).
 */
export const ratingChannels = ['PJQ', 'EWM'] as const;
export type RatingChannel = (typeof ratingChannels)[number];

/** The free text of a rating, at most this many characters. */
export const ratingTextMax = 500;

/**
 * A rating as the citizen submits it. A 差评 needs at least one reason; a good rating carries none.
 * The window never submits one: only the citizen's screen or phone.
 */
export const ratingSubmissionSchema = z
  .object({
    level: ratingLevelSchema,
    reasons: z.array(z.enum(badRatingReasons)).max(badRatingReasons.length),
    text: z.string().trim().max(ratingTextMax, `意见不超过 ${ratingTextMax} 字`),
  })
  .strict()
  .superRefine((value, ctx) => {
    if (isBadRating(value.level) && value.reasons.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['reasons'], message: '请选择不满意的原因' });
    }
    if (!isBadRating(value.level) && value.reasons.length > 0) {
      ctx.addIssue({ code: 'custom', path: ['reasons'], message: '满意的评价不需要原因' });
    }
    if (new Set(value.reasons).size !== value.reasons.length) {
      ctx.addIssue({ code: 'custom', path: ['reasons'], message: '原因重复' });
    }
  });
export type RatingSubmission = z.infer<typeof ratingSubmissionSchema>;

/** The applicant's kind as provincial interfaces code it (userProp): 1 a person, 2 an enterprise (法人). */
export const userProps = { person: '1', enterprise: '2' } as const;

/**
 * The ID type as provincial interfaces code it (userPageType), from GA/T 517's certificate codes:
 * 111 居民身份证, 553 外国人永久居留身份证, 554 港澳台居民居住证; 001 统一社会信用代码 for an enterprise.
 */
export const userPageTypes = {
  resident: '111',
  foreign_permanent: '553',
  hk_macao_taiwan: '554',
  enterprise: '001',
} as const;

/** handleStateCode: the case's state at the rated visit. */
export const handleStateCodes: Record<RatingStage, string> = {
  accepted: '1',
  supplement: '2',
  rejected: '3',
  completed: '4',
};

/**
 * One rating with the data elements a provincial 好差评 interface expects, under the names one
 * published interface uses (version 2). Kept with the rating at the window and at central, and
 * exported as it is (docs/ratings.md). `evaluateLevel` is 5 (非常满意) … 1 (非常不满意).
 */
export const provincialRatingSchema = z
  .object({
    version: z.literal(2),
    evaluateChannel: z.enum(ratingChannels),
    projNo: z.string(),
    projName: z.string(),
    serviceCode: z.string(),
    serviceVersion: z.string(),
    serviceDepartment: z.string(),
    serviceDepartmentCode: z.string(),
    handleStateCode: z.string(),
    regionCode: z.string(),
    applicantName: z.string(),
    applicantCardNumber: z.string(),
    applicantPhone: z.string(),
    userProp: z.enum([userProps.person, userProps.enterprise]),
    userPageType: z.string(),
    applyTime: z.string(),
    transactionTime: z.string(),
    evaluatedPersonInfo: z
      .object({ name: z.string(), staffNumber: z.string(), windowNumber: z.number().int() })
      .strict(),
    evaluateLevel: z.number().int().min(1).max(5),
    evaluateLevelName: z.string(),
    evaluateReasons: z.array(z.enum(badRatingReasons)),
    evaluateReasonNames: z.array(z.string()),
    evaluateText: z.string(),
    evaluateTime: z.string(),
  })
  .strict();
export type ProvincialRating = z.infer<typeof provincialRatingSchema>;

/** What a rating's data elements are taken from: the case version as the window decided it. */
export interface RatedCaseFacts {
  number: string;
  catalogVersion: number;
  districtCode: string;
  windowNumber: number;
  matter: { code: string; name: string; department: string; departmentCode?: string | undefined };
  subject: 'individual' | 'enterprise';
  clerk: { username: string; displayName: string };
  draft: CaseDraft;
  decidedAt: string;
  acceptedAt: string | null;
}

/** The elements that describe the case and the clerk (the rating's own come with the citizen's answer). */
export type ProvincialCaseElements = Omit<
  ProvincialRating,
  | 'evaluateChannel'
  | 'handleStateCode'
  | 'evaluateLevel'
  | 'evaluateLevelName'
  | 'evaluateReasons'
  | 'evaluateReasonNames'
  | 'evaluateText'
  | 'evaluateTime'
>;

/**
 * The provincial data elements of a decided case version, the same at the window (a rating on the
 * citizen screen) and at central (a rating through the receipt's QR code): whole identity, because
 * the provincial system receives it; the citizen screen never does.
 */
export function provincialElementsOf(facts: RatedCaseFacts): ProvincialCaseElements {
  const { draft, matter } = facts;
  const enterprise = facts.subject === 'enterprise';
  const person = draft.person;
  return {
    version: 2,
    projNo: facts.number,
    projName: matter.name,
    serviceCode: matter.code,
    serviceVersion: String(facts.catalogVersion),
    serviceDepartment: matter.department,
    serviceDepartmentCode: matter.departmentCode ?? '',
    regionCode: facts.districtCode,
    applicantName: enterprise ? draft.enterprise.name.trim() : person.name.trim(),
    applicantCardNumber: enterprise
      ? draft.enterprise.creditCode.trim().toUpperCase()
      : normalizeIdNumber(person.idNumber),
    applicantPhone: (enterprise ? draft.enterprise.phone || person.phone : person.phone).trim(),
    userProp: enterprise ? userProps.enterprise : userProps.person,
    userPageType: enterprise ? userPageTypes.enterprise : userPageTypes[person.idType],
    applyTime: facts.acceptedAt ?? facts.decidedAt,
    transactionTime: facts.decidedAt,
    evaluatedPersonInfo: {
      name: facts.clerk.displayName,
      staffNumber: facts.clerk.username,
      windowNumber: facts.windowNumber,
    },
  };
}

/** The whole record: the case's elements and the citizen's answer, where and when it was given. */
export function provincialRatingOf(
  elements: ProvincialCaseElements,
  stage: RatingStage,
  channel: RatingChannel,
  submission: RatingSubmission,
  at: Date,
): ProvincialRating {
  return provincialRatingSchema.parse({
    ...elements,
    evaluateChannel: channel,
    handleStateCode: handleStateCodes[stage],
    evaluateLevel: ratingLevelCodes[submission.level],
    evaluateLevelName: ratingLevelNames[submission.level],
    evaluateReasons: submission.reasons,
    evaluateReasonNames: submission.reasons.map((r) => badRatingReasonNames[r]),
    evaluateText: submission.text,
    evaluateTime: at.toISOString(),
  });
}

/** Which visit a window decision is (its state as the window left it). */
export const stageOfWindowState: Record<'accepted' | 'supplement_requested' | 'rejected', RatingStage> = {
  accepted: 'accepted',
  supplement_requested: 'supplement',
  rejected: 'rejected',
};
