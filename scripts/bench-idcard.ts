// ID-card benchmarks for `npm run bench`: decoding a read reply, and one read cycle over the simulated transport.
import { createIdCardDriver } from '../main/devices/idcard/driver';
import { encodeResponse, FrameReader } from '../main/devices/idcard/frame';
import { encodeReadReply, parseReadReply, parseResponseBody } from '../main/devices/idcard/protocol';
import { sampleCards } from '../main/devices/idcard/sample-cards';
import { createSimulatedReader, simulatedBytes } from '../main/devices/idcard/simulator';
import { encodeTextBlock, parseTextBlock } from '../main/devices/idcard/text-block';
import { createSimulatedTransport } from '../main/devices/transport/simulated';

export type Percentile = (sorted: number[], p: number) => number;

/**
 * From a complete 1295-byte read reply in the input buffer to a parsed, validated identity:
 * frame reassembly and checksum, the reply's lengths, the UCS-2 text block, dates, check digit.
 */
export function idcardDecode(percentile: Percentile): Record<string, number> {
  const frame = encodeResponse(
    [0, 0, 0x90],
    encodeReadReply({
      text: encodeTextBlock(sampleCards.resident_zhang),
      photo: simulatedBytes('photo', 1024),
      fingerprint: null,
    }),
  );
  if (frame.length !== 1295) throw new Error(`read reply is ${frame.length} bytes, not 1295`);
  const now = new Date('2026-11-27T02:00:00Z');
  const decodeOnce = () => {
    const reader = new FrameReader();
    const [event] = reader.push(frame);
    if (event?.type !== 'frame') throw new Error('no frame');
    const reply = parseResponseBody(event.body)!;
    const identity = parseTextBlock(parseReadReply(reply.data, false).text, now);
    if (!identity.checkDigitValid) throw new Error('check digit');
    return identity;
  };
  for (let i = 0; i < 2000; i += 1) decodeOnce();
  const samples: number[] = [];
  for (let i = 0; i < 20_000; i += 1) {
    const start = process.hrtime.bigint();
    decodeOnce();
    samples.push(Number(process.hrtime.bigint() - start) / 1000);
  }
  samples.sort((a, b) => a - b);
  return {
    'idcard.decode.p50_us': Math.round(percentile(samples, 50) * 10) / 10,
    'idcard.decode.p99_us': Math.round(percentile(samples, 99) * 10) / 10,
  };
}

/**
 * One find → select → read cycle against the simulated reader over the simulated transport: the
 * overhead the workstation adds on top of a real reader's own time (which is about a second).
 */
export async function idcardCycle(percentile: Percentile): Promise<Record<string, number>> {
  const reader = createSimulatedReader({ holds: 'resident_zhang' });
  const transport = createSimulatedTransport(reader, { path: 'sim:bench' });
  await transport.open();
  const driver = createIdCardDriver(transport);
  const cycle = async () => {
    reader.place('resident_zhang');
    const card = await driver.readCycle();
    if (!card) throw new Error('no card read');
  };
  for (let i = 0; i < 200; i += 1) await cycle();
  const samples: number[] = [];
  for (let i = 0; i < 2000; i += 1) {
    const start = performance.now();
    await cycle();
    samples.push(performance.now() - start);
  }
  driver.dispose();
  await transport.close();
  samples.sort((a, b) => a - b);
  return { 'idcard.cycle_ms': Math.round(percentile(samples, 50) * 1000) / 1000 };
}
