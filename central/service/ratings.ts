// Long on purpose: the one writer of both rating tables keeps each write with the checks that belong
// to it in one transaction (a sent rating, an online rating with its refusals, the lockout).
// Central's one writer of `ratings` and `rating_refusals`: the 好差评 the windows send, each stored
// once as it was sent; the ones citizens give later on the rating page (the notice's QR code and
// 评价码) with every refusal of that page; and the provincial export read from them (docs/ratings.md).
import { randomUUID } from 'node:crypto';
import { and, asc, count, eq, gt, gte, inArray, lte, or } from 'drizzle-orm';
import {
  addHallDays,
  hallDate,
  hallDaysBetween,
  hallMonthStart,
  hallTimeZone,
  hallToday,
  isHallDate,
} from '@yichuang/domain/hall-time';
import type { CasePut, RatingPut, RatingPutResponse } from '@yichuang/domain/protocol';
import { ratingCodeMatches } from '@yichuang/domain/rating-codes';
import {
  handleStateCodes,
  isBadRating,
  provincialElementsOf,
  provincialRatingOf,
  provincialRatingSchema,
  ratingLevelCodes,
  ratingLevels,
  ratingStageNames,
  ratingSubmissionSchema,
  stageOfWindowState,
  type ProvincialRating,
  type RatingLevel,
  type RatingStage,
} from '@yichuang/domain/ratings';
import type { CentralDb } from '../db/connect';
import { caseVersions, cases, ratingRefusals, ratings } from '../db/schema';
import type { CentralAudit } from './audit';
import { canonicalJson, sha256Hex } from './canonical';
import { CentralError } from './errors';
import type { Workstation } from './workstations';

export interface RatingPutResult {
  status: 200 | 201;
  body: RatingPutResponse;
  /** The same rating sent again: the answer of its first receipt. */
  replayed: boolean;
}

/** Hall days, both included (`YYYY-MM-DD`). */
export interface HallDayRange {
  from: string;
  to: string;
}

/** The longest range one export covers, in hall days. */
export const ratingExportMaxDays = 366;

/** The export's two formats (docs/ratings.md): the same columns in both. */
export const ratingExportFormats = ['jsonl', 'csv'] as const;
export type RatingExportFormat = (typeof ratingExportFormats)[number];

export interface RatingSummary {
  total: number;
  byLevel: Record<RatingLevel, number>;
  /** 差评: the bottom two levels. */
  bad: number;
}

/** A range an export may cover: real dates, in order, at most `ratingExportMaxDays` days. Throws a 400 otherwise. */
export function checkHallDayRange(range: { from?: unknown; to?: unknown }): HallDayRange {
  const { from, to } = range;
  if (typeof from !== 'string' || typeof to !== 'string' || !isHallDate(from) || !isHallDate(to)) {
    throw new CentralError(400, 'invalid_range', 'rating.rangeDates');
  }
  const days = hallDaysBetween(from, to) + 1;
  if (days < 1) throw new CentralError(400, 'invalid_range', 'rating.rangeReversed', { from, to });
  if (days > ratingExportMaxDays) {
    throw new CentralError(400, 'invalid_range', 'rating.rangeTooLong', { max: ratingExportMaxDays, days });
  }
  return { from, to };
}

/**
 * Why the rating page refused, in the order its checks are made (docs/ratings.md): the number is
 * locked by failed tries; no such case; its latest version has no 评价码; the code is wrong; the
 * last day has passed; the visit is rated already.
 */
export const ratingRefusalReasons = [
  'locked',
  'unknown_case',
  'not_invited',
  'wrong_code',
  'expired',
  'already_rated',
] as const;
export type RatingRefusalReason = (typeof ratingRefusalReasons)[number];

/** The failed tries that lock a case number: `failures` of them within `withinMs` lock it for `forMs`. */
export const ratingLockout = { failures: 5, withinMs: 60 * 60 * 1000, forMs: 60 * 60 * 1000 } as const;
const failedTries: RatingRefusalReason[] = ['unknown_case', 'wrong_code'];

/** The longest case number the page reads (and keeps with a refusal). */
export const typedCaseNumberMax = 40;

/**
 * A case number as the rating page reads it: trimmed, spaces taken out, full-width digits and
 * dashes (a phone's Chinese keyboard) as ASCII, at most `typedCaseNumberMax` characters.
 */
export function typedCaseNumber(raw: string): string {
  return raw
    .normalize('NFKC')
    .replace(/[\u2010-\u2015\u2212\u30fc\uff0d]/g, '-')
    .replace(/\s+/g, '')
    .slice(0, typedCaseNumberMax);
}

/** The visit a citizen rates on the rating page: nothing about who they are. */
export interface OnlineVisit {
  caseId: string;
  caseNumber: string;
  version: number;
  stage: RatingStage;
  matterName: string;
  /** The hall day the window decided it. */
  decidedDay: string;
  /** The last hall day it may be rated. */
  until: string;
}

/** A refusal of the rating page (counted in `rating_refusals`). */
export interface OnlineRefusal {
  outcome: 'refused';
  reason: RatingRefusalReason;
  /** The number as read. */
  caseNumber: string;
  /** `expired`: the last day it could be rated. */
  until?: string;
  /** `locked`: when the number may be tried again (ISO). */
  lockedUntil?: string;
}

export type OnlineCheck = OnlineRefusal | { outcome: 'open'; visit: OnlineVisit };

export type OnlineRateResult =
  | OnlineRefusal
  /** The submission does not hold (`ratingSubmissionSchema`): which of its fields; nothing was stored. */
  | { outcome: 'invalid'; visit: OnlineVisit; fields: ('level' | 'reasons' | 'text')[] }
  | { outcome: 'rated'; visit: OnlineVisit; id: string };

/** How many refusals the range's hall days hold, by reason. */
export type RatingRefusalCounts = Record<RatingRefusalReason, number> & { total: number };

const exportBatch = 500;

type Tx = Parameters<Parameters<CentralDb['transaction']>[0]>[0];

/**
 * The first data element that says otherwise than the rating itself (null when they agree): the
 * level, the visit's state, the channel and the reasons are written twice, by the same rules.
 */
function recordMismatch(body: RatingPut): string | null {
  const { record } = body;
  if (record.evaluateLevel !== ratingLevelCodes[body.level]) return 'evaluateLevel';
  if (record.handleStateCode !== handleStateCodes[body.stage]) return 'handleStateCode';
  if (record.evaluateChannel !== body.channel) return 'evaluateChannel';
  if (canonicalJson(record.evaluateReasons) !== canonicalJson(body.reasons)) return 'evaluateReasons';
  return null;
}

export function createRatingStore(deps: {
  db: CentralDb;
  now: () => Date;
  audit: CentralAudit;
  timeZone?: string | undefined;
}) {
  const { db, now, audit } = deps;
  const timeZone = deps.timeZone ?? hallTimeZone;
  const inRange = (range: HallDayRange) => and(gte(ratings.hallDay, range.from), lte(ratings.hallDay, range.to));

  /** The stored rating with this id, when it is the same one: a replay's answer; another body is refused. */
  function replayOf(
    ws: Workstation,
    body: RatingPut,
    bodySha256: string,
    row: { workstationId: string; bodySha256: string; receivedAt: string } | undefined,
  ): RatingPutResult | null {
    if (!row) return null;
    if (row.workstationId !== ws.id || row.bodySha256 !== bodySha256) {
      throw new CentralError(409, 'rating_conflict', 'rating.idConflict', { id: body.id });
    }
    return { status: 200, body: { id: body.id, receivedAt: row.receivedAt }, replayed: true };
  }

  /**
   * One rating from a window: stored the first time (201), answered the same when the same body comes
   * again (200, replayed). Refused (409): another body under the same id, a second rating of the same
   * visit (case, version, stage), a case central does not have or that another workstation received.
   */
  async function put(ws: Workstation, body: RatingPut): Promise<RatingPutResult> {
    const bodySha256 = sha256Hex(canonicalJson(body));
    const mismatch = recordMismatch(body);
    if (mismatch) throw new CentralError(400, 'rating_record_mismatch', 'rating.recordMismatch', { field: mismatch });
    const stored = (id: string, tx: Tx) =>
      tx
        .select({
          workstationId: ratings.workstationId,
          bodySha256: ratings.bodySha256,
          receivedAt: ratings.receivedAt,
        })
        .from(ratings)
        .where(eq(ratings.id, id))
        .then((rows) => rows[0]);
    return db.transaction(async (tx) => {
      const again = replayOf(ws, body, bodySha256, await stored(body.id, tx));
      if (again) return again;
      const owner = (
        await tx.select({ workstationId: cases.workstationId }).from(cases).where(eq(cases.id, body.caseId))
      )[0];
      if (!owner) throw new CentralError(409, 'rating_case_unknown', 'rating.caseUnknown', { number: body.caseNumber });
      if (owner.workstationId !== ws.id) {
        throw new CentralError(409, 'rating_case_not_yours', 'rating.caseNotYours', { number: body.caseNumber });
      }
      const receivedAt = now().toISOString();
      // Either unique key (the id, the visit) may be taken meanwhile by a request in flight: nothing is inserted then.
      const inserted = await tx
        .insert(ratings)
        .values({
          id: body.id,
          workstationId: ws.id,
          caseId: body.caseId,
          caseNumber: body.caseNumber,
          caseVersion: body.caseVersion,
          stage: body.stage,
          level: body.level,
          reasons: body.reasons,
          text: body.text,
          channel: body.channel,
          windowNumber: body.windowNumber,
          clerkUsername: body.clerk.username,
          clerkName: body.clerk.displayName,
          ratedAt: body.ratedAt,
          hallDay: hallDate(body.ratedAt, timeZone),
          receivedAt,
          bodySha256,
          record: body.record,
        })
        .onConflictDoNothing()
        .returning({ receivedAt: ratings.receivedAt });
      if (inserted.length === 0) {
        const raced = replayOf(ws, body, bodySha256, await stored(body.id, tx));
        if (raced) return raced;
        throw new CentralError(409, 'rating_visit_rated', 'rating.visitRated', {
          number: body.caseNumber,
          version: body.caseVersion,
          stage: ratingStageNames[body.stage],
        });
      }
      // The trail names the case, the visit and the channel: never the level, nor who the applicant is.
      await audit.record(
        {
          actorKind: 'clerk',
          actor: `${body.clerk.displayName}（${body.clerk.username}）`,
          workstationId: ws.id,
          action: 'rating.put',
          target: body.caseId,
          detail: { rating: body.id, version: body.caseVersion, stage: body.stage, channel: body.channel },
        },
        tx,
      );
      return { status: 201, body: { id: body.id, receivedAt }, replayed: false };
    });
  }

  /**
   * When a case number may be tried again: `ratingLockout.failures` failed tries (unknown number,
   * wrong code) within `withinMs` lock it for `forMs` from the last of them; null when it is not locked.
   */
  async function lockedUntil(tx: Tx, caseNumber: string, at: Date): Promise<Date | null> {
    const since = new Date(at.getTime() - ratingLockout.withinMs - ratingLockout.forMs).toISOString();
    const rows = await tx
      .select({ at: ratingRefusals.at })
      .from(ratingRefusals)
      .where(
        and(
          eq(ratingRefusals.caseNumber, caseNumber),
          inArray(ratingRefusals.reason, failedTries),
          gte(ratingRefusals.at, since),
        ),
      )
      .orderBy(asc(ratingRefusals.at));
    const times = rows.map((r) => Date.parse(r.at));
    let until = 0;
    for (let last = ratingLockout.failures - 1; last < times.length; last++) {
      const first = times[last - ratingLockout.failures + 1]!;
      if (times[last]! - first <= ratingLockout.withinMs) until = Math.max(until, times[last]! + ratingLockout.forMs);
    }
    return until > at.getTime() ? new Date(until) : null;
  }

  /** A refusal, counted (the lockout and the admin page's figures read them). */
  async function refuse(
    tx: Tx,
    caseNumber: string,
    reason: RatingRefusalReason,
    extra: Pick<OnlineRefusal, 'until' | 'lockedUntil'> = {},
  ): Promise<OnlineRefusal> {
    const at = now();
    await tx.insert(ratingRefusals).values({
      id: randomUUID(),
      at: at.toISOString(),
      hallDay: hallToday(at, timeZone),
      reason,
      caseNumber,
    });
    return { outcome: 'refused', reason, caseNumber, ...extra };
  }

  /**
   * The rating page's checks, in their order (docs/ratings.md); a refusal is counted. The case row
   * is locked for the transaction: tries on one case are taken one at a time, so the lockout and
   * "one visit, one rating" hold under concurrent requests.
   */
  async function checkOnline(
    tx: Tx,
    typed: string,
    code: string,
  ): Promise<OnlineRefusal | { outcome: 'open'; visit: OnlineVisit; body: CasePut; workstationId: string }> {
    const caseNumber = typedCaseNumber(typed);
    const row = (
      await tx
        .select({ id: cases.id, version: cases.version, workstationId: cases.workstationId })
        .from(cases)
        .where(eq(cases.number, caseNumber))
        .for('update')
    )[0];
    const locked = await lockedUntil(tx, caseNumber, now());
    if (locked) return refuse(tx, caseNumber, 'locked', { lockedUntil: locked.toISOString() });
    const body = row
      ? ((
          await tx
            .select({ body: caseVersions.body })
            .from(caseVersions)
            .where(and(eq(caseVersions.caseId, row.id), eq(caseVersions.version, row.version)))
        )[0]?.body as CasePut | undefined)
      : undefined;
    if (!row || !body) return refuse(tx, caseNumber, 'unknown_case');
    const invitation = body.ratingInvitation;
    if (!invitation) return refuse(tx, caseNumber, 'not_invited');
    if (!ratingCodeMatches(row.id, row.version, code.trim(), invitation.codeSha256)) {
      return refuse(tx, caseNumber, 'wrong_code');
    }
    if (hallToday(now(), timeZone) > invitation.until) {
      return refuse(tx, caseNumber, 'expired', { until: invitation.until });
    }
    const stage = stageOfWindowState[body.windowState];
    const rated = await tx
      .select({ id: ratings.id })
      .from(ratings)
      .where(and(eq(ratings.caseId, row.id), eq(ratings.caseVersion, row.version), eq(ratings.stage, stage)));
    if (rated.length > 0) return refuse(tx, caseNumber, 'already_rated');
    const visit: OnlineVisit = {
      caseId: row.id,
      caseNumber: body.number,
      version: row.version,
      stage,
      matterName: body.matter.name,
      decidedDay: hallDate(body.decidedAt, timeZone),
      until: invitation.until,
    };
    return { outcome: 'open', visit, body, workstationId: row.workstationId };
  }

  /**
   * A rating through the notice's QR code (`EWM`): the checks again, the citizen's answer
   * (`ratingSubmissionSchema`), and the rating stored with the provincial elements of the case
   * version as the window sent it — in one transaction. The same row as `put` writes (the case's
   * workstation, central's clock as the rating's time), under the same one-rating-per-visit index.
   */
  async function rateOnline(typed: string, code: string, submission: unknown): Promise<OnlineRateResult> {
    return db.transaction(async (tx) => {
      const checked = await checkOnline(tx, typed, code);
      if (checked.outcome === 'refused') return checked;
      const { visit, body, workstationId } = checked;
      const parsed = ratingSubmissionSchema.safeParse(submission);
      if (!parsed.success) {
        const fields = new Set(
          parsed.error.issues.map((i) => i.path[0]).filter((f) => f === 'level' || f === 'reasons' || f === 'text'),
        );
        return { outcome: 'invalid', visit, fields: [...fields] };
      }
      const answer = parsed.data;
      const at = now();
      const ratedAt = at.toISOString();
      const record = provincialRatingOf(
        provincialElementsOf({
          number: body.number,
          catalogVersion: body.catalogVersion,
          districtCode: body.districtCode,
          windowNumber: body.windowNumber,
          matter: body.matter,
          subject: body.subject,
          clerk: { username: body.clerk.username, displayName: body.clerk.displayName },
          draft: body.draft,
          decidedAt: body.decidedAt,
          acceptedAt: body.acceptedAt,
        }),
        visit.stage,
        'EWM',
        answer,
        at,
      );
      // What a window would have sent for it: its hash is the row's, as for every other rating.
      const sent: RatingPut = {
        id: randomUUID(),
        caseId: visit.caseId,
        caseNumber: body.number,
        caseVersion: visit.version,
        stage: visit.stage,
        level: answer.level,
        reasons: answer.reasons,
        text: answer.text,
        channel: 'EWM',
        windowNumber: body.windowNumber,
        clerk: body.clerk,
        ratedAt,
        record,
      };
      const inserted = await tx
        .insert(ratings)
        .values({
          id: sent.id,
          workstationId,
          caseId: sent.caseId,
          caseNumber: sent.caseNumber,
          caseVersion: sent.caseVersion,
          stage: sent.stage,
          level: sent.level,
          reasons: sent.reasons,
          text: sent.text,
          channel: sent.channel,
          windowNumber: sent.windowNumber,
          clerkUsername: sent.clerk.username,
          clerkName: sent.clerk.displayName,
          ratedAt,
          hallDay: hallDate(ratedAt, timeZone),
          receivedAt: ratedAt,
          bodySha256: sha256Hex(canonicalJson(sent)),
          record,
        })
        .onConflictDoNothing()
        .returning({ id: ratings.id });
      // The window's rating of the same visit may have arrived since the check.
      if (inserted.length === 0) return refuse(tx, typedCaseNumber(typed), 'already_rated');
      // As for a window's rating: the case, the visit and the channel; never the level, nor who rated.
      await audit.record(
        {
          actorKind: 'system',
          actor: 'rating-page',
          action: 'rating.online',
          target: visit.caseId,
          detail: { rating: sent.id, version: visit.version, stage: visit.stage, channel: 'EWM' },
        },
        tx,
      );
      return { outcome: 'rated', visit, id: sent.id };
    });
  }

  /**
   * The provincial records of the ratings given on the range's hall days, oldest first, a batch at a
   * time (keyset paging on rated time and id: a year of a busy hall is never held at once).
   */
  async function* exportBatches(range: HallDayRange, size = exportBatch): AsyncGenerator<ProvincialRating[]> {
    const checked = checkHallDayRange(range);
    let after: { ratedAt: string; id: string } | null = null;
    for (;;) {
      const rows: { id: string; ratedAt: string; record: unknown }[] = await db
        .select({ id: ratings.id, ratedAt: ratings.ratedAt, record: ratings.record })
        .from(ratings)
        .where(
          after
            ? and(
                inRange(checked),
                or(
                  gt(ratings.ratedAt, after.ratedAt),
                  and(eq(ratings.ratedAt, after.ratedAt), gt(ratings.id, after.id)),
                ),
              )
            : inRange(checked),
        )
        .orderBy(asc(ratings.ratedAt), asc(ratings.id))
        .limit(size);
      if (rows.length === 0) return;
      // Parsed again: keys in the provincial order (jsonb keeps its own), and nothing but the elements.
      yield rows.map((r) => provincialRatingSchema.parse(r.record));
      const last = rows.at(-1)!;
      after = { ratedAt: last.ratedAt, id: last.id };
      if (rows.length < size) return;
    }
  }

  return {
    timeZone,
    put,
    rateOnline,
    exportBatches,

    /**
     * The rating page's checks for a case number and its 评价码 (a refusal is counted): the visit to
     * rate when they pass. Nothing is stored but the refusal; `rateOnline` checks again.
     */
    async openOnline(typed: string, code: string): Promise<OnlineCheck> {
      return db.transaction(async (tx) => {
        const checked = await checkOnline(tx, typed, code);
        return checked.outcome === 'refused' ? checked : { outcome: 'open', visit: checked.visit };
      });
    },

    /** The rating page's refusals on the range's hall days, by reason. */
    async refusalCounts(range: HallDayRange): Promise<RatingRefusalCounts> {
      const checked = checkHallDayRange(range);
      const rows = await db
        .select({ reason: ratingRefusals.reason, n: count() })
        .from(ratingRefusals)
        .where(and(gte(ratingRefusals.hallDay, checked.from), lte(ratingRefusals.hallDay, checked.to)))
        .groupBy(ratingRefusals.reason);
      const counts = Object.fromEntries(ratingRefusalReasons.map((r) => [r, 0])) as Record<RatingRefusalReason, number>;
      for (const r of rows) {
        if ((ratingRefusalReasons as readonly string[]).includes(r.reason)) {
          counts[r.reason as RatingRefusalReason] = Number(r.n);
        }
      }
      return { ...counts, total: ratingRefusalReasons.reduce((sum, r) => sum + counts[r], 0) };
    },

    /** The provincial records of the range's hall days (both included), ordered by when they were given. */
    async exportRows(range: HallDayRange): Promise<ProvincialRating[]> {
      const out: ProvincialRating[] = [];
      for await (const batch of exportBatches(range)) out.push(...batch);
      return out;
    },

    /** How many ratings the range's hall days hold, by level, and how many are 差评. */
    async summary(range: HallDayRange): Promise<RatingSummary> {
      const checked = checkHallDayRange(range);
      const rows = await db
        .select({ level: ratings.level, n: count() })
        .from(ratings)
        .where(inRange(checked))
        .groupBy(ratings.level);
      const byLevel = Object.fromEntries(ratingLevels.map((l) => [l, 0])) as Record<RatingLevel, number>;
      for (const r of rows) byLevel[r.level] = Number(r.n);
      const total = ratingLevels.reduce((sum, l) => sum + byLevel[l], 0);
      const bad = ratingLevels.filter(isBadRating).reduce((sum, l) => sum + byLevel[l], 0);
      return { total, byLevel, bad };
    },

    /** The hall's current month, first to last day: what the export form offers first. */
    currentMonth(): HallDayRange {
      const from = hallMonthStart(hallToday(now(), timeZone));
      const to = addHallDays(hallMonthStart(addHallDays(from, 31)), -1);
      return { from, to };
    },

    /** Who exported which range (the export carries applicants' identities): in central's trail. */
    async recordExport(actor: string, range: HallDayRange, format: RatingExportFormat, rows: number): Promise<void> {
      await audit.record({
        actorKind: 'admin',
        actor,
        action: 'rating.export',
        target: null,
        detail: { from: range.from, to: range.to, format, rows },
      });
    },
  };
}
export type RatingStore = ReturnType<typeof createRatingStore>;
