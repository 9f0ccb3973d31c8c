import { eq } from 'drizzle-orm';
import type { Clock } from '../app/clock';
import type { Db } from '../db/connection';
import { networkPrinters } from '../db/schema';
import type { NetworkPrinterAddress } from './printer/network-address';

/** The network ticket printers added on the devices screen, kept across restarts (table network_printers). */
export function createNetworkPrinters(db: Db, clock: Clock) {
  return {
    all(): NetworkPrinterAddress[] {
      return db
        .select()
        .from(networkPrinters)
        .all()
        .map((row) => ({ host: row.host, port: row.port, address: row.address }));
    },
    has(address: string): boolean {
      return db.select().from(networkPrinters).where(eq(networkPrinters.address, address)).get() !== undefined;
    },
    add(printer: NetworkPrinterAddress, addedBy: string | null): void {
      db.insert(networkPrinters)
        .values({ ...printer, addedBy, addedAt: clock.now().toISOString() })
        .onConflictDoNothing()
        .run();
    },
    /** False when there was no such printer. */
    remove(address: string): boolean {
      return db.delete(networkPrinters).where(eq(networkPrinters.address, address)).run().changes > 0;
    },
  };
}

export type NetworkPrinters = ReturnType<typeof createNetworkPrinters>;
