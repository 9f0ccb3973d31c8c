import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, lstatSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { startTcpPrinterSimulator, type TcpPrinterSimulator } from './tcp-simulator';

export interface UsbPrinterStandIn {
  /** Where the stand-in for `/dev/usb/lpN` is: a raw pseudo-terminal, read and written like the real node. */
  readonly path: string;
  /** The simulated printer at its far end: paper, cover, what it printed. */
  readonly simulator: TcpPrinterSimulator;
  /** The cable pulled: the node goes away, a write fails (EIO), a read finds nothing more. */
  unplug(): Promise<void>;
  /** Plugged back: the node is there again (a new one, as after a real replug). */
  plug(): Promise<void>;
  close(): Promise<void>;
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

async function waitFor(check: () => boolean, what: string, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function linked(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

/**
 * A USB printer-class device without the hardware: socat makes a raw pseudo-terminal at `dir/name` and
 * joins it to the simulated network printer on 127.0.0.1, so the bytes written to the node reach the
 * same simulated printer (ESC/POS, DLE EOT answers) and its answers come back to be read from the node.
 * Needs socat (Debian package socat).
 */
export async function startUsbPrinterStandIn(options: {
  dir: string;
  name?: string;
  simulator?: TcpPrinterSimulator;
}): Promise<UsbPrinterStandIn> {
  const path = join(options.dir, options.name ?? 'lp0');
  const simulator = options.simulator ?? (await startTcpPrinterSimulator());
  let socat: ChildProcess | null = null;

  async function plug(): Promise<void> {
    if (socat) return;
    // A node left behind by a killed socat would point at nothing.
    if (linked(path)) rmSync(path);
    // Counted by accepted connections: the one a killed socat had may still be closing now.
    const before = simulator.accepted();
    const child = spawn('socat', [`pty,rawer,link=${path}`, `TCP:127.0.0.1:${simulator.port}`], { stdio: 'ignore' });
    socat = child;
    const failed = new Promise<never>((_resolve, reject) => {
      child.once('error', (error) =>
        reject(new Error(`socat could not start (Debian package socat): ${error.message}`)),
      );
      child.once('exit', (code) => reject(new Error(`socat exited with ${code} before the node was ready`)));
    });
    failed.catch(() => undefined);
    await Promise.race([
      waitFor(() => existsSync(path) && simulator.accepted() > before, `${path} and its connection`),
      failed,
    ]).catch((error: unknown) => {
      socat = null;
      child.kill('SIGKILL');
      throw error;
    });
  }

  async function unplug(): Promise<void> {
    const child = socat;
    if (!child) return;
    socat = null;
    child.kill('SIGKILL');
    await exited(child);
    if (linked(path)) rmSync(path);
  }

  await plug();
  return {
    path,
    simulator,
    unplug,
    plug,
    async close() {
      await unplug();
      if (!options.simulator) await simulator.close();
    },
  };
}
