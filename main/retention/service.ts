import { addHallDays, hallDate, hallDayStart } from '@yichuang/domain/hall-time';
import type { Clock } from '../app/clock';
import type { AuditService } from '../audit/service';
import type { createCaseRetention, RetainedCase } from '../cases/retention';
import type { Db } from '../db/connection';
import type { MaterialStore } from '../materials/store';
import type { PrintHistory } from '../printing/history';
import type { SettingsService } from '../settings/service';
import type { Outbox } from '../sync/outbox';

/**
 * Retention: a case, its materials and its print records stay at the window the configured number
 * of days (default 180) after central has its decision, then they are purged — one audit entry per
 * case; the audit trail itself stays (等保 2.0: at least six months). The supervisor sees what the
 * next days will purge.
 */

/** Cases purged per transaction: a long purge never holds the database for long. */
const batchSize = 200;
/** How far ahead the supervisor's list looks. */
export const upcomingDays = 30;

export interface RetentionService {
  /** The cases the next `upcomingDays` will purge, each with the hall day it goes. */
  upcoming(limit?: number): { retentionDays: number; cases: (RetainedCase & { purgeOn: string })[]; more: boolean };
  /** Purges what is due now; returns how many cases went. */
  purgeDue(): number;
}

export function createRetentionService(deps: {
  db: Db;
  clock: Clock;
  settings: Pick<SettingsService, 'get'>;
  audit: AuditService;
  cases: ReturnType<typeof createCaseRetention>;
  outbox: Pick<Outbox, 'forgetCases'>;
  printHistory: Pick<PrintHistory, 'forgetCases'>;
  materials: Pick<MaterialStore, 'forget'>;
}): RetentionService {
  const { db, clock, settings, audit } = deps;

  /** The instant before which a final case is due: the start of the hall day `days` ago. */
  function cutoff(days: number, from = clock.now()): string {
    return hallDayStart(addHallDays(hallDate(from), -days)).toISOString();
  }

  return {
    upcoming(limit = 200) {
      const days = settings.get().retentionDays;
      const rows = deps.cases.finalBefore(cutoff(days - upcomingDays), limit + 1);
      return {
        retentionDays: days,
        more: rows.length > limit,
        cases: rows.slice(0, limit).map((row) => ({ ...row, purgeOn: addHallDays(hallDate(row.finalAt), days + 1) })),
      };
    },

    purgeDue() {
      const before = cutoff(settings.get().retentionDays);
      let purged = 0;
      for (;;) {
        const due = deps.cases.finalBefore(before, batchSize);
        if (due.length === 0) break;
        const wipe = db.transaction(() => {
          const ids = due.map((c) => c.id);
          deps.printHistory.forgetCases(ids);
          deps.outbox.forgetCases(ids);
          const files = deps.cases.forget(ids).filter((sha256) => !deps.cases.refersTo(sha256));
          for (const c of due) {
            audit.append({
              userId: null,
              username: null,
              action: 'retention.purge',
              target: c.id,
              result: 'ok',
              detail: { number: c.number, state: c.state, finalAt: c.finalAt },
            });
          }
          return deps.materials.forget(files);
        });
        wipe();
        purged += due.length;
      }
      return purged;
    },
  };
}
