import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { buildCentralApp } from './app';
import { createCentral, parsePublished } from './central';

/** What `--help` prints: every command and option, and the environment central reads. */
const usage = `Yichuang central: approval, the hall's shared data, the windows' sync peer.

Usage: node central/dist/main.js [command] [options]   (from the repo: npm run central -- …)

Commands:
  serve (default)            start central: --port 8700 --host 127.0.0.1 --data-dir ./.central
                             [--updates-dir DIR]: the workstations' update feed, served at /updates/
                             (latest*.yml, installers, blockmaps; default <data-dir>/updates)
                             [--only hall]: only the hall service (queue, kiosk and window API, the hall
                             display at /hall/display), on a machine in the hall
                             [--voice-dir DIR]: the center's own call recordings (WAV files named as the
                             default clips, central/hall/voice/README.md), replacing them file by file
  enrolment-code             print a one-time code for a window: --note "3 号窗口"
  add-person                 --username --name --role approver|admin --password [--department]
                             (or, signed in as an administrator, the page /approver/people: add,
                             department, reset password, disable)
  publish catalog|calendar FILE
  help                       this text (also --help, -h)

Environment:
  DATABASE_URL=postgres://…  PostgreSQL (production); without it, embedded PGlite in the data folder
  LOG_LEVEL                  the request log's level (default info)
  CENTRAL_ADMIN_PASSWORD     automated setups only: the first administrator "admin" gets this password
                             (never printed). Without it, the first start writes a one-time setup token
                             to <data-dir>/setup-token (0600) and prints the setup page's address.
  CENTRAL_BEHIND_TLS=1       central listens on loopback behind a TLS terminator on the same host: the
                             session cookie is Secure there too (off loopback it always is), and the
                             client address is the proxy's X-Forwarded-For (for the sign-in rate limit)
  CENTRAL_DATA_DIR           the data folder (instead of --data-dir)
  CENTRAL_UPDATES_DIR        the update feed's folder (instead of --updates-dir)

Central speaks plain HTTP: bind it to loopback for development, and put it behind a TLS
terminator (nginx, Caddy) on a hall network. See docs/central.md; publishing an update: docs/packaging.md.`;

/** The shipped catalog and calendar, and the migrations: build.mjs puts them beside the bundle. */
const seedFolder = join(__dirname, 'seed');
const migrationsFolder = join(__dirname, 'migrations');

function parseOnly(value: string | undefined): 'hall' | undefined {
  if (value === undefined) return undefined;
  if (value !== 'hall') throw new Error(`--only takes "hall" (the hall service alone), not "${value}"`);
  return 'hall';
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      port: { type: 'string', default: process.env.PORT ?? '8700' },
      host: { type: 'string', default: process.env.HOST ?? '127.0.0.1' },
      'data-dir': { type: 'string', default: process.env.CENTRAL_DATA_DIR ?? '.central' },
      'updates-dir': { type: 'string' },
      only: { type: 'string' },
      'voice-dir': { type: 'string' },
      note: { type: 'string', default: '' },
      username: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string', default: 'approver' },
      password: { type: 'string' },
      department: { type: 'string', default: '' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const command = positionals[0] ?? 'serve';
  if (values.help || command === 'help') {
    console.log(usage);
    return;
  }
  const updatesDir = values['updates-dir'] ?? (process.env.CENTRAL_UPDATES_DIR || undefined);
  const config = {
    dataDir: resolve(values['data-dir']),
    updatesDir: updatesDir ? resolve(updatesDir) : undefined,
    databaseUrl: process.env.DATABASE_URL || undefined,
    migrationsFolder,
    behindTls: process.env.CENTRAL_BEHIND_TLS === '1',
    only: parseOnly(values.only),
    voiceDir: values['voice-dir'] ? resolve(values['voice-dir']) : undefined,
  };

  if (command === 'serve') {
    const { app, central } = await buildCentralApp({ ...config, logger: { level: process.env.LOG_LEVEL ?? 'info' } });
    // A central with nothing published yet starts with the catalog and calendar the workstation ships.
    for (const kind of ['catalog', 'calendar'] as const) {
      if (await central.published.latest(kind, 0)) continue;
      const file = join(seedFolder, kind === 'catalog' ? 'catalog.json' : 'holidays.json');
      const data = parsePublished(kind, JSON.parse(readFileSync(file, 'utf8')));
      await central.published.publish(kind, (data as { version: number }).version, data, 'first start');
    }
    // The first administrator: from CENTRAL_ADMIN_PASSWORD (automated setups; never printed), else
    // through the setup page with a one-time token written to a 0600 file (service/setup.ts).
    let setupFile: string | null = null;
    if ((await central.people.adminCount()) === 0) {
      const password = process.env.CENTRAL_ADMIN_PASSWORD;
      if (password) {
        await central.people.create(
          { username: 'admin', displayName: '中心管理员', role: 'admin', password },
          'first start',
        );
        console.log('First start: the administrator "admin" has the password CENTRAL_ADMIN_PASSWORD gave.');
      } else {
        setupFile = (await central.setup.issue()).file;
      }
    }
    const address = await app.listen({ host: values.host, port: Number(values.port) });
    if (config.only === 'hall') {
      // Windows and kiosks enrol here with a code from `enrolment-code` (this process's own database).
      console.log(
        `Hall service ready at ${address} (${central.database.engine}) — hall display ${address}/hall/display?token=${central.hall.settings.displayToken()}, API docs ${address}/docs`,
      );
    } else {
      console.log(
        `Central ready at ${address} (${central.database.engine}) — approver page ${address}/approver, hall display ${address}/hall/display?token=${central.hall.settings.displayToken()}, API docs ${address}/docs`,
      );
      console.log(`Update feed: ${central.updatesDir} at ${address}/updates/ (enrolled workstations only)`);
      if (setupFile) {
        console.log(
          `First start: no administrator yet. Open ${address}/approver/setup and enter the setup token from ${setupFile} (works once, for 24 hours).`,
        );
      }
    }
    const stop = () => void app.close().then(() => process.exit(0));
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    return;
  }

  const central = await createCentral(config);
  try {
    if (command === 'enrolment-code') {
      const { code, expiresAt } = await central.registry.createCode(values.note, 'cli');
      console.log(`${code}  (valid until ${expiresAt}${values.note ? `, ${values.note}` : ''})`);
    } else if (command === 'add-person') {
      if (!values.username || !values.name || !values.password)
        throw new Error('add-person needs --username, --name and --password');
      if (values.role !== 'approver' && values.role !== 'admin') throw new Error('--role is approver or admin');
      const person = await central.people.create(
        {
          username: values.username,
          displayName: values.name,
          role: values.role,
          password: values.password,
          department: values.department,
        },
        'cli',
      );
      console.log(`Added ${person.role} ${person.username} (${person.displayName})`);
    } else if (command === 'publish') {
      const kind = positionals[1];
      const file = positionals[2];
      if ((kind !== 'catalog' && kind !== 'calendar') || !file) throw new Error('publish catalog|calendar FILE');
      const data = parsePublished(kind, JSON.parse(readFileSync(file, 'utf8')));
      const version = (data as { version: number }).version;
      await central.published.publish(kind, version, data, 'cli');
      console.log(`Published ${kind} version ${version}`);
    } else {
      throw new Error(`unknown command ${command}`);
    }
  } finally {
    await central.database.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
