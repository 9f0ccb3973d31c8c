import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// The shape of the house, checked: no import cycles (type-only imports included, which eslint's
// import-x/no-cycle does not follow), and central's dependencies never in the desktop app's.
const root = resolve(__dirname, '..');
const rooms = ['main', 'preload', 'renderer', 'central', 'domain'];
const readJson = (file: string) =>
  JSON.parse(readFileSync(resolve(root, file), 'utf8')) as {
    dependencies?: Record<string, string>;
    devDependencies?: Record<string, string>;
  };

describe('structure', () => {
  it('has no import cycles, following type-only imports too', () => {
    // The CLI, as a person would run it, with the repo's configuration.
    const run = spawnSync(
      process.execPath,
      [
        resolve(root, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs'),
        '--config',
        '.dependency-cruiser.cjs',
        '--output-type',
        'json',
        ...rooms,
      ],
      { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
    );
    const result = JSON.parse(run.stdout) as {
      summary: {
        totalCruised: number;
        violations: { from: string; rule: { name: string }; cycle?: { name: string }[] }[];
      };
    };
    const cycles = result.summary.violations
      .filter((v) => v.rule.name === 'no-cycle')
      .map((v) => [v.from, ...(v.cycle ?? []).map((c) => c.name)].join(' → '));
    expect(cycles).toEqual([]);
    // It looked at the whole tree (a wrong folder would find nothing and pass).
    expect(result.summary.totalCruised).toBeGreaterThan(300);
  }, 60_000);

  it('keeps central out of the desktop app: its server dependencies live in central/package.json', () => {
    const app = readJson('package.json');
    const central = readJson('central/package.json');
    const serverOnly = ['fastify', '@electric-sql/pglite', 'pg', '@tus/server', '@tus/file-store'];
    const forbidden = (name: string) =>
      serverOnly.includes(name) || name.startsWith('fastify') || name.startsWith('@fastify/');
    expect(Object.keys(app.dependencies ?? {}).filter(forbidden)).toEqual([]);
    for (const name of serverOnly) expect(central.dependencies?.[name], name).toBeTruthy();
    // Same versions wherever both declare a package, so npm hoists one copy and central/ has no node_modules.
    for (const [name, version] of Object.entries(central.dependencies ?? {})) {
      const mine = app.dependencies?.[name] ?? app.devDependencies?.[name];
      if (mine) expect(mine, name).toBe(version);
    }
    expect(existsSync(resolve(root, 'central', 'node_modules'))).toBe(false);
  });
});
