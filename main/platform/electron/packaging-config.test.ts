import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

/*
 * Packaging cannot run here (electron-builder downloads Electron, and its native rebuild must not
 * touch this machine's node_modules), so the fuses are checked in the configuration it reads.
 */
const root = join(__dirname, '..', '..', '..');
const config = parse(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as Record<string, unknown>;

describe('electron-builder.yml', () => {
  it('flips the Electron fuses that close the runtime', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
  });

  it('names only fuses that the installed electron-builder knows', () => {
    // electron-builder validates its configuration against this schema and stops at an unknown key.
    const scheme = createRequire(join(root, 'package.json'))('app-builder-lib/scheme.json') as {
      definitions: { FuseOptionsV1: { properties: Record<string, unknown> } };
    };
    const known = Object.keys(scheme.definitions.FuseOptionsV1.properties);
    expect(known.length).toBeGreaterThan(0);
    for (const fuse of Object.keys(config.electronFuses as object)) expect(known).toContain(fuse);
  });

  it('packs the app into an asar archive (onlyLoadAppFromAsar needs one)', () => {
    expect(config.asar).toBe(true);
  });
});
