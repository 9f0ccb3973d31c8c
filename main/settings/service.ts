import { eq } from 'drizzle-orm';
import type { Db } from '../db/connection';
import type { WindowSettings, WorkstationSettings } from '../../preload/contract/schemas';
import { windowSettingsSchema, workstationSettingsSchema } from '../../preload/contract/schemas';
import type { Clock } from '../app/clock';
import { settings } from '../db/schema';

const WORKSTATION_KEY = 'workstation';

export const defaultWorkstationSettings: WorkstationSettings = {
  districtCode: '370303',
  windowNumber: 1,
  hallName: '张店区市民中心',
  idleLockMinutes: 10,
  defaultLocale: 'zh-CN',
  simulateDevices: false,
  extraSerialPorts: [],
  hotFolder: '',
  hallAddress: '山东省淄博市张店区人民西路 1 号',
  hallPhone: '0533-2180000',
  progressUrlTemplate: 'https://zwfw.zhangdian.gov.cn/progress?case={number}',
  reconsiderationBody: '张店区人民政府',
  supplementDays: 15,
  a4Printer: null,
  ticketPrinter: '',
};

export type SettingsService = ReturnType<typeof createSettingsService>;

/** The window's settings: district, window number, hall, idle lock, default language. */
export function createSettingsService(db: Db, clock: Clock) {
  function read(): WorkstationSettings | null {
    const row = db.select().from(settings).where(eq(settings.key, WORKSTATION_KEY)).get();
    if (!row) return null;
    const parsed = workstationSettingsSchema.safeParse({ ...defaultWorkstationSettings, ...JSON.parse(row.value) });
    return parsed.success ? parsed.data : defaultWorkstationSettings;
  }

  function write(value: WorkstationSettings): void {
    const now = clock.now().toISOString();
    db.insert(settings)
      .values({ key: WORKSTATION_KEY, value: JSON.stringify(value), updatedAt: now })
      .onConflictDoUpdate({ target: settings.key, set: { value: JSON.stringify(value), updatedAt: now } })
      .run();
  }

  return {
    /** The settings, or the defaults before first-run set-up. */
    get(): WorkstationSettings {
      return read() ?? defaultWorkstationSettings;
    },
    /** The window as set at first run; null before it. */
    window(): WindowSettings | null {
      const value = read();
      return value ? windowSettingsSchema.parse(value) : null;
    },
    /** Applies a partial change and returns the before and after, for the audit entry. */
    update(change: Partial<WorkstationSettings>): { before: WorkstationSettings; after: WorkstationSettings } {
      const before = this.get();
      const after = workstationSettingsSchema.parse({ ...before, ...change });
      write(after);
      return { before, after };
    },
  };
}
