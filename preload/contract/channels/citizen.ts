import { z } from 'zod';
import { channel, none } from '../channel';
import {
  citizenDisplayInputSchema,
  citizenHelloInputSchema,
  citizenHelloSchema,
  citizenPairInputSchema,
  citizenRateInputSchema,
  citizenShowInputSchema,
  citizenStatusSchema,
  citizenViewSchema,
} from '../citizen';
import { intakeRoles } from '../roles';

/**
 * The citizen screen (双屏) and the rating given on it. The citizen's page signs in as nobody: it
 * says hello, is paired with one clerk's window, receives only `citizen.view` (masked in main) and
 * may submit the rating its screen asks for. Everything else stays refused to it by the router.
 */
export const citizenChannels = {
  /** The citizen page starts: a pairing code to show, or the view when main paired it already (Electron). */
  'citizen.hello': channel({
    input: citizenHelloInputSchema,
    output: citizenHelloSchema,
    access: 'public',
    audit: false,
  }),

  /** The citizen rates the visit their screen asks about. Only a paired citizen screen may; once per visit. */
  'citizen.rate': channel({
    input: citizenRateInputSchema,
    output: z.object({ rated: z.literal(true) }),
    access: 'public',
    audit: 'service',
  }),

  /** The clerk pairs their window with the citizen page showing this code (browser host). */
  'citizen.pair': channel({
    input: citizenPairInputSchema,
    output: citizenStatusSchema,
    access: intakeRoles,
    audit: 'change',
    auditTarget: () => 'citizen-screen',
  }),

  /** The clerk lets the paired citizen page go (it shows a new code). */
  'citizen.unpair': channel({
    input: none,
    output: citizenStatusSchema,
    access: intakeRoles,
    audit: 'change',
    auditTarget: () => 'citizen-screen',
  }),

  /** Which case the clerk's screen has open (null: none); the citizen screen follows it, masked. */
  'citizen.show': channel({
    input: citizenShowInputSchema,
    output: citizenStatusSchema,
    access: intakeRoles,
    audit: false,
  }),

  /**
   * What the citizen screen shows now, for the clerk's own panel when there is one display (the
   * clerk turns the screen to the citizen): the same masked view, never more.
   */
  'citizen.preview': channel({ input: none, output: citizenViewSchema, access: intakeRoles, audit: false }),

  'citizen.status': channel({ input: none, output: citizenStatusSchema, access: intakeRoles, audit: false }),

  /** Electron: the display the citizen window goes to (remembered); null shows it as a panel in this window. */
  'citizen.chooseDisplay': channel({
    input: citizenDisplayInputSchema,
    output: citizenStatusSchema,
    access: intakeRoles,
    audit: 'change',
    auditTarget: (input) => `display/${input.displayId ?? 'panel'}`,
  }),
} as const;

export const citizenEvents = {
  /** To a citizen screen only: what to show now (or, unpaired, the code to show). */
  'citizen.view': citizenHelloSchema,
  /** To the clerk's screens: the citizen screen connected or left, the visit was rated. */
  'citizen.changed': citizenStatusSchema,
} as const;
