import type { Sqlite } from '../../main/db/connection';
import { openEncryptedDatabase } from '../../main/db/open';
import { passphraseProtector } from '../../main/security/protectors';
import { e2ePassphrase } from './host';

/** Opens a running host's encrypted database behind its back (a broken disk, a hand edit), with the e2e passphrase. */
export async function openHostDatabase(dataDir: string): Promise<Sqlite> {
  return (await openEncryptedDatabase(dataDir, [passphraseProtector(e2ePassphrase)])).sqlite;
}
