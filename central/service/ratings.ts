// Central's one writer of `ratings`: the 好差评 the windows send, each stored once as it was sent,
// and the provincial export read from them (docs/ratings.md).
import { and, asc, count, eq, gt, gte, lte, or } from 'drizzle-orm';
import {
  addHallDays,
  hallDate,
  hallDaysBetween,
  hallMonthStart,
  hallTimeZone,
  hallToday,
  isHallDate,
} from '@yichuang/domain/hall-time';
import type { RatingPut, RatingPutResponse } from '@yichuang/domain/protocol';
import {
  handleStateCodes,
  isBadRating,
  provincialRatingSchema,
  ratingLevelCodes,
  ratingLevels,
  ratingStageNames,
  type ProvincialRating,
  type RatingLevel,
} from '@yichuang/domain/ratings';
import type { CentralDb } from '../db/connect';
import { cases, ratings } from '../db/schema';
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
    exportBatches,

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
