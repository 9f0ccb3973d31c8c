import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { attachForTest, sampleTicket } from '../main/devices/printer/testing/attach';
import { createTcpTransport } from '../main/devices/transport/tcp';
import { rejectionCode, until, within } from '../main/testing/wait';

// The devtool's escpos-simulator (what `npm run devtool -- escpos-simulator` runs through tsx), printed
// on by the workstation's own network transport and ticket printer driver: ESC/POS and DLE EOT over a
// real socket on 127.0.0.1. `node --import tsx`, one process, so a signal reaches the simulator itself.

const root = resolve(__dirname, '..');
const devtool = (...args: string[]) => ['--import', 'tsx', resolve(root, 'scripts', 'devtool.ts'), ...args];
const children: ChildProcessWithoutNullStreams[] = [];

afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
});

describe('npm run devtool -- escpos-simulator', () => {
  it('is a network ticket printer on 127.0.0.1: out of paper as asked, printing once told the paper is in', async () => {
    const child = spawn(process.execPath, devtool('escpos-simulator', '--port', '0', '--paper-out'), { cwd: root });
    children.push(child);
    const output = { stdout: '', stderr: '' };
    child.stdout.on('data', (d: Buffer) => (output.stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output.stderr += d.toString()));
    const ready = await until(
      () => /^ESC\/POS printer simulator at 127\.0\.0\.1:(\d+)$/m.exec(output.stdout),
      20_000,
      'the ready line',
    ).catch((error: Error) => {
      throw new Error(`${error.message}; stderr: ${output.stderr}`);
    });
    const port = Number(ready[1]);
    expect(port).toBeGreaterThan(0);

    const transport = createTcpTransport({ host: '127.0.0.1', port });
    await within(transport.open(), 5000, 'opening the connection');
    const { printer } = attachForTest(transport);
    expect(await within(rejectionCode(printer.print(sampleTicket)), 5000, 'the first print')).toBe('printer_paper_out');

    // The command reaches the simulator in its own time: print until the paper is in.
    child.stdin.write('paper-out off\n');
    const printed = () =>
      within(printer.print(sampleTicket), 5000, 'a print').then(
        () => true,
        () => false,
      );
    const end = Date.now() + 10_000;
    while (!(await printed())) {
      if (Date.now() > end) throw new Error('still out of paper 10 s after paper-out off');
      await new Promise((done) => setTimeout(done, 50));
    }
    child.stdin.write('show\n');
    await until(() => output.stdout.includes('--- end of preview ---'), 5000, 'the preview');
    expect(output.stdout).toContain('[center][2x2][B]A017');
    await within(transport.close(), 5000, 'closing the connection');

    const exited = new Promise<number | null>((done) => child.once('exit', done));
    child.kill('SIGTERM');
    const code = await within(exited, 15_000, "the simulator's exit after SIGTERM").catch((error: Error) => {
      // What the simulator said by then (read now, not when the wait began).
      throw new Error(`${error.message}; stderr: ${output.stderr}`);
    });
    expect(code, output.stderr).toBe(0);
    expect(await rejectionCode(createTcpTransport({ host: '127.0.0.1', port }).open())).toBe('device_open_failed');
  }, 60_000);

  it('refuses bad usage with exit code 2', () => {
    for (const args of [[], ['--port', '70000'], ['--port', '0', '--paper']]) {
      const result = spawnSync(process.execPath, devtool('escpos-simulator', ...args), { cwd: root, encoding: 'utf8' });
      expect(result.status, args.join(' ')).toBe(2);
      expect(result.stderr).toContain('用法');
    }
  }, 60_000);
});
