import { z } from 'zod';
import { errorCodeSchema, errorParamsSchema } from './errors';

/**
 * Document scanners as the rest of the workstation sees them, whichever route drives them:
 * SANE (`scanimage`, Linux), eSCL (HTTP + XML, any OS) or WIA (Windows).
 */

export const scannerBackendKinds = ['sane', 'escl', 'wia'] as const;
export const scannerBackendKindSchema = z.enum(scannerBackendKinds);
export type ScannerBackendKind = z.infer<typeof scannerBackendKindSchema>;

/** Where the paper lies: the glass, the feeder one side, the feeder both sides. */
export const scanSources = ['flatbed', 'adf', 'adf_duplex'] as const;
export const scanSourceSchema = z.enum(scanSources);
export type ScanSource = z.infer<typeof scanSourceSchema>;

export const colourModes = ['color', 'gray', 'lineart'] as const;
export const colourModeSchema = z.enum(colourModes);
export type ColourMode = z.infer<typeof colourModeSchema>;

/** Paper sizes in millimetres (portrait); `max` is the scanner's whole area. */
export const pageSizes = { a4: [210, 297], a5: [148, 210], b5: [176, 250], letter: [216, 279] } as const;
export const pageSizeSchema = z.enum(['a4', 'a5', 'b5', 'letter', 'max']);
export type PageSize = z.infer<typeof pageSizeSchema>;

export const scannerCapabilitiesSchema = z.object({
  sources: z.array(scanSourceSchema).min(1),
  modes: z.array(colourModeSchema).min(1),
  /** Resolutions the scanner offers (dpi), ascending; a range is offered as its usual steps. */
  resolutions: z.array(z.number().int().positive()).min(1),
  /** The largest scan area, millimetres. */
  maxWidthMm: z.number().positive(),
  maxHeightMm: z.number().positive(),
  /** The make and model the scanner reports (eSCL MakeAndModel), when it says one. */
  model: z.string().max(200).nullable().optional(),
});
export type ScannerCapabilities = z.infer<typeof scannerCapabilitiesSchema>;

/** What the scanner says it is doing; `feeder_empty` is idle with nothing in the feeder. */
export const scannerStates = ['idle', 'feeder_empty', 'busy', 'jam', 'cover_open', 'offline'] as const;
export const scannerStateSchema = z.enum(scannerStates);
export type ScannerState = z.infer<typeof scannerStateSchema>;

export const scannerStatusSchema = z.object({
  state: scannerStateSchema,
  /** Why it is offline or stuck, as a catalog code the screen says in the clerk's language. */
  code: errorCodeSchema.nullable(),
  params: errorParamsSchema.nullable(),
  /** When this status was read (ISO). */
  at: z.string(),
});
export type ScannerStatus = z.infer<typeof scannerStatusSchema>;

export const scanSettingsSchema = z.object({
  source: scanSourceSchema,
  mode: colourModeSchema,
  resolution: z.number().int().min(50).max(1200),
  pageSize: pageSizeSchema,
});
export type ScanSettings = z.infer<typeof scanSettingsSchema>;

/** A good scan at a window: 200 dpi, colour (stamps and photos stay legible), A4, both sides from the feeder. */
export const defaultScanSettings: ScanSettings = {
  source: 'adf_duplex',
  mode: 'color',
  resolution: 200,
  pageSize: 'a4',
};

/** A scanner one of the routes can reach. */
export const scannerRefSchema = z.object({
  /** Stable: `sane:<device name>`, `escl:<base URL>`, `wia:<device id>`. */
  id: z.string().min(1).max(600),
  kind: scannerBackendKindSchema,
  name: z.string().max(200),
  /** The SANE device name, the eSCL base URL (…/eSCL) or the WIA DeviceID. */
  address: z.string().min(1).max(500),
});
export type ScannerRef = z.infer<typeof scannerRefSchema>;

/** A scanner as the screens show it: where it is, what it can do, how it is now, its defaults. */
export const scannerEntrySchema = scannerRefSchema.extend({
  /** Added by address by the clerk (kept when unreachable), or listed/found by a route. */
  origin: z.enum(['typed', 'seen']),
  capabilities: scannerCapabilitiesSchema.nullable(),
  status: scannerStatusSchema,
  /** The scanner's own default settings (devices screen); null uses the window's defaults. */
  defaults: scanSettingsSchema.nullable(),
  lastUsedAt: z.string().nullable(),
});
export type ScannerEntry = z.infer<typeof scannerEntrySchema>;

/** An eSCL address as a clerk types it: `http://192.168.1.20/eSCL`, `192.168.1.20`, `printer.local:8080`. */
export const esclAddressSchema = z.string().trim().min(1).max(300);

export const scanJobStates = ['queued', 'scanning', 'done', 'failed', 'cancelled'] as const;

/** One scan job, as it goes: which item its pages go to, how far it got, how it ended. */
export const scanJobSchema = z.object({
  jobId: z.string(),
  /** The checklist item (material item id) the pages belong to, whatever is selected meanwhile. */
  itemId: z.string(),
  scannerId: z.string(),
  scannerName: z.string(),
  settings: scanSettingsSchema,
  state: z.enum(scanJobStates),
  /** Pages stored so far (blank backs not counted). */
  pages: z.number().int().nonnegative(),
  /** Blank back sides dropped (已去除空白页 N). */
  blanksDropped: z.number().int().nonnegative(),
  /** Why it stopped early; the pages already stored stay. */
  error: z.object({ code: errorCodeSchema, params: errorParamsSchema.nullable(), message: z.string() }).nullable(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type ScanJob = z.infer<typeof scanJobSchema>;

/** A page of a job, stored as a material file and ready to show. */
export const scannedPageEventSchema = z.object({
  jobId: z.string(),
  itemId: z.string(),
  /** 1-based among the job's stored pages: the screen adds them in this order. */
  index: z.number().int().positive(),
  name: z.string(),
  file: z.object({
    sha256: z.string(),
    mime: z.enum(['image/jpeg']),
    bytes: z.number().int(),
    pages: z.literal(1),
    width: z.number().int().nullable(),
    height: z.number().int().nullable(),
    duplicate: z.boolean(),
  }),
  /** A small JPEG (about 200 px wide) so the page shows at once. */
  thumbnail: z.instanceof(Uint8Array),
  /** The job's first page replaces this page of the item (重扫此页) instead of being added. */
  replaces: z.number().int().nonnegative().nullable(),
});
export type ScannedPageEvent = z.infer<typeof scannedPageEventSchema>;

/** The result of a self-test: one page scanned and shown, kept nowhere. */
export const scannerSelfTestSchema = z.object({
  ok: z.boolean(),
  ms: z.number().nonnegative(),
  thumbnail: z.instanceof(Uint8Array).nullable(),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
  error: z.object({ code: errorCodeSchema, params: errorParamsSchema.nullable(), message: z.string() }).nullable(),
});
export type ScannerSelfTest = z.infer<typeof scannerSelfTestSchema>;
