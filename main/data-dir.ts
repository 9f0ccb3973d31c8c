import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Where Electron keeps userData for this app, so both hosts open the same database by default:
 * %APPDATA%\Yichuang, ~/Library/Application Support/Yichuang, or $XDG_CONFIG_HOME/Yichuang.
 */
export function defaultDataDir(): string {
  const name = 'Yichuang';
  if (process.platform === 'win32') return join(process.env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), name);
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support', name);
  return join(process.env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), name);
}
