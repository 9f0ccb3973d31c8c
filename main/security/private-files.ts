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
import { existsSync, lstatSync } from 'node:fs';
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

/** Written once every file under the folder has been made private: later starts check only the top. */
const privateMarker = '.private-v1';

/**
 * Brings every folder under `root` (itself included) to 0700 and every file to 0600: the files a
 * version before this one made are closed to others once (a walk of the whole folder, marked done
 * in `.private-v1`); later starts check the folder and its first level only, since everything new
 * is made private (umask 077 and explicit modes). Symbolic links are never followed.
 */
export function securePermissions(root: string): void {
  if (!existsSync(join(root, privateMarker))) {
    walkPrivate(root, Infinity);
    writePrivateFile(join(root, privateMarker), 'every file under this folder was made private once\n');
    return;
  }
  walkPrivate(root, 1);
}

function walkPrivate(root: string, depth: number): void {
  const walk = (dir: string, level: number) => {
    chmodSync(dir, privateDirMode);
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      const stats = lstatSync(path, { throwIfNoEntry: false });
      if (!stats || stats.isSymbolicLink()) continue;
      if (stats.isDirectory()) {
        if (level < depth) walk(path, level + 1);
        else chmodSync(path, privateDirMode);
      } else if (stats.isFile() && (stats.mode & 0o777) !== privateFileMode) chmodSync(path, privateFileMode);
    }
  };
  walk(root, 1);
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
