import { z } from 'zod';
import { channel } from '../channel';
import {
  esclAddressSchema,
  scanJobSchema,
  scannedPageEventSchema,
  scannerEntrySchema,
  scannerSelfTestSchema,
  scanSettingsSchema,
} from '../document-scanners';
import { deviceSetupRoles, intakeRoles } from '../roles';

const scannerIdSchema = z.string().min(1).max(600);
const itemIdSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/);

/** Document scanners (SANE, eSCL, WIA): which there are, their defaults, and scanning onto a checklist item. */
export const documentScannersChannels = {
  /** The known scanners with their status; `refresh` asks every route again (可能需要几秒). */
  'documentScanners.list': channel({
    input: z.object({ refresh: z.boolean().default(false) }).strict(),
    output: z.array(scannerEntrySchema),
    access: 'signedIn',
    audit: false,
  }),

  /**
   * A network scanner by the address the clerk typed (eSCL); checked by asking it for its
   * capabilities. Any signed-in person may add one (the scanner at this window); removing one and
   * its defaults are the supervisor's.
   */
  'documentScanners.add': channel({
    input: z.object({ address: esclAddressSchema }).strict(),
    output: scannerEntrySchema,
    access: 'signedIn',
    audit: 'change',
    auditTarget: (input) => `scanner#${input.address}`,
  }),

  'documentScanners.remove': channel({
    input: z.object({ scannerId: scannerIdSchema }).strict(),
    output: z.object({ done: z.literal(true) }),
    access: deviceSetupRoles,
    audit: 'change',
    auditTarget: (input) => `scanner#${input.scannerId}`,
  }),

  /** Looks for network scanners once (mDNS `_uscan._tcp`), only when the clerk asks. */
  'documentScanners.discover': channel({
    input: z.object({}).strict(),
    output: z.array(scannerEntrySchema),
    access: 'signedIn',
    audit: false,
  }),

  'documentScanners.setDefaults': channel({
    input: z.object({ scannerId: scannerIdSchema, settings: scanSettingsSchema.nullable() }).strict(),
    output: scannerEntrySchema,
    access: deviceSetupRoles,
    audit: 'change',
    auditTarget: (input) => `scanner#${input.scannerId}`,
  }),

  /** Scans one page and shows it; the page is kept nowhere. */
  'documentScanners.selfTest': channel({
    input: z.object({ scannerId: scannerIdSchema }).strict(),
    output: scannerSelfTestSchema,
    access: 'signedIn',
    audit: false,
  }),

  /** The scanner and settings F7 would use for this checklist item (last used for it, else the scanner's). */
  'documentScanners.preset': channel({
    input: z.object({ itemId: itemIdSchema }).strict(),
    output: z.object({ scannerId: z.string().nullable(), settings: scanSettingsSchema }),
    access: intakeRoles,
    audit: false,
  }),

  /**
   * Scans onto a checklist item: answers at once with the queued job; pages follow as
   * `documentScanners.page`, progress and the end as `documentScanners.job`. Jobs run one at a time.
   */
  'documentScanners.scan': channel({
    input: z
      .object({
        itemId: itemIdSchema,
        scannerId: scannerIdSchema.nullable().default(null),
        settings: scanSettingsSchema.nullable().default(null),
        /** Rescan one page: the first page replaces the item's page at this index, and only one is scanned. */
        replaces: z.number().int().min(0).max(199).nullable().default(null),
      })
      .strict(),
    output: scanJobSchema,
    access: intakeRoles,
    audit: false,
  }),

  /**
   * Jobs this person started, with the pages stored so far: the intake screen takes the pages it
   * missed while another screen was open (the scan went on).
   */
  'documentScanners.jobs': channel({
    input: z.object({ jobIds: z.array(z.string().min(1).max(64)).max(20) }).strict(),
    output: z.object({ jobs: z.array(scanJobSchema), pages: z.array(scannedPageEventSchema) }),
    access: intakeRoles,
    audit: false,
  }),

  'documentScanners.cancel': channel({
    input: z.object({ jobId: z.string().min(1).max(64) }).strict(),
    output: scanJobSchema.nullable(),
    access: intakeRoles,
    audit: false,
  }),
} as const;

/** What main pushes to the screens about document scanners. */
export const documentScannersEvents = {
  'documentScanners.changed': z.array(scannerEntrySchema),
  'documentScanners.job': scanJobSchema,
  'documentScanners.page': scannedPageEventSchema,
} as const;
