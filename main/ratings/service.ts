import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { hallDate } from '@yichuang/domain/hall-time';
import {
  badRatingReasonNames,
  handleStateCodes,
  provincialRatingSchema,
  ratingLevelCodes,
  ratingLevelNames,
  type ProvincialRating,
  type RatingChannel,
  type RatingStage,
  type RatingSubmission,
} from '@yichuang/domain/ratings';
import type { RatingPut } from '@yichuang/domain/protocol';
import { AppError } from '../../preload/contract/errors';
import type { Clock } from '../app/clock';
import type { AuditService } from '../audit/service';
import type { Db } from '../db/connection';
import { ratings } from '../db/schema';

/** The visit a rating is of, with the data elements fixed when the window decided it. */
export interface RatedVisit {
  caseId: string;
  caseNumber: string;
  caseVersion: number;
  stage: RatingStage;
  clerkId: number;
  windowNumber: number;
  /** Every provincial data element but the rating's own (level, reasons, text, time, channel). */
  elements: Omit<
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
}

/**
 * 好差评 at the workstation: the one writer of `ratings`. A rating is stored only as the citizen
 * gave it (no default is ever written), once per visit and stage, with its audit entry in the same
 * transaction. The audit entry names the case and the stage, never the level: the clerk rated may
 * read the trail.
 */
export function createRatingService(deps: {
  db: Db;
  clock: Clock;
  audit: AuditService;
  /** Called inside the rating's transaction: the outbox writes the item that takes it to central. */
  onRecorded?: (rating: RatingPut) => void;
}) {
  const { db, clock, audit } = deps;

  function given(visit: Pick<RatedVisit, 'caseId' | 'caseVersion' | 'stage'>): boolean {
    return (
      db
        .select({ id: ratings.id })
        .from(ratings)
        .where(
          and(
            eq(ratings.caseId, visit.caseId),
            eq(ratings.caseVersion, visit.caseVersion),
            eq(ratings.stage, visit.stage),
          ),
        )
        .get() !== undefined
    );
  }

  return {
    given,

    /** Stores the citizen's rating of a visit; refused when that visit was rated already. */
    record(visit: RatedVisit, channel: RatingChannel, submission: RatingSubmission): ProvincialRating {
      const now = clock.now();
      const record = provincialRatingSchema.parse({
        ...visit.elements,
        evaluateChannel: channel,
        handleStateCode: handleStateCodes[visit.stage],
        evaluateLevel: ratingLevelCodes[submission.level],
        evaluateLevelName: ratingLevelNames[submission.level],
        evaluateReasons: submission.reasons,
        evaluateReasonNames: submission.reasons.map((r) => badRatingReasonNames[r]),
        evaluateText: submission.text,
        evaluateTime: now.toISOString(),
      });
      const rating: RatingPut = {
        id: randomUUID(),
        caseId: visit.caseId,
        caseNumber: visit.caseNumber,
        caseVersion: visit.caseVersion,
        stage: visit.stage,
        level: submission.level,
        reasons: submission.reasons,
        text: submission.text,
        channel,
        windowNumber: visit.windowNumber,
        clerk: {
          staffId: visit.clerkId,
          username: visit.elements.evaluatedPersonInfo.staffNumber,
          displayName: visit.elements.evaluatedPersonInfo.name,
        },
        ratedAt: now.toISOString(),
        record,
      };
      const { reasons, clerk, record: _record, ...columns } = rating;
      db.transaction(() => {
        if (given(visit)) throw new AppError('rating_already_given');
        db.insert(ratings)
          .values({
            ...columns,
            reasons: JSON.stringify(reasons),
            clerkId: clerk.staffId,
            ratedDay: hallDate(now),
            record: JSON.stringify(record),
          })
          .run();
        audit.append({
          userId: null,
          username: null,
          action: 'citizen.rate',
          target: `case/${visit.caseId}`,
          result: 'ok',
          detail: { rating: rating.id, stage: visit.stage, channel },
        });
        deps.onRecorded?.(rating);
      });
      return record;
    },
  };
}

export type RatingService = ReturnType<typeof createRatingService>;
