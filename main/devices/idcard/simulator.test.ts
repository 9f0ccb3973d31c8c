import { describe, expect, it } from 'vitest';
import { simulatedReaderHoldsSchema, type SimulatedReaderHolds } from '../../../preload/contract/devices';
import { encodeCommand, encodeFrame, FrameReader, type FrameEvent } from './frame';
import { commandFrame, parseReadReply, parseResponseBody, parseSamId, type CommandName } from './protocol';
import { isSampleCardHolds, sampleCards } from './sample-cards';
import { createSimulatedReader, simulatedPhotoMarker, type SimulatedReaderOptions } from './simulator';
import { parseAppendedAddress, parseTextBlock } from './text-block';

const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).toUpperCase().padStart(2, '0')).join(' ');
const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A host on the other end of the simulated transport: writes raw bytes, collects raw replies. */
function harness(options: SimulatedReaderOptions = {}) {
  const reader = createSimulatedReader(options);
  const received: Uint8Array[] = [];
  reader.attach((bytes) => received.push(bytes));
  const frames = new FrameReader();
  return {
    reader,
    received,
    /** Sends raw bytes and returns the reply events that arrive within one turn of the event loop. */
    async raw(bytes: Uint8Array): Promise<FrameEvent[]> {
      const before = received.length;
      reader.receive(bytes);
      expect(received.length).toBe(before); // never answered from inside receive
      await tick();
      await tick();
      return received.slice(before).flatMap((chunk) => frames.push(chunk));
    },
    async send(name: CommandName) {
      const events = await this.raw(commandFrame(name));
      expect(events).toHaveLength(1);
      const event = events[0]!;
      if (event.type !== 'frame') return { event, reply: null };
      return { event, reply: parseResponseBody(event.body)! };
    },
  };
}

describe('simulated reader', () => {
  it('answers find-card with the exact bytes of devices.md', async () => {
    const host = harness({ holds: 'resident_zhang' });
    const { event } = await host.send('findCard');
    expect(hex(event.raw)).toBe('AA AA AA 96 69 00 08 00 00 9F 00 00 00 00 97');
  });

  it('answers SAM status, SAM id and reset', async () => {
    const host = harness();
    expect((await host.send('samStatus')).reply?.sw3).toBe(0x90);
    expect((await host.send('resetSam')).reply?.sw3).toBe(0x90);
    const { reply } = await host.send('samId');
    expect(reply?.data).toHaveLength(16);
    expect(parseSamId(reply!.data)).toBe(host.reader.samId);
  });

  for (const holds of simulatedReaderHoldsSchema.options) {
    it(`drives a full read cycle with raw frames: ${holds}`, async () => {
      const host = harness({ holds, appendedAddress: '山东省淄博市张店区柳泉路66号' });
      expect(host.reader.holds()).toBe(holds);
      const status = await host.send('samStatus');
      const find = await host.send('findCard');
      const select = await host.send('selectCard');
      const read = await host.send('readText');

      if (holds === 'sam_failure') {
        for (const step of [status, find, select, read]) expect(step.reply?.sw3).toBe(0x60);
        return;
      }
      expect(status.reply?.sw3).toBe(0x90);
      if (holds === 'none') {
        expect(find.reply?.sw3).toBe(0x80);
        expect(select.reply?.sw3).toBe(0x81);
        expect(read.reply?.sw3).toBe(0x41);
        return;
      }
      expect(find.reply?.sw3).toBe(0x9f);
      expect(select.reply?.sw3).toBe(0x90);
      expect(hex(select.event.raw)).toBe('AA AA AA 96 69 00 0C 00 00 90 00 00 00 00 00 00 00 00 9C');
      expect(read.event.raw).toHaveLength(1295);
      expect(hex(read.event.raw.subarray(0, 14))).toBe('AA AA AA 96 69 05 08 00 00 90 01 00 04 00');

      if (holds === 'corrupted_frame') {
        expect(read.event).toMatchObject({ type: 'error', code: 'frame_checksum' });
        return;
      }
      const parts = parseReadReply(read.reply!.data, false);
      expect(parts.photo).toHaveLength(1024);
      expect(String.fromCharCode(...parts.photo.subarray(0, simulatedPhotoMarker.length))).toBe(simulatedPhotoMarker);
      expect(isSampleCardHolds(holds) && parseTextBlock(parts.text)).toEqual(
        isSampleCardHolds(holds) && sampleCards[holds],
      );

      const extra = await host.send('readAppendedAddress');
      if (holds.startsWith('resident_')) {
        expect(extra.reply?.sw3).toBe(0x90);
        expect(parseAppendedAddress(extra.reply!.data)).toBe('山东省淄博市张店区柳泉路66号');
      } else {
        expect(extra.reply?.sw3).toBe(0x91);
      }
    });
  }

  it('finds a card once: after a read it must be lifted and placed again', async () => {
    const host = harness({ holds: 'resident_li' });
    expect((await host.send('findCard')).reply?.sw3).toBe(0x9f);
    // Finding again before a read is fine (the card was not read yet).
    expect((await host.send('findCard')).reply?.sw3).toBe(0x9f);
    await host.send('selectCard');
    expect((await host.send('readText')).reply?.sw3).toBe(0x90);
    expect((await host.send('findCard')).reply?.sw3).toBe(0x80);
    expect((await host.send('findCard')).reply?.sw3).toBe(0x80);
    expect((await host.send('selectCard')).reply?.sw3).toBe(0x81);
    host.reader.place('resident_li');
    expect((await host.send('findCard')).reply?.sw3).toBe(0x9f);
    host.reader.place('none');
    expect(host.reader.holds()).toBe('none');
    expect((await host.send('findCard')).reply?.sw3).toBe(0x80);
  });

  it('sends 0, 512 or 1024 fingerprint bytes in frames of 1297, 1809 and 2321 bytes', async () => {
    for (const [fingerprint, size] of [
      [0, 1297],
      [512, 1809],
      [1024, 2321],
    ] as const) {
      const host = harness({ holds: 'resident_zhang', fingerprint });
      await host.send('findCard');
      await host.send('selectCard');
      const { event, reply } = await host.send('readTextWithFingerprint');
      expect(event.raw).toHaveLength(size);
      expect(parseReadReply(reply!.data, true).fingerprint).toHaveLength(fingerprint);
    }
  });

  it('answers a bad checksum with 0x10, a bad length with 0x11, an unknown command with 0x21, garbage not at all', async () => {
    const host = harness({ holds: 'resident_zhang' });
    const badChecksum = commandFrame('findCard');
    badChecksum[9] = badChecksum[9]! ^ 1;
    const replies = await host.raw(badChecksum);
    expect(replies.map((e) => e.type === 'frame' && e.body[2])).toEqual([0x10]);
    expect(
      (await host.raw(Uint8Array.of(0xaa, 0xaa, 0xaa, 0x96, 0x69, 0, 1))).map((e) => e.type === 'frame' && e.body[2]),
    ).toEqual([0x11]);
    expect((await host.raw(encodeCommand(0x60, 0x00))).map((e) => e.type === 'frame' && e.body[2])).toEqual([0x21]);
    expect(
      (await host.raw(encodeFrame(Uint8Array.of(0x20, 0x01, 0x00)))).map((e) => e.type === 'frame' && e.body[2]),
    ).toEqual([0x21]);
    expect(await host.raw(Uint8Array.of(1, 2, 3, 4, 5))).toEqual([]);
  });

  it('reassembles commands that arrive a byte at a time, and answers each command in order', async () => {
    const host = harness({ holds: 'resident_zhang' });
    const frame = commandFrame('findCard');
    const replies: FrameEvent[] = [];
    for (let i = 0; i < frame.length; i++) replies.push(...(await host.raw(frame.subarray(i, i + 1))));
    expect(replies).toHaveLength(1);
    const both = await host.raw(Uint8Array.of(...commandFrame('selectCard'), ...commandFrame('samStatus')));
    expect(both.map((e) => e.type === 'frame' && e.body[2])).toEqual([0x90, 0x90]);
    expect(both.map((e) => e.raw.length)).toEqual([19, 11]);
  });

  it('sends nothing after detach, not even replies already due', async () => {
    const host = harness({ holds: 'resident_zhang' });
    host.reader.receive(commandFrame('findCard'));
    host.reader.detach();
    host.reader.receive(commandFrame('findCard'));
    await tick();
    await tick();
    expect(host.received).toEqual([]);
    // Attached again, it answers again.
    host.reader.attach((bytes) => host.received.push(bytes));
    host.reader.receive(commandFrame('samStatus'));
    await tick();
    expect(host.received).toHaveLength(1);
  });

  it('starts empty by default', () => {
    const holds: SimulatedReaderHolds = createSimulatedReader().holds();
    expect(holds).toBe('none');
  });
});
