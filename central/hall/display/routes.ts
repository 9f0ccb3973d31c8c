import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ticketIdSchema, ticketNumberSchema, windowNumberSchema } from '@yichuang/domain/hall-protocol';
import { ticketStateNames } from '@yichuang/domain/queue';
import { html } from '../../approver/html';
import { CentralError } from '../../service/errors';
import type { Hall } from '../service';
import { announcementWav } from '../voice/announcement';
import { defaultClipsFolder, loadClips } from '../voice/clips';
import { displayCsp, displayPage } from './page';

/** The display's script: beside this file in the source, beside main.js in the built bundle (build.mjs copies it). */
const displayScriptPath = join(__dirname, 'display.js');

/**
 * The hall display (any browser on the hall's TV: no install, no sign-in; a display token in its
 * address) and the page a ticket's QR opens. Neither shows personal data.
 */
export function registerHallDisplay(
  server: FastifyInstance,
  deps: { hall: Hall; voiceDirs?: string[] | undefined },
): void {
  const app = server.withTypeProvider<ZodTypeProvider>();
  const { hall } = deps;
  const clipDirs = [defaultClipsFolder, ...(deps.voiceDirs ?? [])];
  const script = readFileSync(displayScriptPath, 'utf8');
  const tokenQuery = z.object({ token: z.string().max(100).optional() });
  const mustBeDisplay = (token: string | undefined) => {
    if (!hall.settings.isDisplayToken(token)) throw new CentralError(403, 'forbidden', 'hall.displayToken');
  };

  app.get('/hall/display', { schema: { hide: true, querystring: tokenQuery } }, async (request, reply) => {
    mustBeDisplay(request.query.token);
    return reply
      .header('content-security-policy', displayCsp)
      .header('cache-control', 'no-store')
      .type('text/html; charset=utf-8')
      .send(displayPage({ hallName: hall.settings.hallName(), timeZone: hall.timeZone }).html);
  });

  app.get('/hall/display/display.js', { schema: { hide: true } }, async (_request, reply) =>
    reply.type('text/javascript; charset=utf-8').header('cache-control', 'no-cache').send(script),
  );

  app.get('/hall/display/stream', { schema: { hide: true, querystring: tokenQuery } }, async (request, reply) => {
    mustBeDisplay(request.query.token);
    reply.hijack();
    await hall.push.subscribe(reply.raw, 'display');
  });

  app.get(
    '/hall/display/voice.wav',
    {
      schema: {
        hide: true,
        querystring: tokenQuery.extend({
          number: ticketNumberSchema,
          window: z.coerce.number().pipe(windowNumberSchema),
        }),
      },
    },
    async (request, reply) => {
      mustBeDisplay(request.query.token);
      const clips = await loadClips(clipDirs);
      const wav = announcementWav(request.query.number, request.query.window, clips);
      return reply.type('audio/wav').header('cache-control', 'private, max-age=3600').send(wav);
    },
  );

  // The QR on the slip: where the ticket stands now. Anyone with the slip may look; the id is unguessable.
  app.get(
    '/hall/t/:id',
    { schema: { hide: true, params: z.object({ id: ticketIdSchema }) } },
    async (request, reply) => {
      const row = await hall.tickets.byId(request.params.id);
      const ahead = await hall.tickets.ahead(row);
      const where =
        row.state === 'called' || row.state === 'serving'
          ? `请到 ${row.window} 号窗口办理`
          : row.state === 'issued' || row.state === 'transferred'
            ? ahead === 0
              ? '您是下一位，请留意叫号'
              : `前方等待 ${ahead} 人`
            : ticketStateNames[row.state];
      const page = html`<!doctype html>
        <html lang="zh-CN">
          <head>
            <meta charset="utf-8" />
            <meta name="viewport" content="width=device-width, initial-scale=1" />
            <meta http-equiv="refresh" content="20" />
            <title>${row.number ?? ''} · ${hall.settings.hallName()}</title>
            <style>
              body {
                font-family: sans-serif;
                text-align: center;
                padding: 2rem 1rem;
                color: #1f1f1f;
              }
              .number {
                font-size: 4rem;
                font-weight: 800;
                margin: 1rem 0;
              }
              .where {
                font-size: 1.6rem;
                color: #0958d9;
              }
              .note {
                color: #595959;
                margin-top: 2rem;
              }
            </style>
          </head>
          <body>
            <h1>${hall.settings.hallName()}</h1>
            <p class="number">${row.number ?? ''}</p>
            <p class="where" data-testid="follow-where">${where}</p>
            <p class="note">页面每 20 秒自动刷新。办理结束后，欢迎对本次服务作出评价（好差评）。</p>
          </body>
        </html>`;
      return reply
        .header('content-security-policy', displayCsp)
        .header('cache-control', 'no-store')
        .type('text/html; charset=utf-8')
        .send(page.html);
    },
  );
}
