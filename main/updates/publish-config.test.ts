import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

/*
 * electron-builder cannot run here, so the `publish` entry it reads is checked in the file: one
 * generic provider (it makes electron-builder write latest*.yml, the blockmaps and app-update.yml)
 * whose address is a placeholder; the real feed is set at run time (main/updates/feed.ts).
 */
const root = join(__dirname, '..', '..');
const config = parse(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as { publish?: unknown };

describe('the publish entry of electron-builder.yml', () => {
  it('is one generic provider with a placeholder address and no build-time variable', () => {
    expect(config.publish).toEqual([
      { provider: 'generic', url: 'https://central.invalid/updates/', channel: 'latest' },
    ]);
    // `${env.X}` fails the build when X is not set; no address needs baking in.
    expect(JSON.stringify(config.publish)).not.toContain('${');
    // .invalid never resolves (RFC 6761): the placeholder cannot reach anyone.
    const [entry] = config.publish as { url: string }[];
    expect(new URL(entry!.url).hostname.endsWith('.invalid')).toBe(true);
  });

  it('uses only options the installed electron-builder knows for a generic provider', () => {
    const scheme = createRequire(join(root, 'package.json'))('app-builder-lib/scheme.json') as {
      definitions: { GenericServerOptions: { properties: Record<string, unknown>; required: string[] } };
    };
    const { properties, required } = scheme.definitions.GenericServerOptions;
    for (const entry of config.publish as Record<string, unknown>[]) {
      for (const key of Object.keys(entry)) expect(Object.keys(properties)).toContain(key);
      for (const key of required) expect(entry).toHaveProperty(key);
    }
  });
});
