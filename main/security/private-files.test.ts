import { chmodSync, existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir, removeTempDir } from '../testing/workstation';
import { securePermissions, writePrivateFile } from './private-files';

let dir: string;
beforeEach(() => {
  dir = makeTempDir('yichuang-private-');
});
afterEach(() => removeTempDir(dir));

const mode = (path: string) => statSync(path).mode & 0o777;

describe('the data folder is the staff’s alone', () => {
  it('closes a folder an older version left open, once, all the way down; then watches its top level', () => {
    mkdirSync(join(dir, 'materials', 'ab'), { recursive: true });
    writeFileSync(join(dir, 'yichuang.db'), 'x', { mode: 0o644 });
    writeFileSync(join(dir, 'materials', 'ab', 'file'), 'x', { mode: 0o644 });
    chmodSync(dir, 0o755);
    chmodSync(join(dir, 'materials'), 0o755);
    securePermissions(dir);
    expect(mode(dir)).toBe(0o700);
    expect(mode(join(dir, 'materials'))).toBe(0o700);
    expect(mode(join(dir, 'materials', 'ab'))).toBe(0o700);
    expect(mode(join(dir, 'yichuang.db'))).toBe(0o600);
    expect(mode(join(dir, 'materials', 'ab', 'file'))).toBe(0o600);
    expect(existsSync(join(dir, '.private-v1'))).toBe(true);

    // Later starts: the folder and its first level are checked again.
    chmodSync(join(dir, 'yichuang.db'), 0o644);
    chmodSync(join(dir, 'materials'), 0o755);
    securePermissions(dir);
    expect(mode(join(dir, 'yichuang.db'))).toBe(0o600);
    expect(mode(join(dir, 'materials'))).toBe(0o700);
  });

  it('writes a small file whole, 0600, replacing the old one', () => {
    const file = join(dir, 'sub', 'keys.json');
    writePrivateFile(file, 'one');
    writePrivateFile(file, 'two');
    expect(mode(file)).toBe(0o600);
    expect(mode(join(dir, 'sub'))).toBe(0o700);
  });
});
