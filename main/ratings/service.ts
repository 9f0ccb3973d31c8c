import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { hallDate } from '@yichuang/domain/hall-time';
import {
  provincialRatingOf,
  type ProvincialCaseElements,
  type ProvincialRating,
  type RatingChannel,
  type RatingStage,
  type RatingSubmission,
} from '@yichuang/domain/ratings';
import type { RatingPut } from '@yichuang/domain/protocol';
import { AppError } from '../../preload/contract/errors';
import { newRatingCode } from '@yichuang/domain/rating-codes';
import type { Clock } from '../app/clock';
import type { AuditService } from '../audit/service';
import type { Db } from '../db/connection';
import { ratingInvitations, ratings } from '../db/schema';
import type { CalendarService } from '../calendar/service';
import type { SettingsService } from '../settings/service';

/** The visit a rating is of, with the data elements fixed when the window decided it. */
export interface RatedVisit {
  caseId: string;
  caseNumber: string;
  caseVersion: number;
  stage: RatingStage;
  clerkId: number;
  windowNumber: number;
  /** Every provincial data element but the rating's own (level, reasons, text, time, channel). */
  elements: ProvincialCaseElements;
}

/**
 * 好差评 at the workstation: the one writer of `ratings`. A rating is stored only as the citizen
 * gave it (no default is ever written), once per visit and stage, with its audit entry in the same
 * transaction. The audit entry names the case and the stage, never the level: the clerk rated may
 * read the trail.
 */
/** A notice's 评价码 and the last hall day it may be used. */
export interface RatingInvitation {
  code: string;
  until: string;
}

export function createRatingService(deps: {
  db: Db;
  clock: Clock;
  audit: AuditService;
  calendar: CalendarService;
  settings: SettingsService;
  /** Called inside the rating's transaction: the outbox writes the item that takes it to central. */
  onRecorded?: (rating: RatingPut) => void;
}) {
  const { db, clock, audit, calendar, settings } = deps;

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

  function invitation(caseId: string, version: number): RatingInvitation | null {
    return (
      db
        .select({ code: ratingInvitations.code, until: ratingInvitations.until })
        .from(ratingInvitations)
        .where(and(eq(ratingInvitations.caseId, caseId), eq(ratingInvitations.version, version)))
        .get() ?? null
    );
  }

  return {
    given,
    invitation,

    /**
     * Called inside the decision's transaction: the 评价码 the version's notice prints, good for the
     * set working days from the decision (the same code on every reprint).
     */
    invite(decided: { caseId: string; version: number; decidedAt: string }): RatingInvitation {
      const kept = invitation(decided.caseId, decided.version);
      if (kept) return kept;
      const until = calendar
        .current()
        .addWorkingDays(hallDate(new Date(decided.decidedAt)), settings.get().ratingDays).date;
      const fresh = { code: newRatingCode(), until };
      db.insert(ratingInvitations)
        .values({ caseId: decided.caseId, version: decided.version, ...fresh, createdAt: clock.now().toISOString() })
        .run();
      return fresh;
    },

    /** Stores the citizen's rating of a visit; refused when that visit was rated already. */
    record(visit: RatedVisit, channel: RatingChannel, submission: RatingSubmission): ProvincialRating {
      const now = clock.now();
      const record = provincialRatingOf(visit.elements, visit.stage, channel, submission, now);
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
