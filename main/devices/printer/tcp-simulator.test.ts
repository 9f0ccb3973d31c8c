import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { until } from '../../testing/wait';
import { statusRequest } from './escpos';
import { startTcpPrinterSimulator, type TcpPrinterSimulator } from './tcp-simulator';
import { sampleTicket } from './testing/attach';

/** The simulated network printer as any raw-port client sees it: a plain socket, bytes in and out. */

let sim: TcpPrinterSimulator | null = null;
const sockets: Socket[] = [];
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  await sim?.close();
  sim = null;
});

async function client(port: number): Promise<{ socket: Socket; replies: number[] }> {
  const socket = connect(port, '127.0.0.1');
  sockets.push(socket);
  const replies: number[] = [];
  socket.on('data', (chunk: Buffer) => replies.push(...chunk));
  socket.on('error', () => undefined);
  await new Promise((resolve) => socket.once('connect', resolve));
  return { socket, replies };
}

describe('simulated network ticket printer', () => {
  it('listens on 127.0.0.1 only, answers DLE EOT as the printer stands, and keeps what it prints', async () => {
    sim = await startTcpPrinterSimulator({ paperOut: true });
    expect(sim.address).toBe(`127.0.0.1:${sim.port}`);
    expect(sim.port).toBeGreaterThan(0);
    const { socket, replies } = await client(sim.port);
    socket.write(statusRequest(4));
    await until(() => replies.length === 1, 3000, 'the paper sensor');
    expect(replies).toEqual([0x7e]);
    sim.printer.setPaperOut(false);
    sim.printer.setCoverOpen(true);
    socket.write(statusRequest(2));
    await until(() => replies.length === 2, 3000, 'the offline cause');
    expect(replies[1]).toBe(0x16);
    socket.write(sampleTicket);
    await until(() => sim!.printer.preview().includes('A017'), 3000, 'the ticket');
  });

  it('answers each connection on its own; a dropped connection leaves the port listening', async () => {
    sim = await startTcpPrinterSimulator();
    const first = await client(sim.port);
    const second = await client(sim.port);
    await until(() => sim!.connections() === 2, 3000, 'both connections');
    second.socket.write(statusRequest(1));
    await until(() => second.replies.length === 1, 3000, 'the answer');
    first.socket.write(statusRequest(1));
    await until(() => first.replies.length === 1, 3000, 'the other answer');
    expect(second.replies).toEqual([0x12]);

    const closed = new Promise((resolve) => first.socket.once('close', resolve));
    sim.dropConnections();
    await closed;
    const third = await client(sim.port);
    third.socket.write(statusRequest(1));
    await until(() => third.replies.length === 1, 3000, 'an answer after the drop');
  });

  it('stalled, it takes nothing until let go', async () => {
    sim = await startTcpPrinterSimulator();
    const { socket } = await client(sim.port);
    await until(() => sim!.connections() === 1, 3000, 'the connection');
    sim.stall(true);
    socket.write(sampleTicket);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(sim.printer.printed()).toHaveLength(0);
    sim.stall(false);
    await until(() => sim!.printer.printed().length === sampleTicket.length, 3000, 'the ticket after the stall');
  });
});
