import type { queueChannels } from '../../preload/contract/channels/queue';
import type { SessionUser } from '../../preload/contract/schemas';
import { signedInUser } from '../ipc/actor';
import type { CallContext, HandlersOf } from '../ipc/router';
import type { QueueService } from './service';
import type { DeviceService } from '../devices/service';

const userOf = (ctx: CallContext): SessionUser => signedInUser(ctx.user);

/** The window's queue bar, the kiosk, and the supervisor's board. */
export function queueHandlers({
  queue,
  devices,
}: {
  queue: QueueService;
  devices: DeviceService;
}): HandlersOf<typeof queueChannels> {
  return {
    'queue.status': (ctx) => queue.attend(ctx.user),
    'queue.callNext': (ctx) => queue.callNext(userOf(ctx)),
    'queue.recall': (ctx, input) => queue.recall(userOf(ctx), input.ticketId),
    'queue.act': (ctx, input) => queue.act(userOf(ctx), input.ticketId, input.action),
    'queue.transfer': (ctx, input) =>
      queue.transfer(userOf(ctx), input.ticketId, { toQueue: input.toQueue, toWindow: input.toWindow }),
    'queue.walkIn': (ctx, input) => queue.walkIn(userOf(ctx), input.queue),
    'queue.rejoin': (ctx, input) => queue.rejoin(userOf(ctx), input.number),
    'queue.board': () => queue.board(),
    'queue.queues': () => queue.queues(),
    'queue.issue': (ctx, input) => {
      const card = input.readId ? devices.reveal(input.readId) : null;
      if (card) ctx.audit.detail = { idNumber: card.masked };
      return queue.issue(userOf(ctx), { ...input, idNumber: card?.identity.idNumber });
    },
    'queue.checkIn': (ctx, input) => {
      const card = input.readId ? devices.reveal(input.readId) : null;
      if (card) ctx.audit.detail = { idNumber: card.masked };
      return queue.checkIn(userOf(ctx), { code: input.code, idNumber: card?.identity.idNumber });
    },
    'queue.setWindowQueues': (ctx, input) => queue.setWindowQueues(userOf(ctx), input.window, input.queues),
    'queue.closeQueue': (ctx, input) => queue.closeQueue(userOf(ctx), input.letter, input.closed),
    'queue.displayAddress': (ctx) => queue.displayAddress(userOf(ctx)),
  };
}
