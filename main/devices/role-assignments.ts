import { eq } from 'drizzle-orm';
import type { DeviceRole } from '../../preload/contract/devices';
import type { Clock } from '../app/clock';
import type { Db } from '../db/connection';
import { deviceRoleAssignments } from '../db/schema';

/** The roles given to devices on the devices screen, kept across restarts. */
export function createRoleAssignments(db: Db, clock: Clock) {
  return {
    all(): Map<string, DeviceRole> {
      return new Map(
        db
          .select()
          .from(deviceRoleAssignments)
          .all()
          .map((row) => [row.deviceId, row.role]),
      );
    },
    get(deviceId: string): DeviceRole | null {
      return (
        db.select().from(deviceRoleAssignments).where(eq(deviceRoleAssignments.deviceId, deviceId)).get()?.role ?? null
      );
    },
    set(deviceId: string, role: DeviceRole, assignedBy: string | null): void {
      const assignedAt = clock.now().toISOString();
      db.insert(deviceRoleAssignments)
        .values({ deviceId, role, assignedBy, assignedAt })
        .onConflictDoUpdate({ target: deviceRoleAssignments.deviceId, set: { role, assignedBy, assignedAt } })
        .run();
    },
  };
}

export type RoleAssignments = ReturnType<typeof createRoleAssignments>;
