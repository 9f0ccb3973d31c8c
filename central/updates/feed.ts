import { randomBytes } from 'node:crypto';
import { constants, type Stats } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { notFound } from '../service/errors';
import { parseRange, type ByteRange } from './range';

/**
 * The workstations' update feed: the files electron-builder writes for a release (`latest.yml`,
 * `latest-linux.yml`, the installers and their blockmaps), served read-only from one folder at
 * `/updates/<file>` for electron-updater's generic provider.
 *
 * - Only the workstations: every request needs an enrolled workstation's `Bearer` credential,
 *   like the sync API (electron-updater sends it as a request header on every request, ranges
 *   included). The feed names the installed version of every window and hands out the installer
 *   of a system that holds personal data; nobody else on the hall network needs either.
 * - Only plain file names of that folder with a known extension: no paths, no dotfiles, no
 *   listing, no symbolic links (a link could reach outside the folder). Anything else is 404.
 * - Range requests (one range, or many as multipart/byteranges) for differential downloads, HEAD,
 *   ETag / Last-Modified with If-None-Match and If-Range. Files are streamed from the descriptor
 *   that was checked, never read whole; a file swapped in by rename meanwhile does not mix in.
 */

/** The files a release consists of, and what each is. */
const contentTypes: Record<string, string> = {
  '.yml': 'text/yaml; charset=utf-8',
  '.exe': 'application/vnd.microsoft.portable-executable',
  '.appimage': 'application/vnd.appimage',
  '.deb': 'application/vnd.debian.binary-package',
  // gzip-compressed JSON, but delivered as it is (not a Content-Encoding).
  '.blockmap': 'application/octet-stream',
};

const feedName = /^[A-Za-z0-9][A-Za-z0-9._+-]{0,199}$/;

/** The content type of a file the feed may serve, or null for any name it must not. */
export function feedFileType(name: string): string | null {
  if (!feedName.test(name)) return null;
  return contentTypes[extname(name).toLowerCase()] ?? null;
}

export interface UpdateFeedOptions {
  /** The folder a release's files are copied into. */
  dir: string;
  /** Refuses (401) a request without a valid workstation credential. */
  authenticate(authorization: string | undefined): Promise<unknown>;
}

export const updatesPath = '/updates';

/** Opens a regular file of the folder without following a symbolic link; null when there is none. */
async function openFeedFile(dir: string, name: string): Promise<{ handle: FileHandle; stats: Stats } | null> {
  let handle: FileHandle;
  try {
    // O_NOFOLLOW is POSIX; on Windows it is undefined and links are not followed by name anyway.
    handle = await open(join(dir, name), constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ELOOP' || code === 'EISDIR' || code === 'ENOTDIR' || code === 'EMLINK') {
      return null;
    }
    throw error;
  }
  const stats = await handle.stat().catch(async (error: unknown) => {
    await handle.close();
    throw error;
  });
  if (!stats.isFile()) {
    await handle.close();
    return null;
  }
  return { handle, stats };
}

/** A strong validator from size and modification time: a republished file gets another one. */
function etagOf(stats: Stats): string {
  return `"${stats.size.toString(16)}-${Math.floor(stats.mtimeMs).toString(16)}"`;
}

function matchesAny(header: string, etag: string): boolean {
  if (header.trim() === '*') return true;
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}

/** If-Range: the ranges only when the client's copy is this very file (strong ETag or the exact date). */
function ifRangeHolds(header: string | string[] | undefined, etag: string, lastModified: string): boolean {
  if (header === undefined) return true;
  if (typeof header !== 'string') return false;
  const value = header.trim();
  return value.startsWith('"') ? value === etag : value === lastModified;
}

/** The frame of a multipart/byteranges answer: each part's head, the closing line, the exact length. */
function multipartFrame(ranges: readonly ByteRange[], type: string, size: number) {
  const boundary = `yichuang-${randomBytes(12).toString('hex')}`;
  const heads = ranges.map(
    (r, i) =>
      `${i === 0 ? '' : '\r\n'}--${boundary}\r\nContent-Type: ${type}\r\nContent-Range: bytes ${r.start}-${r.end}/${size}\r\n\r\n`,
  );
  const tail = `\r\n--${boundary}--\r\n`;
  const length =
    heads.reduce((n, h) => n + Buffer.byteLength(h), 0) +
    ranges.reduce((n, r) => n + r.end - r.start + 1, 0) +
    Buffer.byteLength(tail);
  return { boundary, heads, tail, length };
}

/** Streams the parts one after another from the open file; the descriptor closes with the stream. */
function multipartBody(
  handle: FileHandle,
  ranges: readonly ByteRange[],
  frame: ReturnType<typeof multipartFrame>,
): Readable {
  async function* parts() {
    for (const [i, range] of ranges.entries()) {
      yield Buffer.from(frame.heads[i]!);
      yield* handle.createReadStream({ start: range.start, end: range.end, autoClose: false });
    }
    yield Buffer.from(frame.tail);
  }
  const body = Readable.from(parts(), { objectMode: false });
  // 'close' comes after the end and after a client that went away alike.
  body.once('close', () => void handle.close().catch(() => undefined));
  return body;
}

async function serve(
  dir: string,
  request: FastifyRequest<{ Params: { file: string } }>,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const name = request.params.file;
  const type = feedFileType(name);
  if (!type) throw notFound('notFound.updateFile');
  const file = await openFeedFile(dir, name);
  if (!file) throw notFound('notFound.updateFile');
  const { handle, stats } = file;
  let handedOver = false;
  try {
    const etag = etagOf(stats);
    const lastModified = stats.mtime.toUTCString();
    reply
      .header('content-type', type)
      .header('accept-ranges', 'bytes')
      .header('etag', etag)
      .header('last-modified', lastModified)
      // Revalidate every time: latest.yml changes in place when a release is published.
      .header('cache-control', 'no-cache')
      .header('x-content-type-options', 'nosniff');
    const ifNoneMatch = request.headers['if-none-match'];
    if (ifNoneMatch !== undefined && matchesAny(ifNoneMatch, etag)) return reply.status(304).send();

    const size = stats.size;
    const asked = ifRangeHolds(request.headers['if-range'], etag, lastModified)
      ? parseRange(request.headers.range, size)
      : ({ kind: 'whole' } as const);
    const head = request.method === 'HEAD';

    if (asked.kind === 'unsatisfiable') {
      return reply
        .status(416)
        .header('content-range', `bytes */${size}`)
        .header('content-type', 'application/json; charset=utf-8')
        .send({ code: 'range_not_satisfiable', message: `请求的字节范围超出文件大小（${size} 字节）` });
    }
    if (asked.kind === 'whole' || asked.ranges.length === 1) {
      const range = asked.kind === 'whole' ? null : asked.ranges[0]!;
      const start = range?.start ?? 0;
      const end = range?.end ?? size - 1;
      reply.status(range ? 206 : 200).header('content-length', String(end - start + 1));
      if (range) reply.header('content-range', `bytes ${start}-${end}/${size}`);
      if (head || size === 0) return reply.send();
      handedOver = true;
      // The stream closes the descriptor when it ends or the client goes away.
      return reply.send(handle.createReadStream({ start, end }));
    }
    const frame = multipartFrame(asked.ranges, type, size);
    reply
      .status(206)
      .header('content-type', `multipart/byteranges; boundary=${frame.boundary}`)
      .header('content-length', String(frame.length));
    if (head) return reply.send();
    handedOver = true;
    return reply.send(multipartBody(handle, asked.ranges, frame));
  } finally {
    if (!handedOver) await handle.close();
  }
}

/** `GET` and `HEAD /updates/<file>`: the files of `options.dir`, to enrolled workstations only. */
export function registerUpdateFeed(app: FastifyInstance, options: UpdateFeedOptions): void {
  app.route<{ Params: { file: string } }>({
    method: ['GET', 'HEAD'],
    url: `${updatesPath}/:file`,
    schema: {
      summary:
        'A file of the update feed (latest.yml, latest-linux.yml, installers, blockmaps) for electron-updater; supports Range',
      security: [{ workstation: [] }],
      params: z.object({ file: z.string() }),
    },
    handler: async (request, reply) => {
      await options.authenticate(request.headers.authorization);
      return serve(options.dir, request, reply);
    },
  });
}
