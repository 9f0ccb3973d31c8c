import type { queueChannels } from '../../preload/contract/channels/queue';
import { AppError } from '../../preload/contract/errors';
import type { SessionUser } from '../../preload/contract/schemas';
import type { CallContext, HandlersOf } from '../ipc/router';
import type { QueueService } from './service';

function userOf(ctx: CallContext): SessionUser {
  if (!ctx.user) throw new AppError('unauthenticated');
  return ctx.user;
}

/** The window's queue bar and the supervisor's board. */
export function queueHandlers({ queue }: { queue: QueueService }): HandlersOf<typeof queueChannels> {
  return {
    'queue.status': (ctx) => queue.attend(ctx.user),
    'queue.callNext': (ctx) => queue.callNext(userOf(ctx)),
    'queue.recall': (ctx, input) => queue.recall(userOf(ctx), input.ticketId),
    'queue.act': (ctx, input) => queue.act(userOf(ctx), input.ticketId, input.action),
    'queue.transfer': (ctx, input) =>
      queue.transfer(userOf(ctx), input.ticketId, { toQueue: input.toQueue, toWindow: input.toWindow }),
    'queue.walkIn': (ctx, input) => queue.walkIn(userOf(ctx), input.queue),
    'queue.board': () => queue.board(),
  };
}
