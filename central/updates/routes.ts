import { mkdirSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { apiPrefix, versionHeader } from '@yichuang/domain/protocol';
import type { Central } from '../central';
import { registerUpdateFeed, updatesPath } from './feed';

/**
 * The updates room at central: the feed the workstations update from (`/updates/<file>`), and
 * the app version each workstation reports with its requests, kept on its row for the 管理 page.
 * Registered on the root instance, so the version hook sees every API request.
 */
export function registerUpdates(app: FastifyInstance, central: Central): void {
  try {
    mkdirSync(central.updatesDir, { recursive: true });
  } catch (error) {
    app.log.warn({ err: error, dir: central.updatesDir }, 'the update feed folder cannot be made');
  }
  registerUpdateFeed(app, {
    dir: central.updatesDir,
    authenticate: (authorization) => central.registry.authenticate(authorization),
  });

  // After the answer went out (costs the request nothing), and only for an accepted credential.
  app.addHook('onResponse', async (request, reply) => {
    const reported = request.headers[versionHeader];
    if (reported === undefined || reply.statusCode >= 400) return;
    if (!request.url.startsWith(`${apiPrefix}/`) && !request.url.startsWith(`${updatesPath}/`)) return;
    try {
      await central.registry.noteVersion(request.headers.authorization, reported);
    } catch (error) {
      request.log.warn({ err: error }, 'the reported app version was not recorded');
    }
  });
}
