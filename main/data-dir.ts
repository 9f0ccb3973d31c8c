import { cpSync, existsSync, renameSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

const appName = 'Yichuang';

interface Where {
  platform?: NodeJS.Platform;
  env?: NodeJS.ProcessEnv;
  home?: string;
}

/**
 * Where the workstation's data lives, the same for both hosts: %LOCALAPPDATA%\Yichuang on Windows
 * (the local profile: roaming AppData follows the user to other PCs, and the data must not),
 * ~/Library/Application Support/Yichuang on macOS, $XDG_CONFIG_HOME/Yichuang elsewhere.
 */
export function defaultDataDir({
  platform = process.platform,
  env = process.env,
  home = homedir(),
}: Where = {}): string {
  if (platform === 'win32') return join(env.LOCALAPPDATA ?? join(home, 'AppData', 'Local'), appName);
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', appName);
  return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), appName);
}

/** Where versions before 0.2 kept the data on Windows: roaming AppData (Electron's default userData). */
export function legacyDataDir({ platform = process.platform, env = process.env, home = homedir() }: Where = {}):
  string | null {
  if (platform !== 'win32') return null;
  return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), appName);
}

/**
 * Moves the data from the legacy place to `target` once: only when the legacy folder holds a
 * database and `target` holds none. A move across volumes copies, then removes the old folder.
 * Returns true when it moved something.
 */
export function moveLegacyDataDir(target: string, where: Where = {}): boolean {
  const legacy = legacyDataDir(where);
  if (!legacy || legacy === target || !existsSync(join(legacy, 'yichuang.db'))) return false;
  if (existsSync(join(target, 'yichuang.db'))) return false;
  try {
    renameSync(legacy, target);
  } catch {
    // Another volume, or a target folder that already exists (without a database): copy, keep
    // what is there, then remove the old folder.
    cpSync(legacy, target, { recursive: true, force: false });
    rmSync(legacy, { recursive: true, force: true });
  }
  return true;
}
