import { afterEach, describe, expect, it } from 'vitest';
import { createSimulatedTransport } from '../transport/simulated';
import type { SimulatedDevice } from '../transport/transport';
import { createIdCardDriver, type CardData, type IdCardDriver } from './driver';
import { encodeResponse } from './frame';
import { createIdCardPoller, type PollerStatus } from './poller';
import { commandFrame } from './protocol';
import { sampleCards } from './sample-cards';
import { createSimulatedReader, type SimulatedReader } from './simulator';
import { rejectionCode, until } from '../../testing/wait';

/** Cuts every reply into pieces of 1..max bytes, as a USB-serial bridge delivers them. */
function randomChunks(max: number, seed = 7): (bytes: Uint8Array) => Uint8Array[] {
  let state = seed;
  const next = () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state;
  };
  return (bytes) => {
    const parts: Uint8Array[] = [];
    for (let at = 0; at < bytes.length;) {
      const size = 1 + (next() % max);
      parts.push(bytes.subarray(at, at + size));
      at += size;
    }
    return parts;
  };
}

const opened: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((t) => t.close()));
});

async function connect(
  device: SimulatedDevice,
  options: { chunk?: (bytes: Uint8Array) => Uint8Array[]; commandTimeoutMs?: number; fingerprint?: boolean } = {},
): Promise<{ driver: IdCardDriver; transport: ReturnType<typeof createSimulatedTransport> }> {
  const transport = createSimulatedTransport(device, {
    path: 'sim:test',
    ...(options.chunk ? { chunk: options.chunk } : {}),
  });
  await transport.open();
  opened.push(transport);
  const driver = createIdCardDriver(transport, {
    commandTimeoutMs: options.commandTimeoutMs ?? 500,
    readTimeoutMs: options.commandTimeoutMs ?? 500,
    appendedAddress: true,
    fingerprint: options.fingerprint ?? false,
    now: () => new Date('2026-11-27T02:00:00Z'),
  });
  return { driver, transport };
}

describe('ID-card driver against the simulated reader', () => {
  const cards = Object.keys(sampleCards) as (keyof typeof sampleCards)[];

  it.each(cards)('reads %s whole, through replies cut into random chunks', async (holds) => {
    const reader = createSimulatedReader({ holds });
    const { driver } = await connect(reader, { chunk: randomChunks(17) });
    const card = await driver.readCycle();
    expect(card).not.toBeNull();
    expect(card!.identity).toEqual(sampleCards[holds]);
    expect(card!.photo).toHaveLength(1024);
    expect(card!.fingerprint).toBeNull();
  });

  it('tells the three card kinds apart with their own fields', async () => {
    const kinds: Record<string, string> = {};
    for (const holds of ['resident_li', 'foreign_permanent', 'hk_macao_taiwan'] as const) {
      const { driver } = await connect(createSimulatedReader({ holds }));
      const card = (await driver.readCycle())!;
      kinds[holds] = card.identity.cardType;
      if (card.identity.cardType === 'foreign_permanent') expect(card.identity.englishName).not.toBe('');
      if (card.identity.cardType === 'hk_macao_taiwan') expect(card.identity.passNumber).not.toBe('');
    }
    expect(kinds).toEqual({
      resident_li: 'resident',
      foreign_permanent: 'foreign_permanent',
      hk_macao_taiwan: 'hk_macao_taiwan',
    });
  });

  it('reads the fingerprint block when asked', async () => {
    const reader = createSimulatedReader({ holds: 'resident_zhang', fingerprint: 1024 });
    const { driver } = await connect(reader, { fingerprint: true });
    const card = (await driver.readCycle())!;
    expect(card.fingerprint).toHaveLength(1024);
  });

  it('adds the appended address when the card has one', async () => {
    const reader = createSimulatedReader({ holds: 'resident_zhang', appendedAddress: '山东省淄博市张店区华光路 1 号' });
    const { driver } = await connect(reader);
    const card = (await driver.readCycle())!;
    expect(card.identity.cardType === 'resident' && card.identity.appendedAddress).toBe(
      '山东省淄博市张店区华光路 1 号',
    );
  });

  it('finds no card on an empty reader, and no card again after a read until the card is placed again', async () => {
    const reader = createSimulatedReader({ holds: 'none' });
    const { driver } = await connect(reader);
    expect(await driver.readCycle()).toBeNull();
    reader.place('resident_zhang');
    expect(await driver.readCycle()).not.toBeNull();
    expect(await driver.readCycle()).toBeNull();
    reader.place('resident_zhang');
    expect(await driver.readCycle()).not.toBeNull();
  });

  it('reports a SAM failure as idcard_sam_failed, at status and at find', async () => {
    const { driver } = await connect(createSimulatedReader({ holds: 'sam_failure' }));
    const status = await driver.samStatus();
    expect(status.ok).toBe(false);
    expect(status.errorCode).toBe('idcard_sam_failed');
    expect(await rejectionCode(driver.readCycle())).toBe('idcard_sam_failed');
  });

  it('reports a corrupted read reply as idcard_frame_corrupt and keeps working afterwards', async () => {
    const reader = createSimulatedReader({ holds: 'corrupted_frame' });
    const { driver } = await connect(reader, { chunk: randomChunks(64) });
    expect(await rejectionCode(driver.readCycle())).toBe('idcard_frame_corrupt');
    reader.place('resident_li');
    expect((await driver.readCycle())!.identity).toEqual(sampleCards.resident_li);
  });

  it('gives the SAM id', async () => {
    const reader = createSimulatedReader({ holds: 'none' });
    const { driver } = await connect(reader);
    expect(await driver.samId()).toBe(reader.samId);
  });

  it('times out on a silent reader with device_timeout, and the next command still works', async () => {
    let silent = true;
    const real = createSimulatedReader({ holds: 'resident_zhang' });
    const flaky: SimulatedDevice = {
      receive: (bytes) => {
        if (!silent) real.receive(bytes);
      },
      attach: (send) => real.attach(send),
      detach: () => real.detach(),
    };
    const { driver } = await connect(flaky, { commandTimeoutMs: 100 });
    expect(await rejectionCode(driver.findCard())).toBe('device_timeout');
    silent = false;
    expect(await driver.findCard()).toBe(true);
  });

  it('skips line noise before a reply', async () => {
    const noisy: SimulatedDevice = {
      receive: () => {
        setImmediate(() => send?.(Uint8Array.of(0x00, 0xaa, 0x13, 0xaa, 0xaa, ...encodeResponse([0, 0, 0x80]))));
      },
      attach: (next) => (send = next),
      detach: () => (send = null),
    };
    let send: ((bytes: Uint8Array) => void) | null = null;
    const { driver } = await connect(noisy);
    expect(await driver.findCard()).toBe(false);
  });

  it('fails a pending command at once when the device is unplugged', async () => {
    const silent: SimulatedDevice = { receive: () => undefined, attach: () => undefined, detach: () => undefined };
    const { driver, transport } = await connect(silent, { commandTimeoutMs: 10_000 });
    const pending = driver.findCard();
    transport.unplug();
    expect(await rejectionCode(pending)).toBe('device_disconnected');
    expect(await rejectionCode(driver.findCard())).toBe('device_disconnected');
  });

  it('runs commands one at a time even when called together', async () => {
    const reader = createSimulatedReader({ holds: 'resident_zhang' });
    const { driver } = await connect(reader, { chunk: randomChunks(5) });
    const [found, id, status] = await Promise.all([driver.findCard(), driver.samId(), driver.samStatus()]);
    expect(found).toBe(true);
    expect(id).toBe(reader.samId);
    expect(status.ok).toBe(true);
  });
});

describe('ID-card poller', () => {
  async function poll(reader: SimulatedReader, now?: () => number) {
    const { driver } = await connect(reader);
    const cards: CardData[] = [];
    const statuses: PollerStatus[] = [];
    const poller = createIdCardPoller(driver, {
      intervalMs: 5,
      onCard: (card) => cards.push(card),
      onStatus: (status) => statuses.push(status),
      ...(now ? { now } : {}),
    });
    return { poller, cards, statuses };
  }

  it('reports a card once while it stays on the reader, and again once placed again', async () => {
    const reader = createSimulatedReader({ holds: 'resident_zhang' });
    const { poller, cards, statuses } = await poll(reader);
    poller.start();
    await until(() => cards.length === 1);
    await new Promise((r) => setTimeout(r, 100)); // many more cycles
    expect(cards).toHaveLength(1);
    reader.place('resident_li');
    await until(() => cards.length === 2);
    expect(cards[1]!.identity.name).toBe(sampleCards.resident_li.name);
    await poller.stop();
    // Right after a read the reader finds nothing (one find per placing): that is 已读卡, not 请放证件.
    expect(statuses.map((s) => s.state)).toContain('card_read');
    expect(statuses.map((s) => s.state)).not.toContain('no_card');
  });

  it('says 请放证件 again once the read is 30 s old, and at once on an empty reader', async () => {
    let t = 1_000_000;
    const reader = createSimulatedReader({ holds: 'resident_zhang' });
    const { poller, cards, statuses } = await poll(reader, () => t);
    poller.start();
    await until(() => cards.length === 1);
    await until(() => statuses.at(-1)?.state === 'card_read');
    t += 30_001;
    await until(() => statuses.at(-1)?.state === 'no_card');
    await poller.stop();

    const empty = await poll(createSimulatedReader({ holds: 'none' }));
    empty.poller.start();
    await until(() => empty.statuses.length > 0);
    await empty.poller.stop();
    expect(empty.statuses[0]!.state).toBe('no_card');
  });

  it('does not report the same card twice on a reader that keeps finding it', async () => {
    // Some readers answer find-card with 9F as long as the card lies there.
    const reader = createSimulatedReader({ holds: 'resident_zhang' });
    const sticky: SimulatedDevice = {
      receive: (bytes) => {
        const isFind = Buffer.from(bytes).equals(Buffer.from(commandFrame('findCard')));
        if (isFind) reader.place(reader.holds());
        reader.receive(bytes);
      },
      attach: (send) => reader.attach(send),
      detach: () => reader.detach(),
    };
    const { driver } = await connect(sticky);
    const cards: CardData[] = [];
    const poller = createIdCardPoller(driver, {
      intervalMs: 5,
      onCard: (c) => cards.push(c),
      onStatus: () => undefined,
    });
    poller.start();
    await until(() => cards.length === 1);
    await new Promise((r) => setTimeout(r, 100));
    await poller.stop();
    expect(cards).toHaveLength(1);
  });

  it('turns every failure into a status and goes on polling', async () => {
    const reader = createSimulatedReader({ holds: 'sam_failure' });
    const { poller, cards, statuses } = await poll(reader);
    poller.start();
    await until(() => statuses.some((s) => s.state === 'error'));
    expect(statuses.find((s) => s.state === 'error')).toMatchObject({ error: { code: 'idcard_sam_failed' } });
    reader.place('corrupted_frame');
    await until(() => statuses.some((s) => s.state === 'error' && s.error.code === 'idcard_frame_corrupt'));
    reader.place('hk_macao_taiwan');
    await until(() => cards.length === 1);
    await poller.stop();
    expect(cards[0]!.identity.cardType).toBe('hk_macao_taiwan');
  });

  it('reads the same card again on demand (readNow)', async () => {
    const reader = createSimulatedReader({ holds: 'resident_zhang' });
    const { poller, cards } = await poll(reader);
    poller.start();
    await until(() => cards.length === 1);
    reader.place('resident_zhang');
    await poller.readNow();
    await until(() => cards.length === 2);
    await poller.stop();
  });
});
