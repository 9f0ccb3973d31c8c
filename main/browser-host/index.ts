import { ensurePrivateDir } from '../security/private-files';
import { parseArgs } from 'node:util';
import { createWorkstation } from '../app/services';
import { DatabaseNewerError } from '../db/migrate';
import { DataKeyError, readKeyFile } from '../security/data-key';
import { nodeHostProtectors } from '../security/passphrase-prompt';
import { defaultDataDir } from '../data-dir';
import { defaultResourcesDir, rendererDir } from '../paths';
import { startBrowserHost } from './server';
import { createInterface } from 'node:readline';
import { advanceClockCommand, clockFromFlag, testClockSwitch } from './test-clock';

const usage = `Usage: node out/main/browser-host.js [--data-dir DIR] [--port N] [--simulate-devices]
  --data-dir DIR       where the database, backups and logs live (default: ${defaultDataDir()})
  --port N             port on 127.0.0.1; 0 picks any free port (default: 0)
  --simulate-devices   simulated ID-card reader, scanner and ticket printer (labelled 模拟)
The data is encrypted at rest: its key is kept by the OS keyring where there is one, else by the
passphrase in YICHUANG_PASSPHRASE (12 characters or more), else by one typed at start.
  --clock-start ISO    end-to-end tests only (needs ${testClockSwitch}=1): the clock starts at ISO
                       (with its offset, e.g. 2026-12-06T23:30:00Z) and runs on from there;
                       a line \`advance-clock MS\` on standard input moves it MS milliseconds ahead`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'data-dir': { type: 'string' },
      port: { type: 'string', default: '0' },
      'simulate-devices': { type: 'boolean', default: false },
      'clock-start': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(usage);
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`--port must be a whole number from 0 to 65535, not "${values.port}"\n${usage}`);
    process.exit(2);
  }
  const { clock, error } = clockFromFlag(values['clock-start'], process.env);
  if (error) {
    console.error(`${error}\n${usage}`);
    process.exit(2);
  }
  const dataDir = values['data-dir'] ?? defaultDataDir();
  ensurePrivateDir(dataDir);
  const protectors = await nodeHostProtectors(dataDir, readKeyFile(dataDir) === null);
  const workstation = await createWorkstation({
    dataDir,
    protectors,
    resourcesDir: defaultResourcesDir(),
    simulateDevices: values['simulate-devices'],
    ...(clock ? { clock } : {}),
  });
  const host = await startBrowserHost({ workstation, rendererDir: rendererDir(), port });
  console.log(`Yichuang ready at ${host.url}`);
  if (clock) {
    // End-to-end tests only (the clock exists only with YICHUANG_E2E=1): `advance-clock MS` on stdin.
    createInterface({ input: process.stdin }).on('line', (line) => {
      const match = advanceClockCommand.exec(line.trim());
      if (!match?.[1]) return;
      clock.advance(Number(match[1]));
      console.log(`clock at ${clock.now().toISOString()}`);
    });
  }

  const stop = () => {
    void host
      .close()
      .then(() => workstation.close())
      .then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof DatabaseNewerError || error instanceof DataKeyError ? error.message : error);
  process.exit(1);
});
