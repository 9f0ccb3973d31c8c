import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// Small, named pieces: no source file (tests and generated files aside) over 600 lines, and one
// over 400 says at its top why it is long ("on purpose", in a comment of its first lines).
const root = resolve(__dirname, '..');
const soft = 400;
const hard = 600;

function sourceFiles(): string[] {
  return execFileSync('git', ['ls-files', '-co', '--exclude-standard'], { cwd: root, encoding: 'utf8' })
    .split('\n')
    .filter((f) => /\.(ts|tsx|mjs|cjs)$/.test(f))
    .filter((f) => !/\.test\.tsx?$/.test(f) && !/(^|\/)(node_modules|dist|out|migrations)\//.test(f));
}

describe('file size', () => {
  const sizes = sourceFiles().map((file) => {
    const text = readFileSync(resolve(root, file), 'utf8');
    return { file, lines: text.split('\n').length, head: text.split('\n').slice(0, 8).join('\n') };
  });

  it('looks at the whole tree', () => {
    expect(sizes.length).toBeGreaterThan(300);
  });

  it(`has no source file over ${hard} lines`, () => {
    expect(sizes.filter((s) => s.lines > hard).map((s) => `${s.file}: ${s.lines}`)).toEqual([]);
  });

  it(`says why, at the top, in every file over ${soft} lines`, () => {
    const unexplained = sizes.filter((s) => s.lines > soft && !/^\s*(\/\/|\*|\/\*).*on purpose/m.test(s.head));
    expect(unexplained.map((s) => `${s.file}: ${s.lines}`)).toEqual([]);
  });
});
