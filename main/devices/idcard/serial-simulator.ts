import { createInterface } from 'node:readline';
import { SerialPort } from 'serialport';
import { simulatedReaderHoldsSchema, type SimulatedReaderHolds } from '../../../preload/contract/devices';
import { createSimulatedReader } from './simulator';

/**
 * The simulated reader on a real serial port (one end of a socat pseudo-terminal pair, or a
 * null-modem cable to a PC under test): the workstation at the other end cannot tell it from a
 * USB virtual COM reader. Lines on `control` change what it holds: `place resident_li`,
 * `place none`. It prints `ready` once the port is open and `placed X` after each change.
 */
export async function runSerialReader(options: {
  path: string;
  holds: SimulatedReaderHolds;
  control?: NodeJS.ReadableStream;
  out?: (line: string) => void;
}): Promise<{ close(): Promise<void> }> {
  const out = options.out ?? ((line: string) => console.log(line));
  const reader = createSimulatedReader({ holds: options.holds });
  const port = new SerialPort({ path: options.path, baudRate: 115200, autoOpen: false });
  await new Promise<void>((resolve, reject) => port.open((error) => (error ? reject(error) : resolve())));
  port.on('data', (chunk: Buffer) => reader.receive(new Uint8Array(chunk)));
  reader.attach((bytes) => port.write(Buffer.from(bytes)));

  const lines = options.control ? createInterface({ input: options.control }) : null;
  lines?.on('line', (line) => {
    const [verb, value] = line.trim().split(/\s+/);
    const holds = simulatedReaderHoldsSchema.safeParse(value);
    if (verb === 'place' && holds.success) {
      reader.place(holds.data);
      out(`placed ${holds.data}`);
    } else if (line.trim()) {
      out(`unknown command: ${line.trim()} (use: place ${simulatedReaderHoldsSchema.options.join('|')})`);
    }
  });
  out('ready');
  return {
    close: () =>
      new Promise<void>((resolve) => {
        lines?.close();
        reader.detach();
        if (!port.isOpen) resolve();
        else port.close(() => resolve());
      }),
  };
}
