import { z } from 'zod';
import { idTypes } from '@yichuang/domain/cases';
import { subjectKinds } from '@yichuang/domain/catalog';
import { ratingStageSchema, ratingSubmissionSchema } from '@yichuang/domain/ratings';
import { localeSchema } from './schemas';

/**
 * The citizen screen (双屏): what the person across the counter sees, and the rating they give.
 *
 * Everything the citizen's window receives is a `CitizenView`, built and masked in main
 * (`main/citizen/view.ts`) from the case as saved: names with the middle hidden, ID numbers 6 + 4,
 * phones with the middle four hidden. The schemas are strict, so the router's output check and the
 * push strip nothing silently: a field not listed here cannot reach that window.
 */

/** A short code the citizen page shows until the clerk's window pairs with it (browser host). */
export const pairingCodeSchema = z
  .string()
  .trim()
  .regex(/^\d{6}$/, '请输入群众屏上显示的 6 位数字');

const maskedPersonViewSchema = z
  .object({
    /** 张*三 */
    name: z.string(),
    idType: z.enum(idTypes),
    /** First 6 and last 4. */
    idNumber: z.string(),
    /** 138****5678 */
    phone: z.string(),
  })
  .strict();
export type MaskedPersonView = z.infer<typeof maskedPersonViewSchema>;

export const citizenChecklistEntrySchema = z
  .object({
    name: z.string(),
    required: z.boolean(),
    /** `present`: given; `missing`: required and not given yet; `optional`: not required, not given. */
    status: z.enum(['present', 'missing', 'optional']),
    pages: z.number().int().nonnegative(),
  })
  .strict();

/** The paper the decision prints, as its first page reads (personal data masked like the rest). */
export const citizenNoticeSchema = z
  .object({
    kind: z.enum(['receipt', 'supplement', 'rejection']),
    /** 受理回执 / 一次性补正告知书 / 不予受理通知书 */
    title: z.string(),
    caseNumber: z.string(),
    /** What the notice lists: the missing materials with their reasons, or the reason for not accepting. */
    lines: z.array(z.object({ name: z.string(), reason: z.string() }).strict()),
    /** 受理: the promised date; 补正: the date to bring the materials by. */
    dueDate: z.string().nullable(),
  })
  .strict();
export type CitizenNotice = z.infer<typeof citizenNoticeSchema>;

export const citizenCaseSchema = z
  .object({
    matterName: z.string().nullable(),
    subject: z.enum(subjectKinds).nullable(),
    applicant: maskedPersonViewSchema.nullable(),
    enterprise: z.object({ name: z.string(), creditCode: z.string() }).strict().nullable(),
    agent: maskedPersonViewSchema.nullable(),
    checklist: z.array(citizenChecklistEntrySchema),
    /** The matter's promise in working days (承诺时限), before a decision; null when it has none. */
    promisedDays: z.number().int().nullable(),
    /** After 受理: the promised date (hall date). */
    promisedDate: z.string().nullable(),
    notice: citizenNoticeSchema.nullable(),
  })
  .strict();
export type CitizenCase = z.infer<typeof citizenCaseSchema>;

/** The rating the citizen screen asks for after a decision: one per visit, given by the citizen only. */
export const citizenRatingPromptSchema = z
  .object({
    /** Opaque: which visit this rating is of. */
    promptId: z.string(),
    stage: ratingStageSchema,
    /** `open`: waiting for the citizen; `rated`: thanked, nothing more to do. */
    state: z.enum(['open', 'rated']),
  })
  .strict();
export type CitizenRatingPrompt = z.infer<typeof citizenRatingPromptSchema>;

export const citizenViewSchema = z
  .object({
    /** The workstation's default language: the screen starts in it (the citizen may switch). */
    locale: localeSchema,
    counter: z
      .object({
        hallName: z.string(),
        windowNumber: z.number().int(),
        /** The clerk's name as they chose to show it, and their 工号 (the sign-in name). */
        clerkName: z.string(),
        staffNumber: z.string(),
      })
      .strict()
      .nullable(),
    /** The ticket at the counter (its number and queue), when the window called one. */
    ticket: z.object({ number: z.string(), queueName: z.string() }).strict().nullable(),
    /** The case being taken or just decided; null while the window is idle. */
    case: citizenCaseSchema.nullable(),
    rating: citizenRatingPromptSchema.nullable(),
    /** Shown while idle, in large type: the hall's notices and the matters this window takes. */
    idle: z.object({ notices: z.array(z.string()), matters: z.array(z.string()) }).strict(),
  })
  .strict();
export type CitizenView = z.infer<typeof citizenViewSchema>;

/** What the citizen page learns when it says hello: its pairing code, or that it is paired already. */
export const citizenHelloSchema = z.discriminatedUnion('paired', [
  z.object({ paired: z.literal(false), code: z.string(), expiresAt: z.string(), locale: localeSchema }).strict(),
  z
    .object({
      paired: z.literal(true),
      view: citizenViewSchema,
      /**
       * Kept by the citizen page for this tab: after its connection drops (the host restarted, the
       * page reloaded), hello with it rejoins the same window without a new code while the pairing lasts.
       */
      resume: z.string(),
    })
    .strict(),
]);
export const citizenHelloInputSchema = z.object({ resume: z.string().max(64).optional() }).strict();
export type CitizenHello = z.infer<typeof citizenHelloSchema>;

export const citizenRateInputSchema = z
  .object({ promptId: z.string().min(1).max(64), rating: ratingSubmissionSchema })
  .strict();

/** The clerk's side: whether a citizen screen is connected, and whether the visit shown was rated (never how). */
export const citizenStatusSchema = z
  .object({
    /** `window`: Electron's second window; `paired`: a browser page paired by code; `none`. */
    screen: z.enum(['window', 'paired', 'none']),
    /** The case the citizen screen shows; null when idle. */
    caseId: z.string().nullable(),
    /** 已评价 / 未评价 for the visit last decided on this screen; null when none asks for a rating. */
    rating: z.enum(['rated', 'unrated']).nullable(),
    /** Displays the citizen window may go to (Electron only; empty in the browser host). */
    displays: z.array(
      z
        .object({
          id: z.number().int(),
          label: z.string(),
          width: z.number().int(),
          height: z.number().int(),
          primary: z.boolean(),
          chosen: z.boolean(),
        })
        .strict(),
    ),
  })
  .strict();
export type CitizenStatus = z.infer<typeof citizenStatusSchema>;

export const citizenShowInputSchema = z.object({ caseId: z.string().uuid().nullable() }).strict();
export const citizenPairInputSchema = z.object({ code: pairingCodeSchema }).strict();
export const citizenDisplayInputSchema = z.object({ displayId: z.number().int().nullable() }).strict();
