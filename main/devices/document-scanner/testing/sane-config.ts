import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A private SANE configuration for one test or bench run, so `scanimage` loads only the backends
 * named here: the system's full list has backends (epson2, pixma, escl, airscan with discovery)
 * that broadcast or multicast on the network when they list devices. Pass `env` to the child.
 */
export interface PrivateSaneConfig {
  dir: string;
  /** process.env with SANE_CONFIG_DIR set to `dir` (no trailing colon: the system folders are not read). */
  env: NodeJS.ProcessEnv;
  remove(): void;
}

export function privateSaneConfig(options: {
  /** SANE's virtual `test` backend (pages with no hardware; its feeder holds 10). */
  test?: boolean;
  /** eSCL devices for `sane-airscan`, with its discovery switched off. */
  airscan?: readonly { name: string; url: string }[];
  /**
   * The `test` backend's settings, written to its test.conf (see /etc/sane.d/test.conf): e.g.
   * `{ 'read-status-code': 'SANE_STATUS_JAMMED' }` to make it fail, `{ 'read-delay': true }` to slow it.
   */
  testConf?: Readonly<Record<string, string | number | boolean>>;
}): PrivateSaneConfig {
  const dir = mkdtempSync(join(tmpdir(), 'yichuang-sane-'));
  const backends = [...(options.test ? ['test'] : []), ...(options.airscan ? ['airscan'] : [])];
  writeFileSync(join(dir, 'dll.conf'), `${backends.join('\n')}\n`);
  if (options.airscan) {
    const devices = options.airscan.map((d) => `"${d.name.replaceAll('"', '')}" = ${d.url}, eSCL`);
    writeFileSync(
      join(dir, 'airscan.conf'),
      ['[options]', 'discovery = disable', '', '[devices]', ...devices, ''].join('\n'),
    );
  }
  if (options.testConf) {
    // Words are quoted (the backend reads `"Color pattern"` as one value); numbers and booleans are not.
    const lines = Object.entries(options.testConf).map(
      ([key, value]) => `${key} ${typeof value === 'string' ? `"${value.replaceAll('"', '')}"` : String(value)}`,
    );
    writeFileSync(join(dir, 'test.conf'), `${lines.join('\n')}\n`);
  }
  return {
    dir,
    env: { ...process.env, SANE_CONFIG_DIR: dir },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
