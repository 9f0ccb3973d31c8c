import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { shellShortcuts } from '../renderer/src/shell/shortcut-list';

/** The `?` help and the keys the renderer binds stay one list (the help lacked Ctrl+P). */

const rendererDir = resolve(__dirname, '..', 'renderer', 'src');

/** Every key a screen binds with useShortcuts: `F8:`, `'Ctrl+P':`, `Escape:` in a bindings object. */
function boundKeys(): Set<string> {
  const keys = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.tsx$/.test(entry.name) && !/\.test\./.test(entry.name)) {
        const text = readFileSync(path, 'utf8');
        if (!text.includes('useShortcuts')) continue;
        for (const m of text.matchAll(
          /(?:^|[\s{,])'?((?:Ctrl\+|Shift\+|Alt\+)*(?:F\d{1,2}|Escape|Enter|[A-Z?]))'?:\s*(?:\(|[a-zA-Z])/gm,
        )) {
          keys.add(m[1]!);
        }
      }
    }
  };
  walk(rendererDir);
  return keys;
}

describe('the ? help', () => {
  it('lists every key a screen binds (it lacked Ctrl+P)', () => {
    const listed = new Set<string>(shellShortcuts.map((s) => (s.keys === 'Esc' ? 'Escape' : s.keys)));
    const bound = boundKeys();
    expect(bound.has('Ctrl+P')).toBe(true);
    expect(bound.has('F8')).toBe(true);
    const missing = [...bound].filter((k) => !listed.has(k));
    expect(missing).toEqual([]);
  });
});
