import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { link, mkdir, readdir, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { FileStore } from '@tus/file-store';
import { Server } from '@tus/server';
import { and, eq, inArray, isNull, lt, or } from 'drizzle-orm';
import { materialLimits, materialMimes, sha256Schema } from '@yichuang/domain/materials';
import { caseIdSchema } from '@yichuang/domain/cases';
import { uploadsPath } from '@yichuang/domain/protocol';
import type { CentralDb } from './db/connect';
import { uploads } from './db/schema';
import type { CaseStore } from './service/cases';
import { CentralError } from './service/errors';
import type { WorkstationRegistry } from './service/workstations';

/** An upload not finished (or whose bytes failed the check) this long after it began is abandoned: its bytes are removed. */
export const abandonedUploadMs = 24 * 60 * 60 * 1000;

/** Answered when the bytes that arrived do not hash to the SHA-256 the upload was created for. */
export const checksumMismatchStatus = 460;

/** What @tus/server answers when a hook throws: its status and body. */
class TusHookError extends Error {
  readonly body: string;
  constructor(
    readonly status_code: number,
    message: string,
  ) {
    super(message);
    this.body = `${message}\n`;
  }
}
const tusError = (status: number, message: string) => new TusHookError(status, message);

export async function sha256OfFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Where a verified file lives: content-addressed under `blobs/<2 hex>/<sha256>`. */
export function blobPath(blobDir: string, sha256: string): string {
  return join(blobDir, sha256.slice(0, 2), sha256);
}

/**
 * Material uploads over tus (resumable: the client asks for the offset and sends the rest). An
 * upload is created only for a file a case version of the same workstation lists, with exactly
 * that size; when the last byte arrives the file is hashed, and only bytes that hash to the
 * announced SHA-256 become a blob (hard-linked, no copy). A mismatch answers 460 and the
 * workstation starts that file again.
 */
export function createUploads(deps: {
  db: CentralDb;
  dataDir: string;
  now: () => Date;
  registry: WorkstationRegistry;
  cases: CaseStore;
}) {
  const { db, now, registry, cases } = deps;
  const uploadDir = join(deps.dataDir, 'uploads');
  const blobDir = join(deps.dataDir, 'blobs');

  async function workstationOf(authorization: string | null) {
    try {
      return await registry.authenticate(authorization ?? undefined);
    } catch (error) {
      if (error instanceof CentralError) throw tusError(error.status, error.message);
      throw error;
    }
  }

  /**
   * The last byte is in: hash the file; only bytes matching the announced SHA-256 become the blob.
   * Runs once per upload (the result is recorded); a second call for a verified upload is a no-op.
   */
  async function verify(uploadId: string, mime: string): Promise<void> {
    const row = (await db.select().from(uploads).where(eq(uploads.id, uploadId)))[0];
    if (!row) throw tusError(404, '上传任务不存在');
    if (row.result === 'verified') return;
    const file = join(uploadDir, uploadId);
    const actual = await sha256OfFile(file);
    if (actual !== row.sha256) {
      await db
        .update(uploads)
        .set({ finishedAt: now().toISOString(), result: 'hash_mismatch' })
        .where(eq(uploads.id, uploadId));
      throw tusError(checksumMismatchStatus, '文件校验不符（SHA-256）：请重新上传');
    }
    const target = blobPath(blobDir, actual);
    await mkdir(dirname(target), { recursive: true });
    await link(file, target).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error;
    });
    await cases.fileVerified(actual, row.bytes, mime);
    await db
      .update(uploads)
      .set({ finishedAt: now().toISOString(), result: 'verified' })
      .where(eq(uploads.id, uploadId));
  }

  const datastore = new FileStore({ directory: uploadDir });
  const server = new Server({
    path: uploadsPath,
    datastore,
    relativeLocation: true,
    maxSize: materialLimits.maxFileBytes,
    async onIncomingRequest(req, uploadId) {
      const ws = await workstationOf(req.headers.get('authorization'));
      // A creation (POST) comes here before its upload exists; onUploadCreate checks it.
      if (req.method === 'POST') return;
      const row = (await db.select().from(uploads).where(eq(uploads.id, uploadId)))[0];
      if (!row || row.workstationId !== ws.id) throw tusError(404, '上传任务不存在');
      // The workstation asks where to resume. If every byte arrived but the connection broke before
      // the check ran (the hook is skipped when the request is aborted), check now: otherwise the
      // client would see a finished upload that central never verified.
      // Bytes that failed the check are never resumed: the client starts that file again.
      if (row.result === 'hash_mismatch') throw tusError(410, '该上传校验不符，已作废：请重新上传');
      if (req.method === 'HEAD' && row.result === null) {
        const upload = await datastore.getUpload(uploadId).catch(() => null);
        if (upload && upload.size !== undefined && upload.offset === upload.size) {
          await verify(uploadId, upload.metadata?.filetype ?? 'application/octet-stream');
        }
      }
    },
    async onUploadCreate(req, upload) {
      const ws = await workstationOf(req.headers.get('authorization'));
      const meta = upload.metadata ?? {};
      const caseId = caseIdSchema.safeParse(meta.caseId);
      const sha = sha256Schema.safeParse(meta.sha256);
      if (!caseId.success || !sha.success || !materialMimes.includes(meta.filetype as never)) {
        throw tusError(400, '上传的元数据无效（caseId、sha256、filetype）');
      }
      if (upload.size === undefined) throw tusError(400, '上传须先声明文件大小');
      const owner = await cases.ownerOf(caseId.data);
      if (owner && owner !== ws.id) {
        const refusal = new CentralError(403, 'case_not_yours', 'case.notYours');
        throw tusError(refusal.status, refusal.message);
      }
      if (!(await cases.expectsFile(ws, caseId.data, sha.data, upload.size))) {
        throw tusError(409, '该办件没有这个文件（或大小不符）：请先提交办件');
      }
      await db.insert(uploads).values({
        id: upload.id,
        workstationId: ws.id,
        caseId: caseId.data,
        sha256: sha.data,
        bytes: upload.size,
        createdAt: now().toISOString(),
      });
      return {};
    },
    async onUploadFinish(_req, upload) {
      await verify(upload.id, upload.metadata?.filetype ?? 'application/octet-stream');
      return {};
    },
  });

  /**
   * Removes abandoned uploads: their partial bytes, tus's metadata file and their row (a workstation
   * that comes back later is told 404 and starts the file again). Files in the upload folder no row
   * names (a crash between the two) go too, by their modification time. Verified uploads stay.
   */
  async function sweep(): Promise<number> {
    const before = new Date(now().getTime() - abandonedUploadMs);
    const stale = await db
      .select({ id: uploads.id })
      .from(uploads)
      .where(
        and(
          lt(uploads.createdAt, before.toISOString()),
          or(isNull(uploads.result), eq(uploads.result, 'hash_mismatch')),
        ),
      );
    const names = await readdir(uploadDir).catch(() => [] as string[]);
    const ids = new Set(stale.map((r) => r.id));
    const known = new Set((await db.select({ id: uploads.id }).from(uploads)).map((r) => r.id));
    for (const name of names) {
      const id = name.endsWith('.json') ? name.slice(0, -'.json'.length) : name;
      if (known.has(id)) continue;
      const file = join(uploadDir, name);
      const modified = await stat(file).then(
        (s) => s.mtime,
        () => null,
      );
      if (modified && modified < before) ids.add(id);
    }
    for (const id of ids) {
      await rm(join(uploadDir, id), { force: true });
      await rm(join(uploadDir, `${id}.json`), { force: true });
    }
    if (stale.length > 0) {
      await db.delete(uploads).where(
        inArray(
          uploads.id,
          stale.map((r) => r.id),
        ),
      );
    }
    return ids.size;
  }

  return {
    server,
    sweep,
    blobDir,
    blobPath: (sha256: string) => blobPath(blobDir, sha256),
    async blobSize(sha256: string): Promise<number | null> {
      return stat(blobPath(blobDir, sha256)).then(
        (s) => s.size,
        () => null,
      );
    },
  };
}
export type Uploads = ReturnType<typeof createUploads>;
