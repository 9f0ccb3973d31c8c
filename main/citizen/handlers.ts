import type { citizenChannels } from '../../preload/contract/channels/citizen';
import { AppError } from '../../preload/contract/errors';
import type { SessionUser } from '../../preload/contract/schemas';
import { signedInUser } from '../ipc/actor';
import type { CallContext, HandlersOf } from '../ipc/router';
import type { CitizenService } from './service';

const userOf = (ctx: CallContext): SessionUser => signedInUser(ctx.user);

/** The citizen page (hello, rate) and the clerk's control of it (pair, show, status, display). */
export function citizenHandlers({ citizen }: { citizen: CitizenService }): HandlersOf<typeof citizenChannels> {
  return {
    // A signed-in screen is a clerk's, never a citizen's: it gets no pairing code.
    'citizen.hello': (ctx, input) => {
      if (ctx.user) throw new AppError('forbidden');
      return citizen.hello(ctx.session, input.resume);
    },
    'citizen.rate': (ctx, input) => {
      if (ctx.user) throw new AppError('forbidden');
      citizen.rate(ctx.session, input.promptId, input.rating);
      return { rated: true as const };
    },
    'citizen.pair': (ctx, input) => citizen.pair(userOf(ctx), input.code),
    'citizen.unpair': (ctx) => citizen.unpair(userOf(ctx)),
    'citizen.show': (ctx, input) => citizen.show(ctx.session, userOf(ctx), input.caseId),
    'citizen.preview': (ctx) => citizen.preview(ctx.session, userOf(ctx)),
    'citizen.status': (ctx) => citizen.status(ctx.session, userOf(ctx)),
    'citizen.chooseDisplay': (ctx, input) => citizen.chooseDisplay(userOf(ctx), input.displayId),
  };
}
