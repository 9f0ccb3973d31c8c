import { channel, none } from '../channel';
import { intakeRoles, supervisors } from '../roles';
import {
  boardSchema,
  queueCommandResultSchema,
  queueStatusSchema,
  ticketActInputSchema,
  ticketInputSchema,
  transferInputSchema,
  walkInInputSchema,
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

  /** The hall now (supervisor): waiting per queue, longest wait, windows and whom they serve. */
  'queue.board': channel({ input: none, output: boardSchema, access: supervisors, audit: false }),
} as const;

/** What main pushes to the screens about the queue. */
export const queueEvents = {
  /** The window's queue changed: a call, a ticket moved, the hall went offline or came back. */
  'queue.changed': queueStatusSchema,
} as const;
