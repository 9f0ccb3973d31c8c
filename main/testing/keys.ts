import { deriveWorkstationKeys, type WorkstationKeys } from '../security/keys';
import { passphraseProtector, testPassphraseCost, type KeyProtector } from '../security/protectors';

/** Test helpers only: the passphrase every test workstation's data key is wrapped with. */
export const testPassphrase = 'test-passphrase-2026';

/** The passphrase protector at a cheap scrypt cost: hundreds of test workstations start in a run. */
export function testProtectors(passphrase = testPassphrase): KeyProtector[] {
  return [passphraseProtector(passphrase, testPassphraseCost)];
}

/** Fixed keys for unit tests that open a database or a store without a key file. */
export const testKeys: WorkstationKeys = deriveWorkstationKeys(Buffer.alloc(32, 7));

/** The material store's keys under `testKeys`. */
export const testMaterialKeys = { content: testKeys.materials, names: testKeys.materialNames };
