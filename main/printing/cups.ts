import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { PrinterInfo } from '../../preload/contract/documents';
import type { PrintDriver, PrintRequest, PrintOutcome } from './driver';

const run = promisify(execFile);

export interface CupsOptions {
  /**
   * How long to wait for CUPS to finish a job before cancelling it as failed (default 60 s).
   * Read at each print, so it can be changed on a running driver.
   */
  completeTimeoutMs?: number;
  pollMs?: number;
  /** The `lp`/`lpstat`/`cancel` binaries (tests may point elsewhere). */
  bin?: { lp: string; lpstat: string; cancel: string };
}

const defaultBin = { lp: 'lp', lpstat: 'lpstat', cancel: 'cancel' };

/** `printer PDF is idle.  enabled since …` → status words. */
export function parsePrinterStates(lpstatP: string): Map<string, string> {
  const states = new Map<string, string>();
  for (const line of lpstatP.split('\n')) {
    const m = /^printer (\S+) (?:is )?(idle|now printing|disabled)/.exec(line);
    if (!m) continue;
    const word = m[2] === 'idle' ? '空闲' : m[2] === 'disabled' ? '已停用' : '正在打印';
    states.set(m[1]!, word);
  }
  return states;
}

/** `system default destination: PDF` → PDF. */
export function parseDefault(lpstatD: string): string | null {
  return /default destination: (\S+)/.exec(lpstatD)?.[1] ?? null;
}

/** `request id is PDF-12 (1 file(s))` → PDF-12. */
export function parseRequestId(lpOut: string): string | null {
  return /request id is (\S+)/.exec(lpOut)?.[1] ?? null;
}

/** The ids listed by `lpstat -W <which> -o <printer>` (first column). */
export function parseJobIds(lpstatO: string): Set<string> {
  const ids = new Set<string>();
  for (const line of lpstatO.split('\n')) {
    const id = /^(\S+-\d+)\s/.exec(line)?.[1];
    if (id) ids.add(id);
  }
  return ids;
}

/** What went wrong with `lp`, in words a clerk can act on. */
export function cupsErrorMessage(stderr: string, printer: string): string {
  if (/does not exist|Unknown destination|not exist/i.test(stderr)) {
    return `打印机「${printer}」不存在：请在"设置 → 打印"中重新选择打印机`;
  }
  if (/not accepting jobs/i.test(stderr)) return `打印机「${printer}」暂不接收任务：请检查打印机是否已启用`;
  if (/Unable to connect|Connection refused|scheduler is not running/i.test(stderr)) {
    return '打印服务（CUPS）没有运行：请联系管理员启动打印服务，或改用浏览器打印';
  }
  return `打印失败：${stderr.trim().split('\n')[0] ?? '未知原因'}`;
}

/**
 * Printing through CUPS (`lp`), on Linux and macOS. A job counts as printed when CUPS reports it
 * completed; one that does not complete in time (printer stopped, out of paper) is cancelled, so
 * it cannot come out later beside its reprint, and reported as failed.
 */
export function createCupsDriver(options: CupsOptions = {}): PrintDriver {
  const bin = options.bin ?? defaultBin;
  const pollMs = options.pollMs ?? 250;

  async function lpstat(args: string[]): Promise<string> {
    try {
      return (await run(bin.lpstat, args, { timeout: 10_000 })).stdout;
    } catch (error) {
      // lpstat exits 1 with "No destinations added." when there are none.
      const e = error as { stdout?: string; code?: unknown };
      if (typeof e.stdout === 'string' && e.code !== 'ENOENT') return e.stdout;
      throw error;
    }
  }

  async function available(): Promise<boolean> {
    try {
      await run(bin.lpstat, ['-r'], { timeout: 5_000 });
      return true;
    } catch {
      return false;
    }
  }

  return {
    backend: 'cups',

    async list(): Promise<PrinterInfo[]> {
      if (!(await available())) return [];
      const [names, states, def] = await Promise.all([lpstat(['-e']), lpstat(['-p']), lpstat(['-d'])]);
      const stateOf = parsePrinterStates(states);
      const defaultName = parseDefault(def);
      return names
        .split('\n')
        .map((n) => n.trim())
        .filter(Boolean)
        .map((name) => ({
          backend: 'cups' as const,
          name,
          label: name,
          isDefault: name === defaultName,
          status: stateOf.get(name) ?? '',
        }));
    },

    async print(request: PrintRequest): Promise<PrintOutcome> {
      const dir = await mkdtemp(join(tmpdir(), 'yichuang-print-'));
      const file = join(dir, 'document.pdf');
      try {
        await writeFile(file, request.pdf);
        let out: string;
        try {
          out = (
            await run(bin.lp, ['-d', request.printer, '-n', '1', '-t', request.title, '-o', 'media=A4', file], {
              timeout: 30_000,
            })
          ).stdout;
        } catch (error) {
          const e = error as { stderr?: string; code?: unknown; message?: string };
          if (e.code === 'ENOENT') {
            return { ok: false, error: '本机没有 CUPS 打印命令（lp）：请安装 cups-client，或改用浏览器打印' };
          }
          return { ok: false, error: cupsErrorMessage(e.stderr ?? e.message ?? '', request.printer) };
        }
        const spoolId = parseRequestId(out);
        if (!spoolId) return { ok: false, error: `打印服务没有返回任务号：${out.trim()}` };
        const timeoutMs = options.completeTimeoutMs ?? 60_000;
        const deadline = Date.now() + timeoutMs;
        for (;;) {
          const pending = parseJobIds(await lpstat(['-W', 'not-completed', '-o', request.printer]));
          if (!pending.has(spoolId)) break;
          if (Date.now() > deadline) {
            await run(bin.cancel, [spoolId]).catch(() => undefined);
            return {
              ok: false,
              spoolId,
              error: `打印机「${request.printer}」在 ${Math.round(timeoutMs / 1000)} 秒内没有完成打印，任务已取消：请检查纸张和打印机状态后重新打印`,
            };
          }
          await new Promise((r) => setTimeout(r, pollMs));
        }
        return { ok: true, spoolId };
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  };
}
