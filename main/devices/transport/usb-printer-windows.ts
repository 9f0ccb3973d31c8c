import { spawn } from 'node:child_process';
import { AppError } from '../../../preload/contract/errors';
import { createTransportListeners } from './listeners';
import { deviceError, type Transport } from './transport';

/**
 * Sends one job to a Windows print queue as a RAW document through winspool (OpenPrinter,
 * StartDocPrinter with datatype RAW, WritePrinter): the ESC/POS bytes reach the printer as they are,
 * whatever its driver would render. The queue's name comes in an environment variable and the job
 * base64 on stdin, so nothing typed ever becomes part of the command. Exit codes: 0 printed (or, in
 * check mode, the queue opens); 2 no such queue or no access; 3 the spooler refused the document;
 * 4 the printer took fewer bytes than sent; anything else PowerShell's own failure.
 */
export const rawPrintScript = String.raw`$ErrorActionPreference = 'Stop'
Add-Type -TypeDefinition @'
using System;
using System.Runtime.InteropServices;

public static class YichuangRawPrint
{
    [StructLayout(LayoutKind.Sequential, CharSet = CharSet.Unicode)]
    public class DocInfo
    {
        public string DocName;
        public string OutputFile;
        public string Datatype;
    }

    [DllImport("winspool.drv", EntryPoint = "OpenPrinterW", SetLastError = true, CharSet = CharSet.Unicode)]
    static extern bool OpenPrinter(string name, out IntPtr printer, IntPtr defaults);
    [DllImport("winspool.drv", SetLastError = true)]
    static extern bool ClosePrinter(IntPtr printer);
    [DllImport("winspool.drv", EntryPoint = "StartDocPrinterW", SetLastError = true, CharSet = CharSet.Unicode)]
    static extern int StartDocPrinter(IntPtr printer, int level, [In] DocInfo info);
    [DllImport("winspool.drv", SetLastError = true)]
    static extern bool EndDocPrinter(IntPtr printer);
    [DllImport("winspool.drv", SetLastError = true)]
    static extern bool StartPagePrinter(IntPtr printer);
    [DllImport("winspool.drv", SetLastError = true)]
    static extern bool EndPagePrinter(IntPtr printer);
    [DllImport("winspool.drv", SetLastError = true)]
    static extern bool WritePrinter(IntPtr printer, byte[] bytes, int count, out int written);

    static int Fail(int code, string what)
    {
        Console.Error.WriteLine(what + " failed, Win32 error " + Marshal.GetLastWin32Error());
        return code;
    }

    public static int Send(string queue, string document, byte[] bytes, bool checkOnly)
    {
        IntPtr printer;
        if (!OpenPrinter(queue, out printer, IntPtr.Zero)) return Fail(2, "OpenPrinter");
        try
        {
            if (checkOnly) return 0;
            DocInfo info = new DocInfo();
            info.DocName = document;
            info.Datatype = "RAW";
            if (StartDocPrinter(printer, 1, info) == 0) return Fail(3, "StartDocPrinter");
            try
            {
                if (!StartPagePrinter(printer)) return Fail(3, "StartPagePrinter");
                int written;
                bool ok = WritePrinter(printer, bytes, bytes.Length, out written);
                int error = Marshal.GetLastWin32Error();
                EndPagePrinter(printer);
                if (ok && written == bytes.Length) return 0;
                Console.Error.WriteLine("WritePrinter took " + written + " of " + bytes.Length + " bytes, Win32 error " + error);
                return 4;
            }
            finally { EndDocPrinter(printer); }
        }
        finally { ClosePrinter(printer); }
    }
}
'@
$bytes = [Convert]::FromBase64String([Console]::In.ReadToEnd().Trim())
exit [YichuangRawPrint]::Send($env:YICHUANG_PRINTER_QUEUE, $env:YICHUANG_PRINTER_DOCUMENT, $bytes, $env:YICHUANG_PRINTER_CHECK -eq '1')
`;

/** What the transport uses of a child process (tests hand in a fake one). */
export interface SpoolerProcess {
  readonly stdin: NodeJS.WritableStream;
  readonly stderr: NodeJS.ReadableStream;
  once(event: 'error', listener: (error: Error) => void): unknown;
  once(event: 'close', listener: (code: number | null) => void): unknown;
  kill(): boolean;
}

export interface SpoolerCommand {
  command: string;
  args: string[];
  env: NodeJS.ProcessEnv;
}

export type SpawnSpooler = (command: SpoolerCommand) => SpoolerProcess;

/** `powershell.exe` (Windows PowerShell 5.1, on every Windows since 10) with the script as -EncodedCommand. */
export function rawPrintCommand(queue: string, options: { check: boolean; document: string }): SpoolerCommand {
  return {
    command: 'powershell.exe',
    args: [
      '-NoProfile',
      '-NonInteractive',
      '-ExecutionPolicy',
      'Bypass',
      '-EncodedCommand',
      Buffer.from(rawPrintScript, 'utf16le').toString('base64'),
    ],
    env: {
      ...process.env,
      YICHUANG_PRINTER_QUEUE: queue,
      YICHUANG_PRINTER_DOCUMENT: options.document,
      YICHUANG_PRINTER_CHECK: options.check ? '1' : '0',
    },
  };
}

const spawnPowerShell: SpawnSpooler = ({ command, args, env }) => {
  const child = spawn(command, args, { env, windowsHide: true, stdio: ['pipe', 'ignore', 'pipe'] });
  return { stdin: child.stdin, stderr: child.stderr, once: child.once.bind(child), kill: () => child.kill() };
};

export interface SpoolerTransportOptions {
  /** The queue's name as Windows lists it (Get-Printer), e.g. `POS58`. */
  queue: string;
  /** The document name the queue shows. */
  document?: string;
  /** How long one job (PowerShell's start and compile included) may take. */
  timeoutMs?: number;
  spawn?: SpawnSpooler;
}

/** The exit code's meaning for the clerk; stderr is kept as the cause for the log. */
function exitError(code: number | null, stderr: string, queue: string): AppError {
  const error =
    code === 2 ? new AppError('printer_queue_not_found', { queue }) : new AppError('printer_spooler_failed', { queue });
  (error as Error & { cause?: unknown }).cause = new Error(
    `powershell exited with ${code}: ${stderr.trim().slice(0, 2000)}`,
  );
  return error;
}

/**
 * A USB ticket printer on Windows: a print queue (the printer's driver, or Generic / Text Only on
 * its USB00x port) that takes RAW jobs. The spooler passes nothing back, so `statusReadable` is false:
 * the printer driver does not ask for paper and cover, and a job failing is the only news.
 */
export function createSpoolerTransport(options: SpoolerTransportOptions): Transport {
  const { queue } = options;
  const document = options.document ?? 'Yichuang ticket';
  const timeoutMs = options.timeoutMs ?? 30_000;
  const run = options.spawn ?? spawnPowerShell;
  const listeners = createTransportListeners();
  let open = false;

  function job(bytes: Uint8Array, check: boolean): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const child = run(rawPrintCommand(queue, { check, document }));
      let stderr = '';
      let settled = false;
      const settle = (error: Error | null) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (error) reject(error);
        else resolve();
      };
      const timer = setTimeout(() => {
        child.kill();
        settle(deviceError('device_timeout', new Error(`the print job to ${queue} took over ${timeoutMs} ms`)));
      }, timeoutMs);
      child.stderr.on('data', (chunk: Buffer | string) => (stderr += chunk.toString()));
      child.once('error', (error) => settle(deviceError('device_open_failed', error)));
      child.once('close', (code) => settle(code === 0 ? null : exitError(code, stderr, queue)));
      // A child that died at once closes its stdin: that shows as its exit, not as this error.
      child.stdin.on('error', () => undefined);
      child.stdin.end(Buffer.from(bytes).toString('base64'));
    });
  }

  return {
    kind: 'usb_printer',
    path: queue,
    statusReadable: false,
    get isOpen() {
      return open;
    },
    async open() {
      if (open) return;
      await job(new Uint8Array(0), true);
      open = true;
    },
    async write(bytes) {
      if (!open) throw deviceError('device_disconnected');
      await job(bytes, false);
    },
    close() {
      if (open) {
        open = false;
        listeners.emitClose();
      }
      return Promise.resolve();
    },
    onData: listeners.onData,
    onError: listeners.onError,
    onClose: listeners.onClose,
  };
}
