import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { attemptLimit, field, hidden, refusalOf, sendPage, type PageKit } from './kit';
import { setupPage } from './pages/setup';

/** 初始设置: the first administrator, with the one-time token central wrote to its data folder (service/setup.ts). */
export function registerSetupPage(scope: FastifyInstance, kit: PageKit): void {
  const { central, serviceName } = kit;

  /** Setup done (an administrator exists) or no live token: the page refuses, and says how to go on. */
  const closed = (request: FastifyRequest, reply: FastifyReply) => {
    const ui = kit.ui(request);
    return kit.message(request, reply, 410, null, ui.t('setup.closedTitle'), ui.t('setup.closed'));
  };

  scope.get('/setup', hidden, async (request, reply) => {
    if (!(await central.setup.open())) return closed(request, reply);
    return sendPage(reply, 200, setupPage({ ui: kit.ui(request), serviceName, error: null, username: '' }));
  });

  scope.post('/setup', { ...hidden, ...attemptLimit }, async (request, reply) => {
    if (!(await central.setup.open())) return closed(request, reply);
    const ui = kit.ui(request);
    const username = field(request.body, 'username').trim().toLowerCase();
    try {
      const person = await central.setup.redeem({
        token: field(request.body, 'token'),
        username,
        password: field(request.body, 'password'),
        again: field(request.body, 'again'),
      });
      await kit.startSession(request, reply, person);
      return reply.redirect('/approver/people', 303);
    } catch (error) {
      const refusal = refusalOf(error, ui.lang);
      if (!refusal) throw error;
      return sendPage(reply, refusal.status, setupPage({ ui, serviceName, error: refusal.text, username }));
    }
  });
}
