import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { mkdir, open, readFile, readdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { eq, inArray } from 'drizzle-orm';
import { AppError, type ErrorCode } from '../../preload/contract/errors';
import { materialLimits, sha256Schema, type MaterialMime } from '@yichuang/domain/materials';
import { type StoredFile } from '../../preload/contract/materials';
import type { Clock } from '../app/clock';
import type { Db } from '../db/connection';
import { materialFiles } from '../db/schema';
import { inspectInCage } from './inspect/cage';
import { sniffMaterial } from './sniff';
import { keyedName, SealError, seal, sealOverhead, unseal } from '../security/crypto';
import { wipeFile } from '../security/private-files';

export type MaterialLimits = { maxFileBytes: number; maxPdfPages: number };

export interface MaterialStore {
  /**
   * Checks and stores a file. Refused (an AppError with one of `refusalCodes`, a message that says
   * what to do) when it is empty, too large, not JPEG/PNG/PDF by content, a PDF that is encrypted,
   * damaged, empty or has too many pages, or an image whose size cannot be read, a picture over the
   * pixel cap, or a file too complex to check in the cage (./inspect/cage.ts). Content-addressed:
   * the same bytes twice are stored once (`duplicate: true` the second time).
   */
  put(bytes: Uint8Array, name: string): Promise<StoredFile>;
  /** The bytes and type of a stored file; AppError('material_not_found' / 'material_file_missing') when absent, AppError('material_file_corrupt') when damaged. */
  read(sha256: string): { bytes: Buffer; mime: MaterialMime };
  has(sha256: string): boolean;
  info(sha256: string): Omit<StoredFile, 'duplicate'> | null;
  /** The limits in force (the contract's, or lower ones passed in). */
  readonly limits: Readonly<MaterialLimits>;
  /**
   * Seals the files a version before encryption at rest left in plaintext (`<2 hex>/<sha256>`),
   * once, at start: each is checked, written sealed under its keyed name, and the plaintext wiped.
   */
  sealLegacyFiles(): Promise<number>;
  /**
   * Retention: forgets the files no case refers to any more (rows in the caller's transaction);
   * returns a function that wipes them from disk, to call once that transaction has committed.
   */
  forget(sha256s: readonly string[]): () => void;
}

const MB = 1024 * 1024;

/** "25.3 MB", "20 MB", "512 KB": enough digits that a file just over the limit does not read as equal to it. */
export function formatSize(bytes: number, digits = 1): string {
  if (bytes < MB) return `${Math.max(1, Math.ceil(bytes / 1024))} KB`;
  return `${(bytes / MB).toFixed(digits).replace(/\.?0+$/, '')} MB`;
}

/** The refusal for a file over the size limit (also used by the hot folder, which does not read such files). */
/** The codes of a file the store will not take (the file is at fault, not the store). */
export const refusalCodes = new Set<ErrorCode>([
  'material_empty',
  'material_too_large',
  'material_wrong_type',
  'material_looks_like',
  'material_pdf_unreadable',
  'material_too_many_pages',
  'material_image_unreadable',
  'material_too_many_pixels',
  'material_too_complex',
]);

/** Whether `put` refused the file itself (the clerk scans again), rather than failing. */
export function isRefusal(error: unknown): error is AppError {
  return error instanceof AppError && refusalCodes.has(error.code);
}

export function tooLargeError(name: string, bytes: number, limit: number): AppError {
  const limitText = formatSize(limit);
  let sizeText = formatSize(bytes);
  for (let digits = 2; sizeText === limitText && digits <= 4; digits += 1) sizeText = formatSize(bytes, digits);
  return new AppError('material_too_large', { name, size: sizeText, limit: limitText });
}

function displayName(name: string): string {
  const trimmed = name.trim();
  return trimmed === '' ? '（未命名）' : trimmed;
}

function sha256Of(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function isSha256(value: string): boolean {
  return sha256Schema.safeParse(value).success;
}

/** The checks that need only the bytes (emptiness, size, type by content); returns the type. */
export function checkBytes(bytes: Uint8Array, name: string, limits: MaterialLimits): MaterialMime {
  if (bytes.length === 0) throw new AppError('material_empty', { name });
  if (bytes.length > limits.maxFileBytes) throw tooLargeError(name, bytes.length, limits.maxFileBytes);
  const sniffed = sniffMaterial(bytes);
  if (sniffed.mime !== null) return sniffed.mime;
  throw sniffed.looksLike
    ? new AppError('material_looks_like', { name, kind: sniffed.looksLike })
    : new AppError('material_wrong_type', { name });
}

/**
 * The material file store: content-addressed by SHA-256 in table material_files, each file sealed
 * (AES-256-GCM, the material's hash as associated data) under `<dir>/<2 hex>/<HMAC(names key, sha256)>`,
 * so neither a file's bytes nor its name tell anything without the data key. A file is written
 * whole or not at all (temp file, fsync, rename).
 */
export function createMaterialStore(deps: {
  db: Db;
  clock: Clock;
  dir: string;
  /** From the data key (security/keys.ts): `content` seals the bytes, `names` names the files. */
  keys: { content: Buffer; names: Buffer };
  /** Lower limits from the settings (numbers, not the contract's literal types); maxItemPages is not the store's. */
  limits?: Partial<Record<keyof typeof materialLimits, number>>;
}): MaterialStore {
  const { db, clock, dir } = deps;
  // Settings may lower the limits, never raise them past the contract's.
  const limits: MaterialLimits = {
    maxFileBytes: Math.min(deps.limits?.maxFileBytes ?? materialLimits.maxFileBytes, materialLimits.maxFileBytes),
    maxPdfPages: Math.min(deps.limits?.maxPdfPages ?? materialLimits.maxPdfPages, materialLimits.maxPdfPages),
  };

  function pathOf(sha256: string): string {
    const name = keyedName(deps.keys.names, sha256);
    return join(dir, name.slice(0, 2), name);
  }

  /** Where a version before encryption at rest kept the plaintext file. */
  function legacyPathOf(sha256: string): string {
    return join(dir, sha256.slice(0, 2), sha256);
  }

  /** The plaintext of a sealed file, or null when it is missing, damaged or not this material's. */
  function openSealed(sealed: Buffer, sha256: string): Buffer | null {
    try {
      const bytes = unseal(deps.keys.content, sealed, sha256);
      return sha256Of(bytes) === sha256 ? bytes : null;
    } catch (error) {
      if (error instanceof SealError) return null;
      throw error;
    }
  }

  function row(sha256: string): Omit<StoredFile, 'duplicate'> | null {
    const found = db.select().from(materialFiles).where(eq(materialFiles.sha256, sha256)).get();
    if (!found) return null;
    const { sha256: hash, mime, bytes, pages, width, height } = found;
    return { sha256: hash, mime, bytes, pages, width, height };
  }

  /** True when the sealed file on disk has the expected size (a full check is left to read()). */
  async function presentOnDisk(sha256: string, size: number): Promise<boolean> {
    try {
      return (await stat(pathOf(sha256))).size === size + sealOverhead;
    } catch {
      return false;
    }
  }

  /** True when the file on disk holds exactly these bytes. */
  async function intactOnDisk(sha256: string): Promise<boolean> {
    try {
      return openSealed(await readFile(pathOf(sha256)), sha256) !== null;
    } catch {
      return false;
    }
  }

  /** Writes the file whole or not at all: temp file in the same folder, fsync, rename, fsync the folder. */
  async function writeAtomically(sha256: string, bytes: Uint8Array): Promise<void> {
    const target = pathOf(sha256);
    const folder = dirname(target);
    await mkdir(folder, { recursive: true, mode: 0o700 });
    const temp = join(folder, `.${sha256}.${randomBytes(6).toString('hex')}.tmp`);
    try {
      const handle = await open(temp, 'wx', 0o600);
      try {
        await handle.writeFile(seal(deps.keys.content, bytes, sha256));
        await handle.sync();
      } finally {
        await handle.close();
      }
      try {
        await rename(temp, target);
      } catch (error) {
        // Windows refuses to replace a file another reader holds open; if the same bytes are already there, that is fine.
        if (!(await presentOnDisk(sha256, bytes.length))) throw error;
      }
    } finally {
      await rm(temp, { force: true });
    }
    try {
      const handle = await open(folder, 'r');
      try {
        await handle.sync();
      } finally {
        await handle.close();
      }
    } catch {
      // Folders cannot be opened for fsync on Windows; NTFS journals the rename itself.
    }
  }

  return {
    limits,

    async put(bytes, rawName) {
      const name = displayName(rawName);
      const mime = checkBytes(bytes, name, limits);
      const sha256 = sha256Of(bytes);

      const known = row(sha256);
      if (known) {
        // Already stored: the limits may have been lowered since, so the page count is checked again.
        if (known.mime === 'application/pdf' && known.pages > limits.maxPdfPages) {
          throw new AppError('material_too_many_pages', { name, pages: known.pages, max: limits.maxPdfPages });
        }
        // Heal a file lost or damaged on disk from the bytes in hand.
        if (!(await intactOnDisk(sha256))) await writeAtomically(sha256, bytes);
        return { ...known, duplicate: true };
      }

      const details = await inspectInCage(bytes, mime, name, limits);
      await writeAtomically(sha256, bytes);
      const stored = { sha256, mime, bytes: bytes.length, ...details };
      const result = db
        .insert(materialFiles)
        .values({ ...stored, storedAt: clock.now().toISOString() })
        .onConflictDoNothing()
        .run();
      // Another put of the same bytes may have won the race while this one was checking the PDF.
      return { ...stored, duplicate: result.changes === 0 };
    },

    read(sha256) {
      const known = isSha256(sha256) ? row(sha256) : null;
      if (!known) throw new AppError('material_not_found');
      let sealed: Buffer;
      try {
        sealed = readFileSync(pathOf(sha256));
      } catch {
        throw new AppError('material_file_missing');
      }
      const bytes = openSealed(sealed, sha256);
      if (!bytes) throw new AppError('material_file_corrupt');
      return { bytes, mime: known.mime };
    },

    has(sha256) {
      if (!isSha256(sha256) || !row(sha256)) return false;
      return statSync(pathOf(sha256), { throwIfNoEntry: false })?.isFile() ?? false;
    },

    info(sha256) {
      return isSha256(sha256) ? row(sha256) : null;
    },

    forget(sha256s) {
      const known = sha256s.filter(isSha256);
      if (known.length === 0) return () => undefined;
      db.delete(materialFiles).where(inArray(materialFiles.sha256, known)).run();
      return () => {
        for (const sha256 of known) wipeFile(pathOf(sha256));
      };
    },

    async sealLegacyFiles() {
      let sealed = 0;
      let folders: string[];
      try {
        folders = (await readdir(dir)).filter((name) => /^[0-9a-f]{2}$/.test(name));
      } catch {
        return 0;
      }
      for (const folder of folders) {
        for (const name of await readdir(join(dir, folder))) {
          if (!isSha256(name) || !row(name)) continue;
          const legacy = legacyPathOf(name);
          const bytes = await readFile(legacy);
          // A damaged plaintext file is not sealed as if it were good; the material reads as damaged.
          if (sha256Of(bytes) === name && !(await intactOnDisk(name))) await writeAtomically(name, bytes);
          wipeFile(legacy);
          sealed += 1;
        }
      }
      return sealed;
    },
  };
}
