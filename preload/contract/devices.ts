import { z } from 'zod';
import { errorCodeSchema, errorParamsSchema } from './errors';

/** Shapes of the devices layer that cross the contract: devices, statuses, card identities, scans. */

export const deviceRoles = ['idcard', 'scanner', 'printer', 'unknown'] as const;
export const deviceRoleSchema = z.enum(deviceRoles);
export type DeviceRole = z.infer<typeof deviceRoleSchema>;

/**
 * How a device is reached: `tcp` a network receipt printer's raw port (9100), `usb_printer` the USB
 * printer class (Linux `/dev/usb/lpN`, or a Windows print queue that takes RAW jobs).
 */
export const transportKindSchema = z.enum(['hid', 'serial', 'simulated', 'tcp', 'usb_printer']);
export type TransportKind = z.infer<typeof transportKindSchema>;

/**
 * What the status bar and the devices screen show. `no_card` is the reader's idle state;
 * `error` carries a Chinese message that says what to do.
 */
/**
 * A device's state. `card_read`: the reader has just read the card on it — a reader finds a card
 * only once per placing, so "no card" right after a read does not mean the card was taken.
 */
export const deviceStateSchema = z.enum(['opening', 'ready', 'no_card', 'card_read', 'busy', 'error', 'disconnected']);
export type DeviceState = z.infer<typeof deviceStateSchema>;

export const deviceStatusSchema = z.object({
  state: deviceStateSchema,
  code: errorCodeSchema.nullable(),
  message: z.string().nullable(),
  /** The values the message was filled with, so the screen can say it in the clerk's language. */
  params: errorParamsSchema.nullable(),
  since: z.string(),
});
export type DeviceStatus = z.infer<typeof deviceStatusSchema>;

export const deviceInfoSchema = z.object({
  /** Stable across replugging: `hid:VID:PID:serial`, `serial:PATH`, `usblp:PATH`, `tcp:HOST:PORT`, `sim:ROLE`. */
  id: z.string(),
  name: z.string(),
  role: deviceRoleSchema,
  /** Where the role came from: the known-devices table, the user's choice, or nowhere yet. */
  roleSource: z.enum(['known', 'assigned', 'none']),
  transport: transportKindSchema,
  path: z.string(),
  vendorId: z.number().int().nullable(),
  productId: z.number().int().nullable(),
  simulated: z.boolean(),
  connected: z.boolean(),
  status: deviceStatusSchema,
  /** Reader: the SAM id once read (self-test or open). */
  samId: z.string().nullable(),
});
export type DeviceInfo = z.infer<typeof deviceInfoSchema>;

/** USB ids as usually written: `10c4:ea60` (`????` for an unknown half). */
export function usbIds(vendorId: number | null, productId: number | null): string {
  const hex = (n: number | null) => (n === null ? '????' : n.toString(16).padStart(4, '0'));
  return `${hex(vendorId)}:${hex(productId)}`;
}

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const sexSchema = z.enum(['male', 'female', 'unknown']);

const commonCard = {
  /** Chinese name (resident, J); the Chinese name for I cards, may be empty. */
  name: z.string(),
  sex: sexSchema,
  birthDate: date.nullable(),
  validFrom: date.nullable(),
  /** null with `longTerm` for 长期 cards. */
  validTo: date.nullable(),
  longTerm: z.boolean(),
  /** The ID / permit number as read, or masked 6+4 where the event is shown. */
  idNumber: z.string(),
  /** The GB 11643 check digit matches (always checked on the unmasked number). */
  checkDigitValid: z.boolean(),
};

export const residentCardSchema = z.object({
  cardType: z.literal('resident'),
  ...commonCard,
  nationCode: z.string(),
  nation: z.string(),
  address: z.string(),
  issuer: z.string(),
  /** From the reader's appended-address command, when the card has one. */
  appendedAddress: z.string().nullable(),
});

export const foreignPermanentCardSchema = z.object({
  cardType: z.literal('foreign_permanent'),
  ...commonCard,
  englishName: z.string(),
  nationalityCode: z.string(),
  nationality: z.string(),
  cardVersion: z.string(),
  issuerCode: z.string(),
  /** `I` (2017 edition) or `Y` (2023 edition, unconfirmed letter). */
  typeLetter: z.string(),
});

export const hkMacaoTaiwanCardSchema = z.object({
  cardType: z.literal('hk_macao_taiwan'),
  ...commonCard,
  address: z.string(),
  issuer: z.string(),
  passNumber: z.string(),
  issueCount: z.number().int().nullable(),
});

export const identitySchema = z.discriminatedUnion('cardType', [
  residentCardSchema,
  foreignPermanentCardSchema,
  hkMacaoTaiwanCardSchema,
]);
export type Identity = z.infer<typeof identitySchema>;
export type CardType = Identity['cardType'];

export const cardReadSchema = z.object({
  /** Refers to the read in main; `idcard.reveal` trades it for the unmasked identity. */
  readId: z.string(),
  deviceId: z.string(),
  readAt: z.string(),
  /** ID number masked 6+4. */
  identity: identitySchema,
  expired: z.boolean(),
  photo: z.object({
    present: z.boolean(),
    bytes: z.number().int(),
    /** A PNG data URL when a vendor decoder is installed; otherwise null and the UI says so. */
    dataUrl: z.string().nullable(),
  }),
  fingerprint: z.boolean(),
  simulated: z.boolean(),
});
export type CardRead = z.infer<typeof cardReadSchema>;

export const symbologySchema = z.enum([
  'qr',
  'data_matrix',
  'pdf417',
  'aztec',
  'code128',
  'code39',
  'code93',
  'ean13',
  'ean8',
  'upca',
  'upce',
  'itf',
  'codabar',
  'unknown',
]);
export type Symbology = z.infer<typeof symbologySchema>;

export const scanSchema = z.object({
  code: z.string(),
  symbology: symbologySchema,
  /** The AIM identifier as sent (`]Q1`), when the scanner sent one. */
  aimId: z.string().nullable(),
  source: z.enum(['hid_pos', 'wedge']),
  deviceId: z.string().nullable(),
  at: z.string(),
});
export type Scan = z.infer<typeof scanSchema>;

/** One decoded frame of reader traffic, as the devtool prints it and the devices screen lists it. */
export const decodedFrameSchema = z.object({
  offset: z.number().int(),
  length: z.number().int(),
  hex: z.string(),
  kind: z.enum(['command', 'response', 'error', 'garbage']),
  command: z.string().nullable(),
  status: z.object({ sw: z.string(), code: z.number().int(), ok: z.boolean(), meaning: z.string() }).nullable(),
  identity: identitySchema.nullable(),
  detail: z.record(z.string(), z.unknown()).nullable(),
  error: z.string().nullable(),
});
export type DecodedFrame = z.infer<typeof decodedFrameSchema>;

/** What the simulated reader holds: a synthetic card, nothing, or a fault to rehearse. */
export const simulatedReaderHoldsSchema = z.enum([
  'resident_zhang',
  'resident_li',
  'resident_long_term',
  'resident_expired',
  'foreign_permanent',
  'hk_macao_taiwan',
  'none',
  'sam_failure',
  'corrupted_frame',
]);
export type SimulatedReaderHolds = z.infer<typeof simulatedReaderHoldsSchema>;

export const simulationStateSchema = z.object({
  enabled: z.boolean(),
  /** Forced on by `--simulate-devices`; the setting cannot turn it off then. */
  forced: z.boolean(),
  readerHolds: simulatedReaderHoldsSchema,
  plugged: z.object({ idcard: z.boolean(), scanner: z.boolean(), printer: z.boolean() }),
  /** What the simulated ticket printer last printed, decoded from its ESC/POS bytes. */
  printerPreview: z.string().nullable(),
});
export type SimulationState = z.infer<typeof simulationStateSchema>;

/** The steps a self-test may run; the screen names them in the clerk's language. */
export const selfTestStepNames = [
  'open',
  'samStatus',
  'samId',
  'printerStatus',
  'testTicket',
  'connection',
  'scan',
] as const;

/** What a step found, when it is not data or an error: worded by the screen (`lastScan` has `at`). */
export const selfTestNotes = [
  'samOk',
  'paperOk',
  'paperLow',
  'ticketSent',
  'statusUnreadable',
  'connectedHidPos',
  'notConnected',
  'lastScan',
  'scanPrompt',
] as const;

/**
 * A step's detail: data shown as it is (a SAM id), a note the screen words (with its params), or
 * an error of the catalog (what failed and what to do), never a sentence in one language.
 */
export const selfTestDetailSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('data'), value: z.string() }),
  z.object({
    kind: z.literal('note'),
    note: z.enum(selfTestNotes),
    params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  }),
  z.object({ kind: z.literal('error'), code: errorCodeSchema, params: errorParamsSchema.optional() }),
]);
export type SelfTestDetail = z.infer<typeof selfTestDetailSchema>;

export const selfTestSchema = z.object({
  deviceId: z.string(),
  ok: z.boolean(),
  steps: z.array(z.object({ name: z.enum(selfTestStepNames), ok: z.boolean(), detail: selfTestDetailSchema })),
});
export type SelfTest = z.infer<typeof selfTestSchema>;
