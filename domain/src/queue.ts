/**
 * The hall's queue: ticket states, the one transition table, ticket numbers and the labels people
 * read. Pure: shared by central's hall service (which moves tickets only through `nextTicketState`)
 * and the workstation (which shows them).
 */

/**
 * Where a ticket stands. `issued` and `transferred` wait to be called (a transferred ticket waits
 * in the queue or at the window it was sent to, with its original time); `called` is on the board;
 * `serving` is at the counter; `held` is parked at its window while the citizen fetches a paper;
 * `done` and `no_show` end it (a no-show may rejoin once, going back to `issued`).
 */
export const ticketStates = ['issued', 'called', 'serving', 'held', 'done', 'no_show', 'transferred'] as const;
export type TicketState = (typeof ticketStates)[number];

/** States that wait to be called. */
export const waitingStates = ['issued', 'transferred'] as const satisfies readonly TicketState[];
/** States of a ticket still in the hall: one per person and queue (when the ID card was read). */
export const liveStates = [
  'issued',
  'transferred',
  'called',
  'serving',
  'held',
] as const satisfies readonly TicketState[];
/** States in which a window has the ticket in hand. */
export const atWindowStates = ['called', 'serving', 'held'] as const satisfies readonly TicketState[];

export const isWaiting = (state: TicketState): boolean => (waitingStates as readonly TicketState[]).includes(state);
export const isLive = (state: TicketState): boolean => (liveStates as readonly TicketState[]).includes(state);

/** What a window, the kiosk or the front desk does to a ticket. Each is an event with time, window and clerk. */
export const ticketActions = [
  'issue',
  'walk_in',
  'call',
  'recall',
  'serve',
  'finish',
  'skip',
  'rejoin',
  'transfer',
  'hold',
  'resume',
] as const;
export type TicketAction = (typeof ticketActions)[number];

/** Every legal move by the action that makes it: the states it may start from, and where it leads. */
export const ticketTransitions: Record<TicketAction, { from: readonly (TicketState | 'none')[]; to: TicketState }> = {
  issue: { from: ['none'], to: 'issued' },
  /** Served without a ticket: recorded as such, straight at the counter. */
  walk_in: { from: ['none'], to: 'serving' },
  call: { from: ['issued', 'transferred'], to: 'called' },
  /** 重呼: the same call again; the ticket stays called. */
  recall: { from: ['called'], to: 'called' },
  serve: { from: ['called'], to: 'serving' },
  /** Called and served without pressing 开始办理 first finishes as well. */
  finish: { from: ['called', 'serving'], to: 'done' },
  /** 过号: nobody came. */
  skip: { from: ['called'], to: 'no_show' },
  /** A skipped citizen came back: in the queue again, once (setting). */
  rejoin: { from: ['no_show'], to: 'issued' },
  transfer: { from: ['called', 'serving', 'held'], to: 'transferred' },
  hold: { from: ['serving'], to: 'held' },
  resume: { from: ['held'], to: 'serving' },
};

/** The one transition function: where `action` takes a ticket in `from` (`'none'` before it exists); null when illegal. */
export function nextTicketState(from: TicketState | 'none', action: TicketAction): TicketState | null {
  const rule = ticketTransitions[action];
  return rule.from.includes(from) ? rule.to : null;
}

/** Kinds of ticket: taken at the kiosk or counter, an appointment checked in, 绿色通道 priority, or a walk-in served without one. */
export const ticketKinds = ['normal', 'appointment', 'priority', 'walk_in'] as const;
export type TicketKind = (typeof ticketKinds)[number];

/** A queue's letter: one capital letter, A–Z. */
export const queueLetterPattern = /^[A-Z]$/;
/** A ticket number: the queue letter and a 3-digit sequence restarting each hall day (A001); past 999, four digits. */
export const ticketNumberPattern = /^[A-Z]\d{3,4}$/;

/** `A` and 5 → `A005`. */
export function ticketNumber(letter: string, sequence: number): string {
  if (!queueLetterPattern.test(letter)) throw new Error(`not a queue letter: ${letter}`);
  if (!Number.isInteger(sequence) || sequence < 1 || sequence > 9999)
    throw new Error(`not a ticket sequence: ${sequence}`);
  return `${letter}${String(sequence).padStart(3, '0')}`;
}

/** A queue's hours on the hall's wall clock: `HH:mm`. */
export const clockTimePattern = /^([01]\d|2[0-3]):[0-5]\d$/;

export const ticketStateNames: Record<TicketState, string> = {
  issued: '等候中',
  called: '已呼叫',
  serving: '办理中',
  held: '已挂起',
  done: '已办结',
  no_show: '过号',
  transferred: '已转号',
};

export const ticketStateNamesEn: Record<TicketState, string> = {
  issued: 'Waiting',
  called: 'Called',
  serving: 'Being served',
  held: 'On hold',
  done: 'Done',
  no_show: 'No-show',
  transferred: 'Transferred',
};

/** What the kiosk says once the ticket is out: 您已领取A005号，前方等待3人. */
export function ticketPrompt(number: string, ahead: number): string {
  return ahead === 0 ? `您已领取${number}号，前方无人等待，请留意叫号` : `您已领取${number}号，前方等待${ahead}人`;
}

/** What the hall hears and reads for a call: 请A001号到3号窗口办理. */
export function callText(number: string, windowNumber: number): string {
  return `请${number}号到${windowNumber}号窗口办理`;
}
