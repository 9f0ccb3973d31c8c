import { join } from 'node:path';
import { openDatabase, type Sqlite } from '../../main/db/connection';
import { unlockDataKey } from '../../main/security/data-key';
import { deriveWorkstationKeys } from '../../main/security/keys';
import { passphraseProtector } from '../../main/security/protectors';
import { e2ePassphrase } from './host';

/** Opens a running host's encrypted database behind its back (a broken disk, a hand edit), with the e2e passphrase. */
export async function openHostDatabase(dataDir: string): Promise<Sqlite> {
  const { dataKey } = await unlockDataKey({
    dataDir,
    protectors: [passphraseProtector(e2ePassphrase)],
    hasEncryptedData: true,
    now: new Date(),
  });
  return openDatabase(join(dataDir, 'yichuang.db'), deriveWorkstationKeys(dataKey).database);
}
