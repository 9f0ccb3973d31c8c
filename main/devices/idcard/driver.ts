import type { Identity } from '../../../preload/contract/devices';
import { AppError } from '../../../preload/contract/errors';
import { createCommandQueue } from '../command-queue';
import type { Transport } from '../transport/transport';
import { deviceError } from '../transport/transport';
import { FrameReader } from './frame';
import {
  commandFrame,
  looksLikeResponse,
  parseReadReply,
  parseResponseBody,
  parseSamId,
  statusOf,
  type CommandName,
  type ResponseBody,
} from './protocol';
import { parseAppendedAddress, parseTextBlock } from './text-block';

/** What one read cycle returns: the identity unmasked, the raw photo and fingerprint bytes. */
export interface CardData {
  identity: Identity;
  photo: Uint8Array;
  fingerprint: Uint8Array | null;
}

export interface IdCardDriverOptions {
  /** How long a reader may take for status, find and select. */
  commandTimeoutMs?: number;
  /** Reading text and photo takes a real reader about a second. */
  readTimeoutMs?: number;
  /** Ask for the fingerprint too (readers with a fingerprint module). */
  fingerprint?: boolean;
  /** Also read the appended address (住址变更) after the text. */
  appendedAddress?: boolean;
  now?: () => Date;
}

export type IdCardDriver = ReturnType<typeof createIdCardDriver>;

interface Pending {
  resolve(body: ResponseBody): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

/**
 * The SAM protocol over any transport: one command at a time, each answered by one frame.
 * Garbage on the line is skipped; a corrupted reply fails that command (the caller retries on
 * its next cycle); a silent reader times out. Nothing here throws anything but AppError.
 */
export function createIdCardDriver(transport: Transport, options: IdCardDriverOptions = {}) {
  const commandTimeoutMs = options.commandTimeoutMs ?? 1000;
  const readTimeoutMs = options.readTimeoutMs ?? 3000;
  const reader = new FrameReader();
  let pending: Pending | null = null;
  const queue = createCommandQueue();

  function settle(action: (p: Pending) => void): void {
    const current = pending;
    if (!current) return;
    pending = null;
    clearTimeout(current.timer);
    action(current);
  }

  const offData = transport.onData((chunk) => {
    for (const event of reader.push(chunk)) {
      if (event.type === 'frame') {
        if (!looksLikeResponse(event.body)) continue; // an echo of our own command on some bridges
        const body = parseResponseBody(event.body);
        if (body) settle((p) => p.resolve(body));
        else settle((p) => p.reject(new AppError('idcard_frame_corrupt')));
      } else if (event.type === 'error') {
        settle((p) => p.reject(new AppError('idcard_frame_corrupt')));
      }
    }
  });
  const offError = transport.onError((error) => settle((p) => p.reject(error)));
  const offClose = transport.onClose(() => settle((p) => p.reject(deviceError('device_disconnected'))));

  function send(name: CommandName, timeoutMs: number): Promise<ResponseBody> {
    const run = () =>
      new Promise<ResponseBody>((resolve, reject) => {
        reader.reset();
        pending = {
          resolve,
          reject,
          timer: setTimeout(() => settle((p) => p.reject(deviceError('device_timeout'))), timeoutMs),
        };
        transport
          .write(commandFrame(name))
          .catch((error: unknown) =>
            settle((p) => p.reject(error instanceof AppError ? error : deviceError('device_disconnected', error))),
          );
      });
    return queue.run(run);
  }

  /** Sends a command and insists on a success status; anything else becomes the status's error. */
  async function expectOk(name: CommandName, timeoutMs = commandTimeoutMs): Promise<ResponseBody> {
    const reply = await send(name, timeoutMs);
    const status = statusOf(reply.sw3);
    if (!status.ok) throw new AppError(status.errorCode ?? 'idcard_read_failed');
    return reply;
  }

  return {
    send,
    async resetSam(): Promise<void> {
      await expectOk('resetSam');
    },
    async samStatus(): Promise<ReturnType<typeof statusOf>> {
      const reply = await send('samStatus', commandTimeoutMs);
      return statusOf(reply.sw3);
    },
    async samId(): Promise<string> {
      return parseSamId((await expectOk('samId')).data);
    },
    /** True when a card is on the reader (0x9F), false when there is none (0x80). */
    async findCard(): Promise<boolean> {
      const reply = await send('findCard', commandTimeoutMs);
      if (reply.sw3 === 0x9f) return true;
      if (reply.sw3 === 0x80) return false;
      throw new AppError(statusOf(reply.sw3).errorCode ?? 'idcard_read_failed');
    },
    async selectCard(): Promise<void> {
      await expectOk('selectCard');
    },
    /** Reads text, photo (and fingerprint) of a selected card and parses the identity. */
    async readCard(): Promise<CardData> {
      const withFingerprint = options.fingerprint ?? false;
      const reply = await expectOk(withFingerprint ? 'readTextWithFingerprint' : 'readText', readTimeoutMs);
      const parts = parseReadReply(reply.data, withFingerprint);
      let identity = parseTextBlock(parts.text, options.now?.());
      if (options.appendedAddress && identity.cardType === 'resident') {
        const extra = await send('readAppendedAddress', commandTimeoutMs).catch(() => null);
        // 0x91: the card has no appended address, the usual case.
        if (extra && extra.sw3 === 0x90) identity = { ...identity, appendedAddress: parseAppendedAddress(extra.data) };
      }
      return { identity, photo: parts.photo, fingerprint: parts.fingerprint };
    },
    /** One find → select → read cycle; null when no card is on the reader. */
    async readCycle(): Promise<CardData | null> {
      if (!(await this.findCard())) return null;
      await this.selectCard();
      return this.readCard();
    },
    dispose(): void {
      offData();
      offError();
      offClose();
      settle((p) => p.reject(deviceError('device_disconnected')));
    },
  };
}
