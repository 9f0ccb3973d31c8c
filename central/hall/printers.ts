import { asc, sql } from 'drizzle-orm';
import type { HallPrinter, PrinterReport } from '@yichuang/domain/hall-protocol';
import type { CentralDb } from '../db/connect';
import { hallPrinters } from './schema';

/**
 * The hall's ticket printers as their workstations report them (owner of `hall_printers`): a kiosk
 * out of paper is seen on the supervisor's board before the queue at the door grows.
 */
export function createHallPrinters(deps: { db: CentralDb; now: () => Date }) {
  const { db, now } = deps;
  return {
    /** Keeps a workstation's report; true when the state changed (the board is pushed again). */
    async report(workstation: { id: string; windowNumber: number }, report: PrinterReport): Promise<boolean> {
      const at = now().toISOString();
      const rows = await db
        .insert(hallPrinters)
        .values({
          workstationId: workstation.id,
          window: workstation.windowNumber,
          ...report,
          since: at,
          reportedAt: at,
        })
        .onConflictDoUpdate({
          target: hallPrinters.workstationId,
          set: {
            window: workstation.windowNumber,
            station: report.station,
            state: report.state,
            since: sql`case when ${hallPrinters.state} = ${report.state} then ${hallPrinters.since} else ${at} end`,
            reportedAt: at,
          },
        })
        .returning({ since: hallPrinters.since });
      return rows[0]!.since === at;
    },

    async all(): Promise<HallPrinter[]> {
      const rows = await db.select().from(hallPrinters).orderBy(asc(hallPrinters.station), asc(hallPrinters.window));
      return rows.map((row) => ({ window: row.window, station: row.station, state: row.state, since: row.since }));
    },
  };
}

export type HallPrinters = ReturnType<typeof createHallPrinters>;
