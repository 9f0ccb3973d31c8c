import { channel, none } from '../channel';
import { z } from 'zod';
import { intakeRoles, supervisors, ticketIssuers } from '../roles';
import {
  boardSchema,
  checkInInputSchema,
  closeQueueInputSchema,
  issueInputSchema,
  issueResultSchema,
  queueNowSchema,
  windowQueuesInputSchema,
  queueCommandResultSchema,
  queueStatusSchema,
  ticketActInputSchema,
  ticketInputSchema,
  transferInputSchema,
  walkInInputSchema,
  rejoinInputSchema,
} from '../queue';

/**
 * The window's side of the hall queue: call next, recall, skip, hold, transfer, walk-in. Each is a
 * request to the hall service at once; none is kept to be sent later.
 */
export const queueChannels = {
  /** The window's queue state; for a window role it also tells the hall who serves at this window. */
  'queue.status': channel({ input: none, output: queueStatusSchema, access: 'signedIn', audit: false }),

  /** Call next: finishes the ticket at the counter and calls the next one for this window. */
  'queue.callNext': channel({
    input: none,
    output: queueCommandResultSchema,
    access: intakeRoles,
    audit: 'change',
    auditTarget: () => 'queue/call-next',
  }),

  /** Call the ticket at the counter again (the citizen did not come). */
  'queue.recall': channel({
    input: ticketInputSchema,
    output: queueCommandResultSchema,
    access: intakeRoles,
    audit: 'change',
    auditTarget: (input) => `ticket/${input.ticketId}`,
  }),

  /** Serve, finish, skip (no-show), hold, resume a ticket at this window. */
  'queue.act': channel({
    input: ticketActInputSchema,
    output: queueCommandResultSchema,
    access: intakeRoles,
    audit: 'change',
    auditTarget: (input) => `ticket/${input.ticketId}/${input.action}`,
  }),

  /** Send a ticket to another queue or window; it keeps its place by its original time. */
  'queue.transfer': channel({
    input: transferInputSchema,
    output: queueCommandResultSchema,
    access: intakeRoles,
    audit: 'change',
    auditTarget: (input) => `ticket/${input.ticketId}/transfer`,
  }),

  /** Serve someone who has no ticket (recorded as a walk-in). */
  'queue.walkIn': channel({
    input: walkInInputSchema,
    output: queueCommandResultSchema,
    access: intakeRoles,
    audit: 'change',
    auditTarget: (input) => `queue/${input.queue ?? '-'}/walk-in`,
  }),

  /** A ticket skipped as a no-show goes back in line (过号重排), as often as the hall allows (once by default). */
  'queue.rejoin': channel({
    input: rejoinInputSchema,
    output: queueCommandResultSchema,
    access: intakeRoles,
    audit: 'change',
    auditTarget: (input) => `ticket-number/${input.number}`,
  }),

  /** The hall now (supervisor): waiting per queue, longest wait, windows and whom they serve. */
  'queue.board': channel({ input: none, output: boardSchema, access: supervisors, audit: false }),

  /** The queues as the kiosk shows them: open or why not, how many wait. */
  'queue.queues': channel({ input: none, output: z.array(queueNowSchema), access: ticketIssuers, audit: false }),

  /** A ticket for the citizen, printed on the ticket printer. */
  'queue.issue': channel({
    input: issueInputSchema,
    output: issueResultSchema,
    access: ticketIssuers,
    audit: 'change',
    auditTarget: (input) => `queue/${input.queue}`,
  }),

  /** 预约取号: an appointment of today, by booking code or the card on the reader. */
  'queue.checkIn': channel({
    input: checkInInputSchema,
    output: issueResultSchema,
    access: ticketIssuers,
    audit: 'change',
    auditTarget: () => 'queue/check-in',
  }),

  /** The queues a window serves (supervisor; changeable during the day). */
  'queue.setWindowQueues': channel({
    input: windowQueuesInputSchema,
    output: boardSchema,
    access: supervisors,
    audit: 'change',
    auditTarget: (input) => `window/${input.window}`,
  }),

  /** Stop giving tickets for a queue for the rest of the day, or start again (supervisor). */
  'queue.closeQueue': channel({
    input: closeQueueInputSchema,
    output: z.array(queueNowSchema),
    access: supervisors,
    audit: 'change',
    auditTarget: (input) => `queue/${input.letter}`,
  }),

  /** The hall display's address with its token, to open on the hall's TV (supervisor). */
  'queue.displayAddress': channel({
    input: none,
    output: z.object({ url: z.string() }),
    access: supervisors,
    audit: 'change',
    auditTarget: () => 'hall/display',
  }),
} as const;

/** What main pushes to the screens about the queue. */
export const queueEvents = {
  /** The window's queue changed: a call, a ticket moved, the hall went offline or came back. */
  'queue.changed': queueStatusSchema,
} as const;
