import { eq } from 'drizzle-orm';
import type { Db } from '../db/connection';
import type {
  RequiredSetting,
  SettingsProblem,
  WindowSettings,
  WorkstationSettings,
} from '../../preload/contract/schemas';
import {
  defaultWorkstationSettings,
  requiredSettings,
  workstationSettingsSchema,
} from '../../preload/contract/schemas';
import { AppError } from '../../preload/contract/errors';
import type { Clock } from '../app/clock';
import { settings } from '../db/schema';

const WORKSTATION_KEY = 'workstation';

// The defaults are the contract's, so the screens' tests answer with the same ones.
export { defaultWorkstationSettings };

const labels: Record<RequiredSetting, string> = {
  districtCode: '区划代码',
  windowNumber: '窗口号',
  hallName: '大厅名称',
};

/** What a stored value of the wrong type should have been (zod's own type message is English). */
const expected: Record<RequiredSetting, string> = {
  districtCode: '区划代码为 6 位数字，例如 370303',
  windowNumber: '窗口号须为 1–999 的整数',
  hallName: '大厅名称须为不超过 60 个字的文字',
};

const isRequired = (key: string): key is RequiredSetting => (requiredSettings as readonly string[]).includes(key);

/** A stored value as the administrator reads it in a message: short, on one line. */
function shown(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 20 ? `${text.slice(0, 20)}…` : text;
}

function missing(field: RequiredSetting): SettingsProblem {
  return { field, kind: 'missing', message: `未设置${labels[field]}` };
}

function unreadable(field: RequiredSetting): SettingsProblem {
  return { field, kind: 'unreadable', message: `保存的设置已损坏，读不出${labels[field]}` };
}

function invalid(field: RequiredSetting, value: unknown, issue: { code: string; message: string }): SettingsProblem {
  const why = issue.code === 'invalid_type' ? expected[field] : issue.message;
  return { field, kind: 'invalid', message: `${labels[field]}「${shown(value)}」无效：${why}` };
}

/** The settings as loaded: usable values, and what is wrong with the required ones. */
export interface SettingsLoad {
  /** `unset` before first-run setup; `invalid` when a required setting is missing or broken. */
  status: 'ok' | 'unset' | 'invalid';
  /**
   * Always usable: each stored value that is valid, each optional one's default otherwise. While
   * `status` is not `ok`, the required fields hold placeholders: show them, never number with them.
   */
  value: WorkstationSettings;
  /** The required settings that are missing or invalid, in Chinese; empty when `ok`. */
  problems: SettingsProblem[];
}

type Stored = { kind: 'none' } | { kind: 'unreadable' } | { kind: 'object'; raw: Record<string, unknown> };

export type SettingsService = ReturnType<typeof createSettingsService>;

/**
 * The window's settings: district, window number, hall, idle lock, default language, devices,
 * printing. Loading validates each stored value. An optional one that is absent or invalid takes
 * its default; a required one (district code, window number, hall name) is never invented: the
 * problem is reported instead, and the stored value stays as it is until an administrator fixes it.
 */
export function createSettingsService(db: Db, clock: Clock) {
  function stored(): Stored {
    const row = db.select().from(settings).where(eq(settings.key, WORKSTATION_KEY)).get();
    if (!row) return { kind: 'none' };
    let raw: unknown;
    try {
      raw = JSON.parse(row.value);
    } catch {
      return { kind: 'unreadable' };
    }
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { kind: 'unreadable' };
    return { kind: 'object', raw: raw as Record<string, unknown> };
  }

  /** Each field on its own: one broken setting does not throw away the others. */
  function examine(raw: Record<string, unknown>): { value: WorkstationSettings; problems: SettingsProblem[] } {
    const value: Record<string, unknown> = { ...defaultWorkstationSettings };
    const problems: SettingsProblem[] = [];
    for (const [key, schema] of Object.entries(workstationSettingsSchema.shape)) {
      const present = Object.hasOwn(raw, key) && raw[key] !== undefined;
      if (!present) {
        if (isRequired(key)) problems.push(missing(key));
        continue;
      }
      const parsed = schema.safeParse(raw[key]);
      if (parsed.success) value[key] = parsed.data;
      else if (isRequired(key)) problems.push(invalid(key, raw[key], parsed.error.issues[0]!));
    }
    return { value: workstationSettingsSchema.parse(value), problems };
  }

  function load(): SettingsLoad {
    const s = stored();
    switch (s.kind) {
      case 'none':
        return { status: 'unset', value: defaultWorkstationSettings, problems: requiredSettings.map(missing) };
      case 'unreadable':
        return { status: 'invalid', value: defaultWorkstationSettings, problems: requiredSettings.map(unreadable) };
      case 'object': {
        const { value, problems } = examine(s.raw);
        return { status: problems.length ? 'invalid' : 'ok', value, problems };
      }
    }
  }

  function write(value: WorkstationSettings): void {
    const now = clock.now().toISOString();
    db.insert(settings)
      .values({ key: WORKSTATION_KEY, value: JSON.stringify(value), updatedAt: now })
      .onConflictDoUpdate({ target: settings.key, set: { value: JSON.stringify(value), updatedAt: now } })
      .run();
  }

  return {
    /** Validates what is stored: the usable values, and the required settings' problems. */
    load,

    /**
     * The settings for code that must go on (idle lock, devices, printing): never throws. While
     * a required setting is broken its field holds a placeholder; `load()` and `window()` say so.
     */
    get(): WorkstationSettings {
      return load().value;
    },

    /** The required settings that are missing or invalid (all three before first-run setup). */
    problems(): SettingsProblem[] {
      return load().problems;
    },

    /** The window as stored and valid; null before first-run setup and while it is broken. */
    window(): WindowSettings | null {
      const { status, value } = load();
      if (status !== 'ok') return null;
      return { districtCode: value.districtCode, windowNumber: value.windowNumber, hallName: value.hallName };
    },

    /**
     * Applies a partial change and returns the before and after, for the audit entry. It builds
     * on what is stored (nothing stored yet: on the defaults, as first-run setup names all three
     * required settings). A broken required setting is kept, not replaced by a default: the
     * change must fix it, or it is refused with the reason on that field.
     */
    update(change: Partial<WorkstationSettings>): {
      before: WorkstationSettings;
      after: WorkstationSettings;
      /** The broken required settings this change fixed (their `before` was a placeholder). */
      repaired: SettingsProblem[];
    } {
      const { status, value: before, problems } = load();
      const unfixed = status === 'invalid' ? problems.filter((p) => change[p.field] === undefined) : [];
      if (unfixed.length > 0) {
        throw new AppError(
          'settings_unfixed',
          { problem: unfixed[0]!.message },
          Object.fromEntries(unfixed.map((p) => [p.field, p.message])),
        );
      }
      const after = workstationSettingsSchema.parse({ ...before, ...change });
      write(after);
      return { before, after, repaired: status === 'invalid' ? problems : [] };
    },

    /**
     * A value kept beside the settings under its own key (e.g. the digest key of an install from
     * before encryption at rest), or null when there is none.
     */
    storedValue(key: string): string | null {
      if (key === WORKSTATION_KEY) throw new Error('the workstation settings are not a plain value');
      const found = db.select().from(settings).where(eq(settings.key, key)).get();
      return found ? (JSON.parse(found.value) as string) : null;
    },
  };
}
