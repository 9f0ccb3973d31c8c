import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CardRead, DeviceInfo } from '../../../preload/contract/devices';
import {
  createTestWorkstation,
  makeTempDir,
  newSession,
  removeTempDir,
  repoRoot,
  setUpAdmin,
  type TestSession,
  type TestWorkstation,
} from '../../testing/workstation';
import { sampleCards } from '../idcard/sample-cards';
import { until } from '../../testing/wait';

/**
 * The serial transport for real: socat makes a pseudo-terminal pair; at one end the simulated
 * reader runs as its own process (through serialport), at the other the workstation opens the
 * port through serialport exactly as it opens a USB virtual COM port, found through the
 * configured-ports setting. Then the far end goes away and comes back.
 */

const socatAvailable = spawnSync('socat', ['-V'], { stdio: 'ignore' }).status === 0;

function startSocat(dir: string): ChildProcess {
  const socat = spawn(
    'socat',
    [`pty,raw,echo=0,link=${join(dir, 'reader')}`, `pty,raw,echo=0,link=${join(dir, 'host')}`],
    { stdio: 'ignore' },
  );
  return socat;
}

interface ReaderProcess {
  child: ChildProcess;
  output: string[];
  place(holds: string): void;
}

function startReader(dir: string): ReaderProcess {
  // `node --import tsx`, not the tsx CLI: one process, so killing it really silences the reader.
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(repoRoot, 'scripts', 'devtool.ts'), 'simulate-reader', '--port', join(dir, 'reader')],
    { cwd: repoRoot, stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const output: string[] = [];
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (text: string) => output.push(...text.split('\n').filter(Boolean)));
  return { child, output, place: (holds) => child.stdin.write(`place ${holds}\n`) };
}

async function stop(child: ChildProcess | null | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

describe.skipIf(!socatAvailable)('serial transport over a socat pseudo-terminal pair', () => {
  let dir: string;
  let socat: ChildProcess | null = null;
  let reader: ReaderProcess | null = null;
  let t: TestWorkstation;
  let session: TestSession;

  const hostPath = () => join(dir, 'host');
  const device = (): DeviceInfo | undefined =>
    t.workstation.services.devices.list().find((d) => d.id === `serial:${hostPath()}`);
  const cards = () => session.events.filter((e) => e.event === 'idcard.read').map((e) => e.payload as CardRead);

  async function bringUpFarEnd(): Promise<void> {
    socat = startSocat(dir);
    await until(() => existsSync(join(dir, 'reader')) && existsSync(hostPath()), 5000, 'socat links');
    reader = startReader(dir);
    await until(() => reader!.output.includes('ready'), 20_000, 'simulated reader process');
  }

  beforeAll(async () => {
    dir = makeTempDir('yichuang-serial-');
    await bringUpFarEnd();
    // The OS's real sources (HID and serial enumeration), not a test double.
    t = await createTestWorkstation({ config: { deviceSources: undefined, devicePollMs: 100, readerIntervalMs: 50 } });
    session = newSession();
    await setUpAdmin(t.workstation, session);
    t.workstation.hub.add(session);
  }, 60_000);

  afterAll(async () => {
    await stop(reader?.child);
    await stop(socat);
    await t?.dispose();
    removeTempDir(dir);
  });

  it('finds the configured port, opens it as an ID-card reader and reads a card', async () => {
    const saved = await t.workstation.router.call(session, 'settings.update', { extraSerialPorts: [hostPath()] });
    expect(saved.ok).toBe(true);
    await until(() => device(), 3000, 'the port to be listed');
    expect(device()).toMatchObject({ transport: 'serial', role: 'unknown', connected: true });

    const assigned = await t.workstation.router.call(session, 'devices.assignRole', {
      deviceId: `serial:${hostPath()}`,
      role: 'idcard',
    });
    expect(assigned.ok).toBe(true);
    await until(() => device()?.status.state === 'no_card', 5000, 'reader idle');
    const test = await t.workstation.services.devices.selfTest(`serial:${hostPath()}`);
    expect(test.ok).toBe(true);

    reader!.place('resident_zhang');
    const card = await until(() => cards()[0], 5000, 'card read');
    expect(card.identity.name).toBe(sampleCards.resident_zhang.name);
    expect(card.simulated).toBe(false);
  }, 30_000);

  it('shows the loss when the far end goes away, and reads again when it comes back', async () => {
    await stop(reader!.child);
    await stop(socat);
    await until(() => device()?.status.state === 'disconnected', 8000, 'disconnected status');
    expect(device()?.connected).toBe(false);

    await bringUpFarEnd();
    await until(() => device()?.connected && device()?.status.state === 'no_card', 10_000, 'reopened reader');
    reader!.place('resident_li');
    const card = await until(() => cards()[1], 5000, 'second card read');
    expect(card.identity.name).toBe(sampleCards.resident_li.name);
  }, 60_000);

  it('reports a reader that stops answering while its port stays open', async () => {
    await stop(reader!.child); // socat keeps the pseudo-terminal: the port is there, the reader silent
    await until(() => device()?.status.code === 'device_timeout', 8000, 'timeout status');
    expect(device()?.status.state).toBe('error');
    reader = startReader(dir);
    await until(() => reader!.output.includes('ready'), 20_000, 'reader restarted');
    // Answering again: no card found (请放证件, or 已读卡 within 30 s of the card read before).
    await until(() => ['no_card', 'card_read'].includes(device()?.status.state ?? ''), 8000, 'reader answering again');
  }, 60_000);
});

if (!socatAvailable) {
  console.warn(
    'serial.test.ts: socat is not installed (Debian package socat), so the pseudo-terminal tests were skipped',
  );
}
