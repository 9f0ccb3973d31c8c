import { createServer, type Socket } from 'node:net';
import { createSimulatedPrinter, type SimulatedPrinter } from './simulator';

export interface TcpPrinterSimulatorOptions {
  /** 0 (the default): any free port. */
  port?: number;
  paperOut?: boolean;
  coverOpen?: boolean;
}

export interface TcpPrinterSimulator {
  readonly host: '127.0.0.1';
  readonly port: number;
  /** `127.0.0.1:PORT`, as a clerk types it into 添加网络票据打印机. */
  readonly address: string;
  /** What it printed, paper and cover: the simulated printer behind the port. */
  readonly printer: SimulatedPrinter;
  /** Connections open now. */
  connections(): number;
  /** Connections taken since it started (only grows: a closing one does not hide a new one). */
  accepted(): number;
  /** Stop taking bytes, as a printer with a full buffer: the host's writes back up. */
  stall(value: boolean): void;
  /** Cut every connection at once, as a printer switched off mid-job; it goes on listening. */
  dropConnections(): void;
  close(): Promise<void>;
}

/**
 * A network receipt printer's raw port (what 9100 is on a real one), on 127.0.0.1 only. The bytes are
 * the simulated printer's: it keeps what it is sent and answers DLE EOT status requests on the
 * connection that asked, so a host reads paper-out and cover-open exactly as from a real printer.
 */
export async function startTcpPrinterSimulator(options: TcpPrinterSimulatorOptions = {}): Promise<TcpPrinterSimulator> {
  const printer = createSimulatedPrinter();
  printer.setPaperOut(options.paperOut ?? false);
  printer.setCoverOpen(options.coverOpen ?? false);
  const sockets = new Set<Socket>();
  let stalled = false;
  // Replies go to the connection that last sent something: the one whose request is being answered.
  let speaker: Socket | null = null;
  printer.attach((bytes) => {
    if (speaker && !speaker.destroyed) speaker.write(bytes);
  });

  let accepted = 0;
  const server = createServer((socket) => {
    accepted += 1;
    sockets.add(socket);
    socket.setNoDelay(true);
    if (stalled) socket.pause();
    socket.on('data', (chunk: Buffer) => {
      speaker = socket;
      printer.receive(new Uint8Array(chunk));
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      sockets.delete(socket);
      if (speaker === socket) speaker = null;
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as { port: number }).port;

  function dropConnections(): void {
    for (const socket of sockets) socket.resetAndDestroy();
    sockets.clear();
    speaker = null;
  }

  return {
    host: '127.0.0.1',
    port,
    address: `127.0.0.1:${port}`,
    printer,
    connections: () => sockets.size,
    accepted: () => accepted,
    stall(value) {
      stalled = value;
      for (const socket of sockets) {
        if (value) socket.pause();
        else socket.resume();
      }
    },
    dropConnections,
    close() {
      dropConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
