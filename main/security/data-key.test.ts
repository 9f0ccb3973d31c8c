import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir, removeTempDir } from '../testing/workstation';
import { DataKeyError, keyFilePath, readKeyFile, recoverDataKey, renewRecoveryCode, unlockDataKey } from './data-key';
import {
  keyringProtector,
  normalizeRecoveryCode,
  passphraseProtector,
  safeStorageProtector,
  testPassphraseCost,
  type KeyringEntryLike,
  type SafeStorageLike,
} from './protectors';

let dir: string;
beforeEach(() => {
  dir = makeTempDir('yichuang-keys-');
});
afterEach(() => removeTempDir(dir));

const now = new Date('2026-12-07T01:00:00Z');
const passphrase = (text = 'correct horse battery') => passphraseProtector(text, testPassphraseCost);

async function problemOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DataKeyError);
  return (error as DataKeyError).problem;
}

/** A keyring as the OS offers it: a map; `denied` answers as a headless Linux does. */
function fakeKeyring(denied = false) {
  const store = new Map<string, string>();
  const entry = (service: string, account: string): KeyringEntryLike => ({
    getPassword: () => (denied ? null : (store.get(`${service}/${account}`) ?? null)),
    setPassword: (value) => {
      if (denied) throw new Error("Couldn't access platform storage: AccessDenied");
      store.set(`${service}/${account}`, value);
    },
    deletePassword: () => store.delete(`${service}/${account}`),
  });
  return { entry, store };
}

/** safeStorage as Electron offers it, with a reversible "encryption" and a chosen Linux backend. */
function fakeSafeStorage(backend = 'gnome_libsecret', available = true): SafeStorageLike {
  return {
    isEncryptionAvailable: () => available,
    getSelectedStorageBackend: () => backend,
    encryptString: (plain) => Buffer.from(`os:${plain}`).reverse(),
    decryptString: (encrypted) => Buffer.from(encrypted).reverse().toString().replace(/^os:/, ''),
  };
}

describe('the data key', () => {
  it('is made at first start, kept only wrapped (0600 file), with a recovery code shown once', async () => {
    const first = await unlockDataKey({ dataDir: dir, protectors: [passphrase()], hasEncryptedData: false, now });
    expect(first.dataKey).toHaveLength(32);
    expect(first.via).toBe('passphrase');
    expect(normalizeRecoveryCode(first.recoveryCode!)).not.toBeNull();
    expect(first.recoveryCode).toMatch(/^([0-9A-Z]{4}-){7}[0-9A-Z]{4}$/);
    const file = readFileSync(keyFilePath(dir));
    expect(file.includes(first.dataKey)).toBe(false);
    expect(file.includes(Buffer.from(first.dataKey.toString('base64')))).toBe(false);
    expect(file.includes(Buffer.from(first.dataKey.toString('hex')))).toBe(false);
    expect(statSync(keyFilePath(dir)).mode & 0o777).toBe(0o600);
    expect(readKeyFile(dir)!.wrapped.map((w) => w.kind)).toEqual(['passphrase', 'recovery']);

    const again = await unlockDataKey({ dataDir: dir, protectors: [passphrase()], hasEncryptedData: true, now });
    expect(again.dataKey.equals(first.dataKey)).toBe(true);
    expect(again.recoveryCode).toBeNull();
  });

  it('refuses a wrong passphrase, a missing key file beside encrypted data, a damaged key file, and no protector', async () => {
    await unlockDataKey({ dataDir: dir, protectors: [passphrase()], hasEncryptedData: false, now });
    expect(
      await problemOf(
        unlockDataKey({ dataDir: dir, protectors: [passphrase('wrong horse battery')], hasEncryptedData: true, now }),
      ),
    ).toBe('locked');
    const other = makeTempDir('yichuang-keys-');
    try {
      expect(
        await problemOf(unlockDataKey({ dataDir: other, protectors: [passphrase()], hasEncryptedData: true, now })),
      ).toBe('key_file_missing');
      expect(
        await problemOf(
          unlockDataKey({ dataDir: other, protectors: [passphrase('short')], hasEncryptedData: false, now }),
        ),
      ).toBe('no_protector');
      writeFileSync(keyFilePath(other), '{"version":1');
      expect(
        await problemOf(unlockDataKey({ dataDir: other, protectors: [passphrase()], hasEncryptedData: true, now })),
      ).toBe('key_file_damaged');
    } finally {
      removeTempDir(other);
    }
  });

  it('the error says what to do, in Chinese first', () => {
    const error = new DataKeyError('locked');
    expect(error.message).toMatch(/^无法解锁本机数据/);
    expect(error.message).toContain('YICHUANG_PASSPHRASE');
  });

  it('the recovery code opens it when the passphrase is forgotten, and the new passphrase replaces the old', async () => {
    const { dataKey, recoveryCode } = await unlockDataKey({
      dataDir: dir,
      protectors: [passphrase()],
      hasEncryptedData: false,
      now,
    });
    expect(
      await problemOf(
        recoverDataKey({
          dataDir: dir,
          recoveryCode: 'AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA',
          protectors: [passphrase('a new passphrase 2')],
        }),
      ),
    ).toBe('bad_recovery_code');
    // Typed from paper: lower case, spaces instead of dashes, O for 0.
    const typed = recoveryCode!.toLowerCase().replace(/-/g, ' ').replace(/0/g, 'o');
    const recovered = await recoverDataKey({
      dataDir: dir,
      recoveryCode: typed,
      protectors: [passphrase('a new passphrase 2')],
    });
    expect(recovered.equals(dataKey)).toBe(true);
    expect(
      await problemOf(unlockDataKey({ dataDir: dir, protectors: [passphrase()], hasEncryptedData: true, now })),
    ).toBe('locked');
    const opened = await unlockDataKey({
      dataDir: dir,
      protectors: [passphrase('a new passphrase 2')],
      hasEncryptedData: true,
      now,
    });
    expect(opened.dataKey.equals(dataKey)).toBe(true);
  });

  it('a renewed recovery code replaces the old one: the old sheet stops working', async () => {
    const { dataKey, recoveryCode } = await unlockDataKey({
      dataDir: dir,
      protectors: [passphrase()],
      hasEncryptedData: false,
      now,
    });
    const renewed = renewRecoveryCode(dir, dataKey);
    expect(renewed).not.toBe(recoveryCode);
    expect(
      await problemOf(recoverDataKey({ dataDir: dir, recoveryCode: recoveryCode!, protectors: [passphrase()] })),
    ).toBe('bad_recovery_code');
    expect(
      (await recoverDataKey({ dataDir: dir, recoveryCode: renewed, protectors: [passphrase()] })).equals(dataKey),
    ).toBe(true);
  });
});

describe('the OS protectors', () => {
  it('safeStorage wraps the key; on Linux its basic_text backend (a fixed key) is refused', async () => {
    expect(await safeStorageProtector(fakeSafeStorage('basic_text'), 'linux').unavailable()).toMatch(/basic_text/);
    expect(await safeStorageProtector(fakeSafeStorage('unknown'), 'linux').unavailable()).toMatch(/unknown/);
    expect(await safeStorageProtector(fakeSafeStorage('basic_text', false), 'win32').unavailable()).toMatch(
      /not available/,
    );
    const good = safeStorageProtector(fakeSafeStorage(), 'linux');
    expect(await good.unavailable()).toBeNull();
    const first = await unlockDataKey({ dataDir: dir, protectors: [good, passphrase()], hasEncryptedData: false, now });
    expect(first.via).toBe('safeStorage');
    expect(readKeyFile(dir)!.wrapped.map((w) => w.kind)).toEqual(['safeStorage', 'passphrase', 'recovery']);
    // The refused backend is skipped at the next start: the passphrase opens it.
    const next = await unlockDataKey({
      dataDir: dir,
      protectors: [safeStorageProtector(fakeSafeStorage('basic_text'), 'linux'), passphrase()],
      hasEncryptedData: true,
      now,
    });
    expect(next.dataKey.equals(first.dataKey)).toBe(true);
  });

  it('the keyring keeps a wrapping key; a headless machine (AccessDenied) is unavailable, and the passphrase takes over', async () => {
    const denied = keyringProtector(fakeKeyring(true).entry, 'data-key:x');
    expect(await denied.unavailable()).toMatch(/AccessDenied/);
    const first = await unlockDataKey({
      dataDir: dir,
      protectors: [denied, passphrase()],
      hasEncryptedData: false,
      now,
    });
    expect(first.via).toBe('passphrase');

    const other = makeTempDir('yichuang-keys-');
    try {
      const keyring = fakeKeyring();
      const protector = keyringProtector(keyring.entry, 'data-key:y');
      expect(await protector.unavailable()).toBeNull();
      const made = await unlockDataKey({ dataDir: other, protectors: [protector], hasEncryptedData: false, now });
      expect(made.via).toBe('keyring');
      // The probe left nothing behind; the keyring holds a wrapping key, not the data key.
      expect([...keyring.store.keys()]).toEqual(['Yichuang/data-key:y']);
      expect(Buffer.from(keyring.store.get('Yichuang/data-key:y')!, 'base64').equals(made.dataKey)).toBe(false);
      const opened = await unlockDataKey({ dataDir: other, protectors: [protector], hasEncryptedData: true, now });
      expect(opened.dataKey.equals(made.dataKey)).toBe(true);
      // The keyring lost (a new PC profile): locked, and the recovery code is the way back.
      keyring.store.clear();
      expect(
        await problemOf(unlockDataKey({ dataDir: other, protectors: [protector], hasEncryptedData: true, now })),
      ).toBe('locked');
      const recovered = await recoverDataKey({
        dataDir: other,
        recoveryCode: made.recoveryCode!,
        protectors: [protector],
      });
      expect(recovered.equals(made.dataKey)).toBe(true);
      expect((await unlockDataKey({ dataDir: other, protectors: [protector], hasEncryptedData: true, now })).via).toBe(
        'keyring',
      );
    } finally {
      removeTempDir(other);
    }
  });
});
