import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { AppError } from '../../../preload/contract/errors';
import { attachForTest, sampleTicket } from '../printer/testing/attach';
import { rejectionCode } from '../../testing/wait';
import {
  createSpoolerTransport,
  rawPrintCommand,
  rawPrintScript,
  type SpawnSpooler,
  type SpoolerCommand,
  type SpoolerProcess,
} from './usb-printer-windows';

/**
 * The Windows print-queue transport cannot run here (no winspool): what is checked is the command and
 * script it builds, what it hands the child, and what each way the child can end means for the clerk.
 */

interface FakeRun {
  command: SpoolerCommand;
  stdin: string;
  killed: boolean;
}

/** A spawner whose children end as `end` says once their stdin is closed. */
function fakeSpawner(end: (run: FakeRun) => { code?: number; stderr?: string; error?: Error; hang?: boolean }) {
  const runs: FakeRun[] = [];
  const spawn: SpawnSpooler = (command) => {
    const events = new EventEmitter();
    const stdin = new PassThrough();
    const stderr = new PassThrough();
    const run: FakeRun = { command, stdin: '', killed: false };
    runs.push(run);
    stdin.on('data', (chunk: Buffer) => (run.stdin += chunk.toString()));
    stdin.on('finish', () => {
      const outcome = end(run);
      if (outcome.hang) return;
      setImmediate(() => {
        if (outcome.error) {
          events.emit('error', outcome.error);
          return;
        }
        if (outcome.stderr) stderr.write(outcome.stderr);
        stderr.end();
        setImmediate(() => events.emit('close', outcome.code ?? 0));
      });
    });
    const child: SpoolerProcess = {
      stdin,
      stderr,
      once: (event: string, listener: Parameters<EventEmitter['once']>[1]) => events.once(event, listener),
      kill: () => {
        run.killed = true;
        setImmediate(() => events.emit('close', null));
        return true;
      },
    };
    return child;
  };
  return { spawn, runs };
}

const decodedScript = (command: SpoolerCommand) =>
  Buffer.from(command.args[command.args.indexOf('-EncodedCommand') + 1]!, 'base64').toString('utf16le');

describe('the RAW print command for a Windows queue', () => {
  it('runs Windows PowerShell with the script encoded, the queue in the environment and never on the command line', () => {
    const queue = `POS58 "票据" ; Remove-Item C:\\ -Recurse`;
    const command = rawPrintCommand(queue, { check: false, document: '一窗 排队票' });
    expect(command.command).toBe('powershell.exe');
    expect(command.args.slice(0, 5)).toEqual([
      '-NoProfile',
      '-NonInteractive',
      '-ExecutionPolicy',
      'Bypass',
      '-EncodedCommand',
    ]);
    expect(command.args).toHaveLength(6);
    expect(decodedScript(command)).toBe(rawPrintScript);
    expect(command.args.join(' ')).not.toContain('POS58');
    expect(command.env).toMatchObject({
      YICHUANG_PRINTER_QUEUE: queue,
      YICHUANG_PRINTER_DOCUMENT: '一窗 排队票',
      YICHUANG_PRINTER_CHECK: '0',
    });
    expect(rawPrintCommand('POS58', { check: true, document: 'x' }).env.YICHUANG_PRINTER_CHECK).toBe('1');
  });

  it('the script sends a RAW document through winspool and exits with the documented codes', () => {
    for (const call of [
      'OpenPrinterW',
      'StartDocPrinterW',
      'StartPagePrinter',
      'WritePrinter',
      'EndPagePrinter',
      'EndDocPrinter',
      'ClosePrinter',
    ])
      expect(rawPrintScript).toContain(call);
    expect(rawPrintScript).toContain('info.Datatype = "RAW"');
    expect(rawPrintScript).toContain('[Convert]::FromBase64String([Console]::In.ReadToEnd().Trim())');
    expect(rawPrintScript).toMatch(/OpenPrinter\(queue, out printer, IntPtr\.Zero\)\) return Fail\(2,/);
    expect(rawPrintScript).toMatch(/StartDocPrinter\(printer, 1, info\) == 0\) return Fail\(3,/);
    expect(rawPrintScript).toMatch(/return 4;/);
    // DOC_INFO_1's fields in winspool's order, as wide strings.
    expect(rawPrintScript).toMatch(
      /CharSet = CharSet\.Unicode\)\]\s+public class DocInfo\s+\{\s+public string DocName;\s+public string OutputFile;\s+public string Datatype;/,
    );
  });
});

describe('Windows print-queue transport', () => {
  it('opens by checking the queue, then sends each job base64 on stdin; it never reads status', async () => {
    const { spawn, runs } = fakeSpawner(() => ({ code: 0 }));
    const transport = createSpoolerTransport({ queue: 'POS58', spawn });
    expect([transport.kind, transport.path, transport.statusReadable, transport.isOpen]).toEqual([
      'usb_printer',
      'POS58',
      false,
      false,
    ]);
    await transport.open();
    expect(runs.map((r) => r.command.env.YICHUANG_PRINTER_CHECK)).toEqual(['1']);
    await transport.write(sampleTicket);
    expect(runs).toHaveLength(2);
    expect(runs[1]!.command.env.YICHUANG_PRINTER_CHECK).toBe('0');
    expect(new Uint8Array(Buffer.from(runs[1]!.stdin, 'base64'))).toEqual(sampleTicket);
  });

  it('the ticket printer driver prints through it without asking DLE EOT, ready without a check', async () => {
    const { spawn, runs } = fakeSpawner(() => ({ code: 0 }));
    const transport = createSpoolerTransport({ queue: 'POS58', spawn });
    await transport.open();
    const { printer, statuses } = attachForTest(transport);
    await printer.print(sampleTicket);
    // One job, the ticket alone: no status request went to the queue (it would print as garbage).
    expect(runs.slice(1).map((r) => new Uint8Array(Buffer.from(r.stdin, 'base64')))).toEqual([sampleTicket]);
    expect(statuses).toEqual([{ state: 'ready', code: null }]);
    const steps = await printer.selfTest();
    expect(steps.map((s) => [s.name, s.ok, s.detail])).toEqual([
      ['printerStatus', true, { kind: 'note', note: 'statusUnreadable' }],
      ['testTicket', true, { kind: 'note', note: 'ticketSent' }],
    ]);
  });

  it('no such queue (exit 2): printer_queue_not_found naming the queue, with stderr kept as the cause', async () => {
    const { spawn } = fakeSpawner(() => ({ code: 2, stderr: 'OpenPrinter failed, Win32 error 1801\r\n' }));
    const transport = createSpoolerTransport({ queue: 'POS80', spawn });
    const error = (await transport.open().catch((e: unknown) => e)) as AppError;
    expect(error.code).toBe('printer_queue_not_found');
    expect(error.params).toEqual({ queue: 'POS80' });
    expect(error.message).toContain('POS80');
    expect(String((error as Error & { cause?: Error }).cause?.message)).toContain('Win32 error 1801');
    expect(transport.isOpen).toBe(false);
  });

  it('the spooler refusing the document or taking part of it (exit 3, 4, PowerShell failing): printer_spooler_failed', async () => {
    let code = 0;
    const { spawn } = fakeSpawner((run) => ({
      code: run.command.env.YICHUANG_PRINTER_CHECK === '1' ? 0 : code,
      stderr: 'WritePrinter took 10 of 300 bytes',
    }));
    const transport = createSpoolerTransport({ queue: 'POS58', spawn });
    await transport.open();
    const { printer, statuses } = attachForTest(transport);
    for (code of [3, 4, 1]) {
      expect(await rejectionCode(printer.print(sampleTicket))).toBe('printer_spooler_failed');
      expect(statuses.at(-1)).toEqual({ state: 'error', code: 'printer_spooler_failed' });
    }
    expect(transport.isOpen).toBe(true); // the queue is still there: the next job may go through
  });

  it('no PowerShell at all is device_open_failed; a job that hangs is killed as device_timeout', async () => {
    const missing = fakeSpawner(() => ({
      error: Object.assign(new Error('spawn powershell.exe ENOENT'), { code: 'ENOENT' }),
    }));
    expect(await rejectionCode(createSpoolerTransport({ queue: 'POS58', spawn: missing.spawn }).open())).toBe(
      'device_open_failed',
    );

    const stuck = fakeSpawner((run) => ({ hang: run.command.env.YICHUANG_PRINTER_CHECK === '0' }));
    const transport = createSpoolerTransport({ queue: 'POS58', spawn: stuck.spawn, timeoutMs: 50 });
    await transport.open();
    expect(await rejectionCode(transport.write(sampleTicket))).toBe('device_timeout');
    expect(stuck.runs.at(-1)!.killed).toBe(true);
  });

  it('closed, it refuses jobs and says so once', async () => {
    const { spawn } = fakeSpawner(() => ({ code: 0 }));
    const transport = createSpoolerTransport({ queue: 'POS58', spawn });
    const closes: number[] = [];
    transport.onClose(() => closes.push(1));
    await transport.open();
    await transport.close();
    await transport.close();
    expect(closes).toHaveLength(1);
    expect(await rejectionCode(transport.write(sampleTicket))).toBe('device_disconnected');
  });
});
