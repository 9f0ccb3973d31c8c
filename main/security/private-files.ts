import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  closeSync,
  fstatSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { lstatSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The data folder is the staff's and nobody else's on the PC: folders 0700, files 0600. On Windows
 * the modes mean little (NTFS ACLs of the user's profile do that work); chmod is harmless there.
 */

export const privateFileMode = 0o600;
export const privateDirMode = 0o700;

/** New files and folders of this process are the user's alone (no-op where the platform refuses, e.g. a worker thread). */
export function restrictNewFiles(): void {
  try {
    process.umask(0o077);
  } catch {
    // Worker threads cannot set the umask; the explicit modes below still apply.
  }
}

/** Creates the folder (and parents) if needed and makes it 0700. */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: privateDirMode });
  chmodSync(dir, privateDirMode);
}

/** Writes a small file whole or not at all (temp file, fsync, rename), mode 0600. */
export function writePrivateFile(file: string, data: string | Uint8Array): void {
  ensurePrivateDir(dirname(file));
  const temp = join(dirname(file), `.${randomBytes(6).toString('hex')}.tmp`);
  const fd = openSync(temp, 'wx', privateFileMode);
  try {
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    let at = 0;
    while (at < bytes.length) at += writeSync(fd, bytes, at, bytes.length - at);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    renameSync(temp, file);
  } finally {
    rmSync(temp, { force: true });
  }
}

/**
 * Brings every folder under `root` (itself included) to 0700 and every file to 0600: files made
 * before this version, or by a library that ignores the process's umask, are closed to others at
 * each start. Symbolic links are left alone (never followed out of the folder).
 */
export function securePermissions(root: string): void {
  const walk = (dir: string) => {
    chmodSync(dir, privateDirMode);
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      const stats = lstatSync(path, { throwIfNoEntry: false });
      if (!stats || stats.isSymbolicLink()) continue;
      if (stats.isDirectory()) walk(path);
      else if (stats.isFile() && (stats.mode & 0o777) !== privateFileMode) chmodSync(path, privateFileMode);
    }
  };
  walk(root);
}

/** Overwrites a file with zeros, then removes it: best effort (a journaling or flash disk may keep old blocks). */
export function wipeFile(file: string): void {
  let fd: number;
  try {
    fd = openSync(file, 'r+');
  } catch {
    return;
  }
  try {
    const size = fstatSync(fd).size;
    const zeros = Buffer.alloc(Math.min(size, 1024 * 1024));
    for (let at = 0; at < size; at += zeros.length) writeSync(fd, zeros, 0, Math.min(zeros.length, size - at), at);
  } finally {
    closeSync(fd);
  }
  rmSync(file, { force: true });
}
