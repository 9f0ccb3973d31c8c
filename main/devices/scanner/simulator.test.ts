import { describe, expect, it } from 'vitest';
import { encodeHidPosReports, HidPosAssembler } from './hid-pos';
import { createSimulatedScanner } from './simulator';

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));
async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await tick();
}

describe('createSimulatedScanner', () => {
  it('sends the exact reports of a code, one chunk per report, asynchronously', async () => {
    const scanner = createSimulatedScanner('honeywell');
    const sent: Uint8Array[] = [];
    scanner.attach((bytes) => sent.push(bytes));
    const code = `https://zwfw.example.gov.cn/q?id=${'7'.repeat(80)}`;
    scanner.scan(code, 'qr');
    expect(sent).toHaveLength(0);
    await settle();
    expect(sent).toEqual(encodeHidPosReports(code, 'qr', 'honeywell'));
    expect(sent.length).toBeGreaterThan(1);
    const assembler = new HidPosAssembler('honeywell');
    expect(sent.flatMap((r) => assembler.push(r))).toEqual([{ type: 'scan', code, symbology: 'qr', aimId: ']Q1' }]);
  });

  it('defaults to the Newland layout and QR', async () => {
    const scanner = createSimulatedScanner();
    const sent: Uint8Array[] = [];
    scanner.attach((bytes) => sent.push(bytes));
    scanner.scan('11010519491231002X');
    await settle();
    expect(sent).toEqual(encodeHidPosReports('11010519491231002X', 'qr', 'newland'));
  });

  it('keeps the order of scans made back to back', async () => {
    const scanner = createSimulatedScanner('newland');
    const assembler = new HidPosAssembler('newland');
    const codes: string[] = [];
    scanner.attach((bytes) => {
      for (const result of assembler.push(bytes)) if (result.type === 'scan') codes.push(result.code);
    });
    scanner.scan('A'.repeat(120));
    scanner.scan('SECOND');
    await settle();
    expect(codes).toEqual(['A'.repeat(120), 'SECOND']);
  });

  it('sends nothing while detached, and stops a scan when detached mid-way', async () => {
    const scanner = createSimulatedScanner('newland');
    const sent: Uint8Array[] = [];
    scanner.scan('NOBODY');
    scanner.attach((bytes) => sent.push(bytes));
    await settle();
    expect(sent).toHaveLength(0);
    scanner.scan('B'.repeat(200));
    await tick();
    scanner.detach();
    await settle();
    expect(sent.length).toBeLessThan(encodeHidPosReports('B'.repeat(200), 'qr', 'newland').length);
    scanner.receive(Uint8Array.of(1, 2, 3)); // host commands are ignored
  });
});
