import { eq } from 'drizzle-orm';
import { scanSettingsSchema, type ScannerRef, type ScanSettings } from '../../../preload/contract/document-scanners';
import type { Clock } from '../../app/clock';
import type { Db } from '../../db/connection';
import { documentScanners, scanPresets } from '../../db/schema';

export interface KnownScanner extends ScannerRef {
  origin: 'typed' | 'seen';
  defaults: ScanSettings | null;
  lastUsedAt: string | null;
}

/** Stored settings read back; a row written by another version that no longer parses counts as none. */
function parsedSettings(json: string | null): ScanSettings | null {
  if (!json) return null;
  try {
    const parsed = scanSettingsSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * The scanners this window knows and the settings remembered per scanner and per checklist item
 * (tables document_scanners and scan_presets; this module is their only writer).
 */
export function createKnownScanners(db: Db, clock: Clock) {
  const now = () => clock.now().toISOString();
  const toKnown = (row: typeof documentScanners.$inferSelect): KnownScanner => ({
    id: row.id,
    kind: row.kind,
    name: row.name,
    address: row.address,
    origin: row.origin,
    defaults: parsedSettings(row.defaults),
    lastUsedAt: row.lastUsedAt,
  });

  return {
    all(): KnownScanner[] {
      return db.select().from(documentScanners).all().map(toKnown);
    },
    get(id: string): KnownScanner | null {
      const row = db.select().from(documentScanners).where(eq(documentScanners.id, id)).get();
      return row ? toKnown(row) : null;
    },
    /** A scanner a route listed: remembered, its name refreshed; one the clerk typed stays `typed`. */
    seen(ref: ScannerRef): void {
      db.insert(documentScanners)
        .values({ ...ref, origin: 'seen', updatedAt: now() })
        .onConflictDoUpdate({ target: documentScanners.id, set: { name: ref.name, updatedAt: now() } })
        .run();
    },
    typed(ref: ScannerRef): void {
      db.insert(documentScanners)
        .values({ ...ref, origin: 'typed', updatedAt: now() })
        .onConflictDoUpdate({ target: documentScanners.id, set: { name: ref.name, origin: 'typed', updatedAt: now() } })
        .run();
    },
    remove(id: string): boolean {
      db.delete(scanPresets).where(eq(scanPresets.scannerId, id)).run();
      return db.delete(documentScanners).where(eq(documentScanners.id, id)).run().changes > 0;
    },
    setDefaults(id: string, settings: ScanSettings | null): void {
      db.update(documentScanners)
        .set({ defaults: settings ? JSON.stringify(settings) : null, updatedAt: now() })
        .where(eq(documentScanners.id, id))
        .run();
    },
    /** The scanner a job just ran on, and the settings it ran with for this item type. */
    used(id: string, itemId: string | null, settings: ScanSettings): void {
      const at = now();
      db.transaction((tx) => {
        tx.update(documentScanners).set({ lastUsedAt: at }).where(eq(documentScanners.id, id)).run();
        if (itemId === null) return;
        const values = { itemId, scannerId: id, settings: JSON.stringify(settings), updatedAt: at };
        tx.insert(scanPresets)
          .values(values)
          .onConflictDoUpdate({
            target: scanPresets.itemId,
            set: { scannerId: id, settings: values.settings, updatedAt: at },
          })
          .run();
      });
    },
    preset(itemId: string): { scannerId: string; settings: ScanSettings } | null {
      const row = db.select().from(scanPresets).where(eq(scanPresets.itemId, itemId)).get();
      const settings = parsedSettings(row?.settings ?? null);
      return row && settings ? { scannerId: row.scannerId, settings } : null;
    },
  };
}

export type KnownScanners = ReturnType<typeof createKnownScanners>;
