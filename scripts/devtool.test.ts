import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodedFrameSchema } from '../preload/contract/devices';
import { unlockDataKey } from '../main/security/data-key';
import { passphraseProtector, testPassphraseCost } from '../main/security/protectors';
import { makePng } from '@yichuang/domain/testing/images';
import { makeBombPdf, makeJpeg, makePdf, withPngSize } from '../main/testing/sample-files';

const root = resolve(__dirname, '..');
const dir = mkdtempSync(join(tmpdir(), 'yichuang-devtool-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function devtool(args: string[], input?: string, env: Record<string, string> = {}) {
  const result = spawnSync('npx', ['tsx', 'scripts/devtool.ts', ...args], {
    cwd: root,
    encoding: 'utf8',
    input,
    env: { ...process.env, FORCE_COLOR: '0', ...env },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('npm run devtool', () => {
  it('decodes a hex dump file into one JSON frame per line, and exits 1 for a bad frame', () => {
    const file = join(dir, 'capture.txt');
    writeFileSync(
      file,
      [
        '# find card with a corrupted checksum, then a good one and its reply',
        '00 13',
        '> AA AA AA 96 69 00 03 20 01 23',
        '> AA AA AA 96 69 00 03 20 01 22',
        '< AA AA AA 96 69 00 08 00 00 9F 00 00 00 00 97',
        '',
      ].join('\n'),
    );
    const bad = devtool(['decode-frames', file]);
    expect(bad.code).toBe(1);
    const frames = bad.stdout
      .trim()
      .split('\n')
      .map((line) => decodedFrameSchema.parse(JSON.parse(line)));
    expect(frames.map((f) => f.kind)).toEqual(['garbage', 'error', 'command', 'response']);
    expect(frames[3]).toMatchObject({ command: 'findCard', status: { code: 0x9f, ok: true } });
    expect(bad.stderr).toContain('坏帧 1 个');

    // The same traffic without the bad frame, from stdin: exit 0.
    const good = devtool(
      ['decode-frames', '-'],
      'AA AA AA 96 69 00 03 20 01 22 AA AA AA 96 69 00 08 00 00 9F 00 00 00 00 97',
    );
    expect(good.code).toBe(0);
    expect(good.stdout.trim().split('\n')).toHaveLength(2);

    // Bad usage and unreadable input: exit 2 with a usage message or the reason.
    for (const args of [[], ['nonsense'], ['decode-frames'], ['decode-frames', file, '--bogus']]) {
      const usage = devtool(args);
      expect(usage.code, args.join(' ')).toBe(2);
      expect(usage.stderr).toContain('用法');
    }
    const notHex = devtool(['decode-frames', '-'], 'AA ZZ');
    expect(notHex.code).toBe(2);
    expect(notHex.stderr).toContain('不是十六进制数字');
    expect(devtool(['decode-frames', join(dir, 'missing.txt')]).code).toBe(2);
  }, 60_000);

  it('recover-key opens the data key with the recovery code and hands it to the new passphrase', async () => {
    const dataDir = join(dir, 'recover');
    const old = passphraseProtector('the old passphrase', testPassphraseCost);
    const made = await unlockDataKey({ dataDir, protectors: [old], hasEncryptedData: false, now: new Date() });
    const wrong = devtool(['recover-key', '--data-dir', dataDir], undefined, {
      YICHUANG_RECOVERY_KEY: '0000-0000-0000-0000-0000-0000-0000-0000',
      YICHUANG_PASSPHRASE: 'a brand new passphrase',
    });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('恢复密钥不对');
    const right = devtool(['recover-key', '--data-dir', dataDir], undefined, {
      YICHUANG_RECOVERY_KEY: made.recoveryCode!,
      YICHUANG_PASSPHRASE: 'a brand new passphrase',
    });
    expect(right.stderr).toBe('');
    expect(right.code).toBe(0);
    const reopened = await unlockDataKey({
      dataDir,
      protectors: [passphraseProtector('a brand new passphrase')],
      hasEncryptedData: true,
      now: new Date(),
    });
    expect(reopened.dataKey.equals(made.dataKey)).toBe(true);
  }, 60_000);

  it('check-file: the import checks on a file, a verdict in Chinese and English within 30 s whatever the file', async () => {
    const pdf = await makePdf(3);
    const jpeg = makeJpeg(5, 3);
    const files: [string, Buffer, number, string][] = [
      ['good.pdf', pdf, 0, '可以导入：PDF，3 页\nAccepted: PDF, 3 pages\n'],
      ['bomb.pdf', makeBombPdf('object-stream', 1024), 2, '过于复杂，无法在限定时间内检查'],
      [
        'polyglot.jpg',
        Buffer.concat([jpeg.subarray(0, 2), Buffer.from('\xff\xfe\x00\x0b%PDF-1.7\n', 'latin1'), jpeg.subarray(2)]),
        2,
        '不是图片或 PDF',
      ],
      ['truncated.pdf', pdf.subarray(0, pdf.length >> 1), 2, 'Refused: File truncated.pdf is encrypted or damaged'],
      ['huge.png', withPngSize(makePng(3, 2), 30_000, 30_000), 2, '30000×30000 像素'],
    ];
    for (const [name, bytes, code, says] of files) {
      writeFileSync(join(dir, name), bytes);
      const started = performance.now();
      const result = devtool(['check-file', join(dir, name)]);
      expect(performance.now() - started, name).toBeLessThan(30_000);
      expect(result.code, `${name}: ${result.stderr}`).toBe(code);
      expect(result.stdout).toContain(says);
    }
  }, 180_000);
});
