// `npx tsx scripts/bench-queue.ts`: the hall's queue, on PostgreSQL as CI runs it (scripts/setup-postgres.sh).
//   queue.issue_p99_ms    a kiosk ticket: the hall service's answer and the ESC/POS bytes of the slip built
//   queue.call_p99_ms     call next at a window until the hall display receives the call, fifty windows
//                         pressing at the same instant, round after round, 2,000 tickets in the day
//   queue.call_p50_ms     the same, median
//   queue.calls_per_s     call-next answered per second over those rounds (every ticket given once: checked)
// The hall service runs alone in a process of its own (`serve --only hall`, central's build), as on a hall's machine.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CallResult, IssuedTicket, QueueNow } from '@yichuang/domain/hall-protocol';
import { apiPrefix, type EnrolResponse } from '@yichuang/domain/protocol';
import { createCentral } from '../central/central';
import { freshPostgresDatabase } from '../central/testing/central';
import { clerk, hallClient, kiosk, listenPush, supervisor } from '../central/testing/hall';
import { queueTicket } from '../main/devices/printer/ticket';
import { testSigner } from '@yichuang/domain/testing/audit-trail';

const repoRoot = join(__dirname, '..');
const windowCount = 50;
const ticketCount = 2000;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function hallProcess(
  dataDir: string,
  databaseUrl: string,
): Promise<{ url: string; token: string; stop(): Promise<void> }> {
  const child = spawn(
    process.execPath,
    [join(repoRoot, 'central', 'dist', 'main.js'), 'serve', '--only', 'hall', '--data-dir', dataDir, '--port', '0'],
    {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn' },
    },
  );
  const ready = await new Promise<RegExpExecArray>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /Hall service ready at (http:\/\/\S+) .*token=(\S+),/.exec(out);
      if (m) resolve(m);
    });
    child.on('exit', (code) => reject(new Error(`the hall service exited (${code}): ${out}`)));
  });
  child.stdout.resume();
  return {
    url: ready[1]!,
    token: ready[2]!,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export async function queueBench(): Promise<Record<string, number>> {
  const database = await freshPostgresDatabase();
  const dataDir = mkdtempSync(join(tmpdir(), 'yichuang-bench-queue-'));
  try {
    // Enrolment codes for the kiosk and fifty windows, made on the same database before the service starts.
    const setup = await createCentral({ dataDir, databaseUrl: database.url });
    const codes: string[] = [];
    for (let i = 0; i <= windowCount; i++) codes.push((await setup.registry.createCode(`bench ${i}`, 'bench')).code);
    await setup.database.close();

    const hall = await hallProcess(dataDir, database.url);
    try {
      const enrol = async (code: string, windowNumber: number) => {
        const response = await fetch(`${hall.url}${apiPrefix}/enrol`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            code,
            districtCode: '370303',
            windowNumber,
            hallName: '基准大厅',
            hostname: `bench-${windowNumber}`,
            auditKey: testSigner().publicKey,
          }),
        });
        if (!response.ok) throw new Error(`enrolment failed: ${response.status} ${await response.text()}`);
        return hallClient(hall.url, `Bearer ${((await response.json()) as EnrolResponse).credential}`);
      };
      const front = await enrol(codes[0]!, 900);
      const windows = await Promise.all(codes.slice(1).map((code, i) => enrol(code, i + 1)));

      // Open all day, so the bench runs at any hour; every window serves every queue.
      const queues = (await front.get<QueueNow[]>('/queues')).body;
      for (const queue of queues) {
        const { letter, name, pinyin, icon, matters } = queue;
        const config = { letter, name, pinyin, icon, matters, opens: '00:00', closes: '23:59', dailyCap: 9999 };
        const answer = await front.put(`/queues/${letter}`, { queue: config, actor: supervisor });
        if (answer.status !== 200) throw new Error(`queue ${letter}: ${JSON.stringify(answer.body)}`);
      }
      const letters = queues.map((queue) => queue.letter);
      for (let window = 1; window <= windowCount; window++) {
        await front.put(`/windows/${window}/queues`, { queues: letters, actor: supervisor });
      }

      // The kiosk: 2,000 tickets, each answered and its slip's bytes built.
      const issueMs: number[] = [];
      for (let i = 0; i < ticketCount; i++) {
        const started = performance.now();
        const answer = await front.post<IssuedTicket>('/tickets', { queue: letters[i % letters.length], actor: kiosk });
        if (answer.status !== 200) throw new Error(`issue: ${JSON.stringify(answer.body)}`);
        const { ticket, ahead, hallName, followPath } = answer.body;
        queueTicket({
          hallName,
          number: ticket.number!,
          matter: ticket.queueName,
          issuedAt: new Date(ticket.issuedAt),
          waiting: ahead,
          qr: `${hall.url}${followPath}`,
        });
        issueMs.push(performance.now() - started);
      }

      // The display listens; fifty windows press call next at the same instant, round after round.
      const display = listenPush(`${hall.url}/hall/display/stream?token=${hall.token}`);
      if ((await display.opened) !== 200) throw new Error('the display stream did not open');
      await display.next('board', 0);
      const pressedAt = new Map<string, number>();
      const heardAt = new Map<string, number>();
      const seen = new Set<string>();
      let calls = 0;
      let read = 0;
      /** Until the display has heard every number of a round (its events read once, in order). */
      const heard = (numbers: string[]) =>
        new Promise<void>((resolve) => {
          const check = () => {
            for (; read < display.events.length; read++) {
              const event = display.events[read]!;
              if (event.event === 'call') heardAt.set((event.data as { number: string }).number, event.at);
            }
            if (numbers.every((number) => heardAt.has(number))) resolve();
            else setTimeout(check, 1);
          };
          check();
        });
      const started = performance.now();
      for (;;) {
        const round = await Promise.all(
          windows.map(async (client, i) => {
            const pressed = performance.now();
            const answer = await client.post<CallResult>('/window/call-next', { actor: clerk(`bench${i}`, `员${i}`) });
            if (answer.status !== 200) throw new Error(`call next: ${JSON.stringify(answer.body)}`);
            const called = answer.body.called;
            if (!called) return null;
            if (seen.has(called.id)) throw new Error(`ticket ${called.number} was given twice`);
            seen.add(called.id);
            pressedAt.set(called.number!, pressed);
            return called.number!;
          }),
        );
        const numbers = round.filter((n): n is string => n !== null);
        calls += numbers.length;
        await heard(numbers);
        if (numbers.length < windowCount) break;
      }
      const elapsedS = (performance.now() - started) / 1000;
      display.close();
      if (calls !== ticketCount) throw new Error(`called ${calls} of ${ticketCount} tickets`);
      const latencies = [...pressedAt].map(([number, at]) => heardAt.get(number)! - at).sort((a, b) => a - b);
      issueMs.sort((a, b) => a - b);
      return {
        'queue.issue_p99_ms': Number(percentile(issueMs, 99).toFixed(1)),
        'queue.call_p50_ms': Number(percentile(latencies, 50).toFixed(1)),
        'queue.call_p99_ms': Number(percentile(latencies, 99).toFixed(1)),
        'queue.calls_per_s': Math.round(calls / elapsedS),
      };
    } finally {
      await hall.stop();
    }
  } finally {
    await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[1]?.endsWith('bench-queue.ts')) {
  queueBench()
    .then((metrics) => {
      for (const [name, value] of Object.entries(metrics)) console.log(`${name}  ${value}`);
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
