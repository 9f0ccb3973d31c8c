import { z } from 'zod';
import { channel, none } from '../channel';
import { deviceSetupRoles, revealRoles } from '../roles';
import {
  cardReadSchema,
  scanSchema,
  decodedFrameSchema,
  deviceInfoSchema,
  deviceRoleSchema,
  identitySchema,
  selfTestSchema,
  simulatedReaderHoldsSchema,
  simulationStateSchema,
  symbologySchema,
} from '../devices';

const deviceIdSchema = z.string().min(1).max(300);

/** Devices: the ID-card reader, bar-code scanners, the ticket printer and their simulation. */
export const devicesChannels = {
  'devices.list': channel({ input: none, output: z.array(deviceInfoSchema), access: 'signedIn', audit: false }),

  /** Enumerate now instead of waiting for the next poll (the 刷新 button). */
  'devices.refresh': channel({ input: none, output: z.array(deviceInfoSchema), access: 'signedIn', audit: false }),

  'devices.assignRole': channel({
    input: z.object({ deviceId: deviceIdSchema, role: deviceRoleSchema }).strict(),
    output: deviceInfoSchema,
    access: deviceSetupRoles,
    audit: 'change',
    auditTarget: (input) => input.deviceId,
  }),

  /**
   * A network ticket printer by its address (`192.168.1.50`, `host:9100`), checked by connecting
   * once, then kept and listed as a printer; who sets up devices adds and removes them.
   */
  'devices.addNetworkPrinter': channel({
    input: z
      .object({ address: z.string().trim().min(1, '请输入打印机地址').max(300, '打印机地址不超过 300 个字符') })
      .strict(),
    output: deviceInfoSchema,
    access: deviceSetupRoles,
    audit: 'change',
    auditTarget: (input) => `printer#${input.address}`,
  }),

  'devices.removeNetworkPrinter': channel({
    input: z.object({ deviceId: deviceIdSchema }).strict(),
    output: z.object({ done: z.literal(true) }),
    access: deviceSetupRoles,
    audit: 'change',
    auditTarget: (input) => input.deviceId,
  }),

  'devices.selfTest': channel({
    input: z.object({ deviceId: deviceIdSchema }).strict(),
    output: selfTestSchema,
    access: 'signedIn',
    audit: false,
  }),

  /** Support: decode a hex dump of reader traffic (ID numbers masked). */
  'devices.decodeFrames': channel({
    input: z.object({ hex: z.string().max(1_000_000, '数据过长：一次最多粘贴约 1 MB 的十六进制文本') }).strict(),
    output: z.object({ frames: z.array(decodedFrameSchema) }),
    access: 'signedIn',
    audit: false,
  }),

  /** The latest card read of the last few minutes (masked), for a screen opened after the read. */

  'idcard.current': channel({ input: none, output: cardReadSchema.nullable(), access: 'signedIn', audit: false }),

  /** Read the card on the reader now, even the same card again (the 读卡 shortcut). */
  'idcard.readNow': channel({
    input: none,
    output: z.object({ done: z.literal(true) }),
    access: 'signedIn',
    audit: false,
  }),

  /** The unmasked identity of a read, to fill a form; audited as a reveal (never the admin's). */
  'idcard.reveal': channel({
    input: z.object({ readId: z.string().uuid() }).strict(),
    output: identitySchema,
    access: revealRoles,
    audit: 'reveal',
    auditTarget: (input) => `card-read#${input.readId}`,
  }),

  'printer.printTicket': channel({
    input: z
      .object({
        number: z.string().trim().min(1, '请输入票号').max(12, '票号不超过 12 位'),
        matter: z.string().trim().min(1, '请输入事项').max(40, '事项不超过 40 个字'),
        waiting: z.number().int().min(0).max(999).nullable().default(null),
        qr: z.string().max(500, '二维码内容不超过 500 个字符').nullable().default(null),
      })
      .strict(),
    output: z.object({ deviceId: z.string() }),
    access: 'signedIn',
    audit: false,
  }),

  'simulation.get': channel({ input: none, output: simulationStateSchema, access: 'signedIn', audit: false }),

  /** Choose what the simulated reader holds, plug or unplug simulated devices (demos, training, tests). */
  'simulation.update': channel({
    input: z
      .object({
        readerHolds: simulatedReaderHoldsSchema.optional(),
        plugged: z
          .object({ idcard: z.boolean().optional(), scanner: z.boolean().optional(), printer: z.boolean().optional() })
          .strict()
          .optional(),
        clearPrinter: z.boolean().optional(),
      })
      .strict(),
    output: simulationStateSchema,
    access: 'signedIn',
    audit: false,
  }),

  'simulation.scan': channel({
    input: z
      .object({
        code: z.string().min(1, '请输入条码内容').max(2000, '条码内容不超过 2000 个字符'),
        symbology: symbologySchema.default('qr'),
      })
      .strict(),
    output: z.object({ done: z.literal(true) }),
    access: 'signedIn',
    audit: false,
  }),
} as const;

/** What main pushes to the screens about devices. */
export const devicesEvents = {
  /** A device was plugged, unplugged, opened, or changed its status. */
  'devices.changed': z.array(deviceInfoSchema),
  /** A new card was read (ID number masked); the same card left on the reader is not sent again. */
  'idcard.read': cardReadSchema,
  /** A whole code from a HID POS scanner (wedge scans are captured in the renderer itself). */
  'scanner.scanned': scanSchema,
} as const;
