import { describe, expect, it } from 'vitest';
import { EscPosBuilder, parsePrinterStatus, statusRequest } from './escpos';
import { createSimulatedPrinter } from './simulator';
import { queueTicket } from './ticket';

async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

describe('createSimulatedPrinter', () => {
  it('answers DLE EOT requests asynchronously with a ready printer status', async () => {
    const printer = createSimulatedPrinter();
    const replies: number[] = [];
    printer.attach((bytes) => replies.push(...bytes));
    printer.receive(statusRequest(1));
    printer.receive(statusRequest(4));
    expect(replies).toEqual([]);
    await settle();
    expect(replies).toEqual([0x12, 0x12]);
    expect(parsePrinterStatus(1, replies[0]!)).toMatchObject({ valid: true, online: true });
  });

  it('reports paper out on every status kind that can say it', async () => {
    const printer = createSimulatedPrinter();
    const replies: number[] = [];
    printer.attach((bytes) => replies.push(...bytes));
    printer.setPaperOut(true);
    for (const n of [1, 2, 3, 4] as const) printer.receive(statusRequest(n));
    await settle();
    expect(replies).toEqual([0x1a, 0x32, 0x12, 0x7e]);
    expect(parsePrinterStatus(1, replies[0]!).online).toBe(false);
    expect(parsePrinterStatus(2, replies[1]!).paperOut).toBe(true);
    expect(parsePrinterStatus(4, replies[3]!)).toMatchObject({ paperOut: true, paperNearEnd: true });
    printer.setPaperOut(false);
    printer.receive(statusRequest(4));
    await settle();
    expect(replies.at(-1)).toBe(0x12);
  });

  it('finds a request split over two writes, once, and not inside QR data', async () => {
    const printer = createSimulatedPrinter();
    const replies: number[] = [];
    printer.attach((bytes) => replies.push(...bytes));
    printer.receive(new EscPosBuilder().qr('\x10\x04\x01').bytes());
    printer.receive(Uint8Array.of(0x10));
    printer.receive(Uint8Array.of(0x04, 0x02));
    printer.receive(Uint8Array.of(0x0a));
    await settle();
    expect(replies).toEqual([0x12]);
  });

  it('keeps what it prints and previews it; clear forgets it', () => {
    const printer = createSimulatedPrinter();
    const ticket = queueTicket({ hallName: '大厅', number: 'A001', matter: '户籍', issuedAt: new Date(0) });
    printer.receive(ticket.subarray(0, 10));
    printer.receive(ticket.subarray(10));
    expect(printer.printed()).toEqual(ticket);
    expect(printer.preview()).toContain('[center][2x2][B]A001');
    printer.clear();
    expect(printer.printed()).toHaveLength(0);
    expect(printer.preview()).toBe('');
  });

  it('sends nothing when detached', async () => {
    const printer = createSimulatedPrinter();
    const replies: number[] = [];
    printer.attach((bytes) => replies.push(...bytes));
    printer.detach();
    printer.receive(statusRequest(1));
    await settle();
    expect(replies).toEqual([]);
  });
});

describe('createSimulatedPrinter over many jobs', () => {
  it('parses each write once: a long session stays fast and answers every request', async () => {
    const printer = createSimulatedPrinter();
    let replies = 0;
    printer.attach(() => replies++);
    const ticket = queueTicket({ hallName: '大厅', number: 'A001', matter: '户籍', issuedAt: new Date(0), qr: 'q' });
    const started = performance.now();
    for (let i = 0; i < 500; i++) {
      printer.receive(statusRequest(1));
      printer.receive(ticket.subarray(0, 6)); // cut inside ESC a n
      printer.receive(ticket.subarray(6));
    }
    await settle();
    expect(replies).toBe(500);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
