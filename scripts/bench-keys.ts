import { hostProtectors, passphraseVariable } from '../main/security/keys';
import type { KeyProtector } from '../main/security/protectors';

/** The benchmark runs on encrypted data like a window: the passphrase path at its real scrypt cost. */
export const benchPassphrase = process.env[passphraseVariable] ?? 'bench-passphrase-2026';

export function benchProtectors(dataDir: string): KeyProtector[] {
  return hostProtectors({ dataDir, env: { [passphraseVariable]: benchPassphrase }, keyring: null });
}
