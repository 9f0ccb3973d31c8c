import { describe, expect, it } from 'vitest';
import { runScanimage, scanimageEnv, type ScanimageTool } from './run';

// `sleep` and `sh` stand in for a scanimage that never answers: what is tested is the child handling.
const tool = (path: string): ScanimageTool => ({ path, env: process.env, killAfterMs: 300 });

describe('scanimageEnv', () => {
  it('runs scanimage in the C locale, so its messages come in English on a Chinese desktop', () => {
    const env = scanimageEnv({ PATH: '/usr/bin', LANG: 'zh_CN.UTF-8', LANGUAGE: 'zh_CN:zh', SANE_CONFIG_DIR: '/x' });
    expect(env).toEqual({ PATH: '/usr/bin', LANG: 'zh_CN.UTF-8', LC_ALL: 'C', SANE_CONFIG_DIR: '/x' });
  });
});

describe('runScanimage', () => {
  it('returns the output and exit status', async () => {
    const run = await runScanimage(tool('/bin/sh'), ['-c', 'echo out; echo err >&2; exit 3'], { timeoutMs: 5_000 });
    expect(run).toEqual({ stdout: 'out\n', stderr: 'err\n', code: 3 });
  });

  it('stops a child that takes too long: docscan_timeout', async () => {
    const started = Date.now();
    await expect(runScanimage(tool('sleep'), ['30'], { timeoutMs: 200 })).rejects.toMatchObject({
      code: 'docscan_timeout',
    });
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('stops the child on abort and rejects with the abort', async () => {
    const abort = new AbortController();
    setTimeout(() => abort.abort(), 100);
    await expect(
      runScanimage(tool('sleep'), ['30'], { signal: abort.signal, timeoutMs: 10_000 }),
    ).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('says the tool is missing when it is', async () => {
    await expect(runScanimage(tool('/nonexistent/scanimage'), ['-L'], { timeoutMs: 1_000 })).rejects.toMatchObject({
      code: 'docscan_tool_missing',
      params: { tool: 'scanimage' },
    });
  });
});
