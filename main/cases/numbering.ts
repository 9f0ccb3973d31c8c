import { sql } from 'drizzle-orm';
import type { Db } from '../db/connection';
import { caseCounters } from '../db/schema';
import { formatCaseNumber } from '@yichuang/domain/cases';
import { AppError } from '../../preload/contract/errors';
import type { WindowSettings } from '../../preload/contract/schemas';
import type { SettingsService } from '../settings/service';

/**
 * The window a case is numbered and decided at, as stored and valid. While 设置 → 窗口 is missing
 * or invalid no case is numbered: a guessed window number would give two windows the same numbers.
 */
export function numberingWindow(settings: Pick<SettingsService, 'load'>): WindowSettings {
  const { status, value, problems } = settings.load();
  if (status !== 'ok') {
    const why = problems.map((p) => p.message).join('；');
    throw new AppError('settings_invalid', { problems: why });
  }
  return { districtCode: value.districtCode, windowNumber: value.windowNumber, hallName: value.hallName };
}

/**
 * The next 办件编号 for this window and hall date: district – date – window – sequence. The
 * counter row is bumped inside the caller's transaction, so a number is used once even across
 * crashes and restarts, and no server is needed. `at` comes from `numberingWindow`.
 */
export function nextCaseNumber(db: Db, at: { districtCode: string; day: string; windowNumber: number }): string {
  const row = db
    .insert(caseCounters)
    .values({ day: at.day, windowNumber: at.windowNumber, lastSeq: 1 })
    .onConflictDoUpdate({
      target: [caseCounters.day, caseCounters.windowNumber],
      set: { lastSeq: sql`${caseCounters.lastSeq} + 1` },
    })
    .returning({ seq: caseCounters.lastSeq })
    .get();
  return formatCaseNumber(at.districtCode, at.day, at.windowNumber, row.seq);
}
