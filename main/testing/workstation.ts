import { platformScannerRoutes } from '../devices/document-scanner/routes';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { ChannelInput, ChannelName, ChannelOutput } from '../../preload/contract/channels';
import type { Result } from '../../preload/contract/envelope';
import type { EventName, EventPayload } from '../../preload/contract/events';
import type { Clock } from '../app/clock';
import type { Actor } from '../cases/model';
import { createWorkstation, type Workstation, type WorkstationConfig } from '../app/services';
import { createSession, type Session } from '../ipc/session';
import { testProtectors } from './keys';
import type { StaffService } from '../staff/service';

/** Test helpers only: a temp workstation on a real SQLite file, a clock the test moves by hand. */

export const repoRoot = resolve(__dirname, '..', '..');
export const resourcesDir = join(repoRoot, 'resources');
export const migrationsDir = join(resourcesDir, 'migrations');

/** Meets the strength rule (upper, lower, digit, symbol; 13 characters). */
export const strongPassword = 'Yichuang#2025';

export interface FakeClock extends Clock {
  set(at: Date | string): void;
  advance(ms: number): void;
  advanceMinutes(minutes: number): void;
}

export function createFakeClock(start: Date | string = '2025-06-16T01:00:00.000Z'): FakeClock {
  let current = new Date(start).getTime();
  return {
    now: () => new Date(current),
    set(at) {
      current = new Date(at).getTime();
    },
    advance(ms) {
      current += ms;
    },
    advanceMinutes(minutes) {
      current += minutes * 60_000;
    },
  };
}

export function makeTempDir(prefix = 'yichuang-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function removeTempDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

export interface TestWorkstation {
  workstation: Workstation;
  dataDir: string;
  clock: FakeClock;
  /** Stops the devices, closes the database and removes the temp directory. */
  dispose(): Promise<void>;
}

export async function createTestWorkstation(
  options: { clock?: FakeClock; dataDir?: string; config?: Partial<WorkstationConfig> } = {},
): Promise<TestWorkstation> {
  const dataDir = options.dataDir ?? makeTempDir();
  const clock = options.clock ?? createFakeClock();
  const workstation = await createWorkstation({
    dataDir,
    resourcesDir,
    logToFiles: false,
    logLevel: 'silent',
    clock,
    protectors: testProtectors(),
    // No OS device enumeration in tests: only what a test passes, and the simulated devices.
    deviceSources: [],
    // Document scanners: eSCL only (a test's simulator on 127.0.0.1); no scanimage, no mDNS.
    scannerRoutes: platformScannerRoutes({ kinds: ['escl'], discovery: false }),
    ...options.config,
    // Tests drive the sync worker themselves unless they ask for it to run.
    sync: { autoStart: false, ...options.config?.sync },
  });
  // Tests look at the devices at once: wait for the first enumeration the start-up began.
  await workstation.services.devices.refresh();
  return {
    workstation,
    dataDir,
    clock,
    async dispose() {
      await workstation.close();
      removeTempDir(dataDir);
    },
  };
}

export interface TestSession extends Session {
  /** Every event main pushed to this session, in order. */
  events: { event: EventName; payload: EventPayload<EventName> }[];
}

export function newSession(): TestSession {
  const events: TestSession['events'] = [];
  const session = createSession((event, payload) => {
    events.push({ event, payload });
  });
  return Object.assign(session, { events });
}

/** A typed call through the router (the same path both hosts use, minus the codec). */
export function call<K extends ChannelName>(
  workstation: Workstation,
  session: Session,
  channel: K,
  input: ChannelInput<K>,
): Promise<Result<ChannelOutput<K>>> {
  return workstation.router.call(session, channel, input);
}

export const sampleWindow = { districtCode: '370303', windowNumber: 7, hallName: '张店区市民中心' };

/** First-run set-up through the router: creates the admin and signs `session` in as it. */
export async function setUpAdmin(
  workstation: Workstation,
  session: Session = newSession(),
  admin: { username: string; displayName: string; password: string } = {
    username: 'admin',
    displayName: '管理员',
    password: strongPassword,
  },
): Promise<{ session: Session; adminId: number }> {
  const result = await workstation.router.call(session, 'setup.initialize', { admin, window: sampleWindow });
  if (!result.ok) throw new Error(`set-up failed: ${result.error.code}`);
  if (session.userId === null) throw new Error('set-up did not sign in');
  return { session, adminId: session.userId };
}

/** Creates a clerk at a window (password `strongPassword`, no change forced) and returns it as the actor of decisions. */
export async function addClerk(
  staff: Pick<StaffService, 'create'>,
  clerk: { username: string; displayName: string; windowNumber: number },
): Promise<Actor> {
  const row = await staff.create({ ...clerk, role: 'clerk', password: strongPassword, mustChangePassword: false });
  return { id: row.id, username: row.username, displayName: row.displayName };
}

/** Asserts the envelope failed and returns its code (for `expect(codeOf(r)).toBe(...)`). */
export function codeOf(result: Result<unknown>): string | null {
  return result.ok ? null : result.error.code;
}
