// The transport, measured through the real browser host: a WebSocket on 127.0.0.1 in binary frames,
// the router, the services. (Electron IPC cannot run here: no Electron binary.)
import { randomBytes } from 'node:crypto';
import { makeNoisePng } from '@yichuang/domain/testing/images';
import { createBridge } from '../preload/contract/bridge';
import { decodeMessage, encodeMessage } from '../preload/contract/codec';
import type { Result } from '../preload/contract/envelope';
import { addClerk, setUpAdmin, strongPassword } from '../main/testing/workstation';
import { nodeTransport } from '../main/testing/ws-transport';
import { startBenchHost } from './bench-host';
import { filesBench } from './bench-files';

type Percentile = (sorted: number[], p: number) => number;

/**
 * Through the renderer's own bridge over a WebSocket client. `ipc.roundtrip.*`: a no-op channel,
 * one call at a time. `ipc.bytes_20mb_ms`: a 20 MB scan through the transport and back —
 * `materials.import` of a PNG the store already holds (20 MB in, hashed) and `materials.read` of it
 * (20 MB out) — median of 5. `ipc.bytes_20mb_new_file_ms`: importing a new 20 MB file, with the
 * store's durable write (temp file, fsync, rename). `ipc.codec_20mb_ms`: encoding and decoding
 * the two messages alone, without the socket. Then `files.*` (bench-files.ts) on the same connection.
 */
export async function ipcBench(percentile: Percentile): Promise<Record<string, number>> {
  const metrics: Record<string, number> = {};
  const bench = await startBenchHost();
  const { workstation } = bench;
  const transport = nodeTransport(bench.url);
  const { api } = createBridge(transport);
  /** The value of a call, or the error envelope's message thrown. */
  const value = <T>(result: Result<T>): T => {
    if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
    return result.value;
  };
  try {
    for (let i = 0; i < 500; i += 1) value(await api.system.ping({}));
    const samples: number[] = [];
    for (let i = 0; i < 5000; i += 1) {
      const start = process.hrtime.bigint();
      value(await api.system.ping({}));
      samples.push(Number(process.hrtime.bigint() - start) / 1000);
    }
    samples.sort((a, b) => a - b);
    metrics['ipc.roundtrip.p50_us'] = Math.round(percentile(samples, 50));
    metrics['ipc.roundtrip.p99_us'] = Math.round(percentile(samples, 99));

    // A clerk signed in on this connection: materials are theirs to import.
    await setUpAdmin(workstation);
    await addClerk(workstation.services.staff, { username: 'bench', displayName: '压测', windowNumber: 7 });
    value(await api.auth.signIn({ username: 'bench', password: strongPassword }));
    // About 19.8 MB of random pixels, under the 20 MiB material limit.
    const png = new Uint8Array(makeNoisePng(2000, 3300));
    const newFile: number[] = [];
    const roundTrip: number[] = [];
    for (let i = 0; i < 6; i += 1) {
      // A new file: 20 MB in, hashed, written whole (temp file, fsync, rename).
      png.set(randomBytes(16), 1000); // inside the pixel data: a different, still valid PNG each run
      let started = performance.now();
      const stored = value(await api.materials.import({ bytes: png, name: 'scan.png' }));
      if (i > 0) newFile.push(performance.now() - started); // the first warms the store's folders
      // The round trip: the same 20 MB in again (hashed, known) and 20 MB back out.
      started = performance.now();
      const again = value(await api.materials.import({ bytes: png, name: 'scan.png' }));
      const back = value(await api.materials.read({ sha256: again.sha256 }));
      if (i > 0) roundTrip.push(performance.now() - started);
      if (!again.duplicate || again.sha256 !== stored.sha256 || back.bytes.length !== png.length) {
        throw new Error('20 MB round trip did not come back whole');
      }
    }
    newFile.sort((a, b) => a - b);
    roundTrip.sort((a, b) => a - b);
    metrics['ipc.bytes_20mb_ms'] = Math.round(percentile(roundTrip, 50));
    metrics['ipc.bytes_20mb_new_file_ms'] = Math.round(percentile(newFile, 50));
    metrics['ipc.bytes_20mb_mb'] = Math.round(png.length / 1e5) / 10;

    const codec: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      const started = performance.now();
      decodeMessage(encodeMessage({ id: 1, channel: 'materials.import', input: { bytes: png, name: 'scan.png' } }));
      decodeMessage(encodeMessage({ id: 1, answer: { ok: true, value: { mime: 'image/png', bytes: png } } }));
      codec.push(performance.now() - started);
    }
    codec.sort((a, b) => a - b);
    metrics['ipc.codec_20mb_ms'] = Math.round(percentile(codec, 50));

    Object.assign(metrics, await filesBench(api, value, percentile));
  } finally {
    transport.close();
    await bench.dispose();
  }
  return metrics;
}
