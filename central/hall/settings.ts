import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { CentralDb } from '../db/connect';
import { hallSettings } from './schema';

/** The hall's rules that a center may set; the defaults are what hall.md gives. */
export interface HallRules {
  /** 绿色通道: at most one priority ticket per this many normal ones (3: one in four calls at most). */
  normalPerPriority: number;
  /** How many times a skipped (过号) ticket may rejoin. */
  rejoinMax: number;
  /** A rejoining ticket goes in after this many waiting tickets (0: at the front; a large number: at the back). */
  rejoinAfter: number;
  /** An appointment is due from this many minutes before its slot. */
  appointmentEarlyMin: number;
}

export const defaultHallRules: HallRules = {
  normalPerPriority: 3,
  rejoinMax: 1,
  rejoinAfter: 3,
  appointmentEarlyMin: 5,
};

export type HallSettings = Awaited<ReturnType<typeof createHallSettings>>;

/**
 * The hall's settings row by row: the rules, the hall's name, the display token (in the display's
 * address; the supervisor changes it to lock out an old screen) and the key that turns an ID number
 * into the person key (HMAC-SHA256), so the hall never stores the number itself.
 */
export async function createHallSettings(deps: { db: CentralDb; hallName: string }) {
  const { db } = deps;
  const read = async (key: string): Promise<string | null> =>
    (await db.select().from(hallSettings).where(eq(hallSettings.key, key)))[0]?.value ?? null;
  const write = async (key: string, value: string): Promise<void> => {
    await db
      .insert(hallSettings)
      .values({ key, value })
      .onConflictDoUpdate({ target: hallSettings.key, set: { value } });
  };
  /** A value made once and kept (the first writer wins when two processes start at once). */
  const once = async (key: string, make: () => string): Promise<string> => {
    await db.insert(hallSettings).values({ key, value: make() }).onConflictDoNothing();
    return (await read(key))!;
  };

  const personKeySecret = Buffer.from(
    await once('person_key_secret', () => randomBytes(32).toString('base64')),
    'base64',
  );
  let displayToken = await once('display_token', () => randomBytes(18).toString('base64url'));
  const stored = await read('rules');
  let rules: HallRules = { ...defaultHallRules, ...(stored ? (JSON.parse(stored) as Partial<HallRules>) : {}) };
  let hallName = (await read('hall_name')) ?? deps.hallName;

  return {
    rules: () => rules,
    async setRules(next: Partial<HallRules>): Promise<HallRules> {
      rules = { ...rules, ...next };
      await write('rules', JSON.stringify(rules));
      return rules;
    },
    hallName: () => hallName,
    async setHallName(name: string): Promise<void> {
      hallName = name;
      await write('hall_name', name);
    },
    /** The person key of an ID number: the same number gives the same key in this hall, and nothing gives the number back. */
    personKey: (idNumber: string): string => createHmac('sha256', personKeySecret).update(idNumber).digest('base64url'),
    displayToken: () => displayToken,
    /** Whether a display's token is the current one (constant time). */
    isDisplayToken(token: string | undefined): boolean {
      if (!token) return false;
      const a = Buffer.from(token);
      const b = Buffer.from(displayToken);
      return a.length === b.length && timingSafeEqual(a, b);
    },
    /** A new display token: screens with the old address stop at their next reconnect. */
    async renewDisplayToken(): Promise<string> {
      displayToken = randomBytes(18).toString('base64url');
      await write('display_token', displayToken);
      return displayToken;
    },
  };
}
