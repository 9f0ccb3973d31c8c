import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultDataDir, legacyDataDir, moveLegacyDataDir } from './data-dir';
import { makeTempDir, removeTempDir } from './testing/workstation';

let home: string;
beforeEach(() => {
  home = makeTempDir('yichuang-home-');
});
afterEach(() => removeTempDir(home));

describe('where the data lives', () => {
  it('on Windows in the local profile, never the roaming one', () => {
    const env = { APPDATA: join(home, 'Roaming'), LOCALAPPDATA: join(home, 'Local') };
    expect(defaultDataDir({ platform: 'win32', env, home })).toBe(join(home, 'Local', 'Yichuang'));
    expect(legacyDataDir({ platform: 'win32', env, home })).toBe(join(home, 'Roaming', 'Yichuang'));
    expect(defaultDataDir({ platform: 'linux', env: {}, home })).toBe(join(home, '.config', 'Yichuang'));
    expect(legacyDataDir({ platform: 'linux', env: {}, home })).toBeNull();
  });

  it('moves the roaming folder to the local one once, and never over data already there', () => {
    const env = { APPDATA: join(home, 'Roaming'), LOCALAPPDATA: join(home, 'Local') };
    const where = { platform: 'win32' as const, env, home };
    const legacy = legacyDataDir(where)!;
    const target = defaultDataDir(where);
    mkdirSync(join(legacy, 'materials'), { recursive: true });
    writeFileSync(join(legacy, 'yichuang.db'), 'old database');
    writeFileSync(join(legacy, 'materials', 'm'), 'scan');
    expect(moveLegacyDataDir(target, where)).toBe(true);
    expect(existsSync(legacy)).toBe(false);
    expect(readFileSync(join(target, 'yichuang.db'), 'utf8')).toBe('old database');
    expect(readFileSync(join(target, 'materials', 'm'), 'utf8')).toBe('scan');
    // Again: nothing to move.
    expect(moveLegacyDataDir(target, where)).toBe(false);
    // A roaming folder reappearing (a profile sync) never replaces the local data.
    mkdirSync(legacy, { recursive: true });
    writeFileSync(join(legacy, 'yichuang.db'), 'stale');
    expect(moveLegacyDataDir(target, where)).toBe(false);
    expect(readFileSync(join(target, 'yichuang.db'), 'utf8')).toBe('old database');
  });
});
