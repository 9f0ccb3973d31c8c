import { asc, eq, inArray } from 'drizzle-orm';
import { hallTime, hallToday } from '@yichuang/domain/hall-time';
import type { HallQueue } from '@yichuang/domain/hall-protocol';
import type { CentralDb } from '../db/connect';
import { CentralError } from '../service/errors';
import { hallQueues, hallWindowQueues, hallWindows } from './schema';

/** What a hall starts with, until the supervisor sets its own (hall.md: A 户籍/居住证, B 社保医保, C 企业开办). */
export const defaultQueues: HallQueue[] = [
  {
    letter: 'A',
    name: '户籍、居住证',
    pinyin: 'HJJZZ',
    icon: 'id-card',
    matters: ['GA-JZZSL-001', 'GA-JZZQZ-002', 'GA-HKQR-003', 'GA-SFZHBL-004'],
    opens: '08:30',
    closes: '17:00',
    dailyCap: 300,
  },
  {
    letter: 'B',
    name: '社保、医保',
    pinyin: 'SBYB',
    icon: 'shield',
    matters: ['RS-SBKBH-001', 'RS-SYDJ-002', 'RS-JMYLCB-003', 'YB-JMYBCB-001', 'YB-YDJYBA-002', 'YB-MZMTB-003'],
    opens: '08:30',
    closes: '17:00',
    dailyCap: 300,
  },
  {
    letter: 'C',
    name: '企业开办',
    pinyin: 'QYKB',
    icon: 'building',
    matters: ['SJ-GTGSHSL-001', 'SJ-GSSLDJ-002', 'SJ-GSBGDJ-003', 'QF-QYKBYJS-001', 'SW-XBNSRSX-001'],
    opens: '08:30',
    closes: '17:00',
    dailyCap: 200,
  },
];

export type QueueRow = typeof hallQueues.$inferSelect;

/** A queue's settings, as the supervisor sets them and the kiosk reads them (no state of the day). */
export function queueSettings(queue: HallQueue | QueueRow): HallQueue {
  const { letter, name, pinyin, icon, matters, opens, closes, dailyCap } = queue;
  return { letter, name, pinyin, icon, matters, opens, closes, dailyCap };
}

export type HallQueues = ReturnType<typeof createHallQueues>;

/**
 * The hall's queues and which windows serve them. Kept in memory as well (a hall has a handful of
 * queues, read on every call): this module is their only writer, so the copy is never stale.
 */
export function createHallQueues(deps: { db: CentralDb; now: () => Date; timeZone: string }) {
  const { db, now, timeZone } = deps;
  let cache: Map<string, QueueRow> | null = null;
  let windowCache: Map<number, string[]> | null = null;

  async function all(): Promise<Map<string, QueueRow>> {
    if (!cache) {
      const rows = await db.select().from(hallQueues).orderBy(asc(hallQueues.sort), asc(hallQueues.letter));
      cache = new Map(rows.map((row) => [row.letter, row]));
    }
    return cache;
  }

  async function windows(): Promise<Map<number, string[]>> {
    if (!windowCache) {
      const rows = await db.select().from(hallWindowQueues).orderBy(asc(hallWindowQueues.queue));
      const map = new Map<number, string[]>();
      for (const row of rows) map.set(row.window, [...(map.get(row.window) ?? []), row.queue]);
      windowCache = map;
    }
    return windowCache;
  }

  function validate(queue: HallQueue): void {
    if (queue.matters.length === 0)
      throw new CentralError(400, 'invalid_queue', 'hall.queueMattersEmpty', { name: queue.name });
    if (queue.closes <= queue.opens)
      throw new CentralError(400, 'invalid_queue', 'hall.queueHoursInvalid', { name: queue.name });
  }

  return {
    all,
    async get(letter: string): Promise<QueueRow> {
      const row = (await all()).get(letter);
      if (!row) throw new CentralError(404, 'not_found', 'notFound.queue', { queue: letter });
      return row;
    },
    /** The first start: the default queues, when the hall has none. */
    async seedDefaults(): Promise<void> {
      if ((await all()).size > 0) return;
      await db
        .insert(hallQueues)
        .values(defaultQueues.map((queue, sort) => ({ ...queue, sort, closedOn: null })))
        .onConflictDoNothing();
      cache = null;
    },
    /** Adds or changes a queue (the supervisor). */
    async put(queue: HallQueue): Promise<QueueRow> {
      validate(queue);
      const sort = (await all()).get(queue.letter)?.sort ?? (await all()).size;
      const { letter: _letter, ...changes } = queueSettings(queue);
      await db
        .insert(hallQueues)
        .values({ ...queueSettings(queue), sort, closedOn: null })
        .onConflictDoUpdate({ target: hallQueues.letter, set: changes });
      cache = null;
      return (await all()).get(queue.letter)!;
    },
    /** No more tickets in this queue today (those waiting are still served); `false` opens it again. */
    async closeToday(letter: string, closed: boolean): Promise<void> {
      await this.get(letter);
      await db
        .update(hallQueues)
        .set({ closedOn: closed ? hallToday(now(), timeZone) : null })
        .where(eq(hallQueues.letter, letter));
      cache = null;
    },
    /**
     * Why a ticket cannot be taken in this queue now (the citizen reads it), or null when it can.
     * `issuedToday` is the count so far; the cap is checked again, atomically, when the number is given.
     */
    closedReason(queue: QueueRow, issuedToday: number, at: Date = now()): CentralError | null {
      const params = { name: queue.name, opens: queue.opens, closes: queue.closes, cap: queue.dailyCap };
      if (queue.closedOn === hallToday(at, timeZone))
        return new CentralError(409, 'queue_closed', 'hall.queueClosedToday', params);
      const clock = hallTime(at, timeZone).slice(0, 5);
      if (clock < queue.opens) return new CentralError(409, 'queue_not_open', 'hall.queueNotOpenYet', params);
      if (clock >= queue.closes) return new CentralError(409, 'queue_closed', 'hall.queueClosedForDay', params);
      if (issuedToday >= queue.dailyCap) return new CentralError(409, 'queue_full', 'hall.queueFull', params);
      return null;
    },
    /** The queues each window serves. */
    windows,
    async queuesOf(window: number): Promise<string[]> {
      return (await windows()).get(window) ?? [];
    },
    /** Sets the queues a window serves (the supervisor; takes effect at the window's next call). */
    async setWindowQueues(window: number, letters: string[]): Promise<void> {
      const known = await all();
      for (const letter of letters)
        if (!known.has(letter)) throw new CentralError(404, 'not_found', 'notFound.queue', { queue: letter });
      await db.transaction(async (tx) => {
        await tx.delete(hallWindowQueues).where(eq(hallWindowQueues.window, window));
        if (letters.length > 0)
          await tx.insert(hallWindowQueues).values([...new Set(letters)].map((queue) => ({ window, queue })));
      });
      windowCache = null;
    },
    /** A window opens when a clerk signs in at its workstation and closes when they sign out. */
    async setWindowOpen(
      window: number,
      workstationId: string,
      clerk: { username: string; displayName: string } | null,
    ): Promise<void> {
      const row = {
        window,
        workstationId,
        clerk: clerk?.username ?? null,
        clerkName: clerk?.displayName ?? null,
        openSince: clerk ? now().toISOString() : null,
      };
      await db.insert(hallWindows).values(row).onConflictDoUpdate({ target: hallWindows.window, set: row });
    },
    async windowRows(numbers?: number[]) {
      const query = db.select().from(hallWindows);
      return numbers ? query.where(inArray(hallWindows.window, numbers)) : query;
    },
  };
}
