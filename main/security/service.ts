import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Clock } from '../app/clock';
import { deriveKey, seal, unseal } from './crypto';
import { readKeyFile, renewRecoveryCode } from './data-key';
import { writePrivateFile } from './private-files';
import type { ProtectorKind } from './protectors';

/**
 * The workstation's own view of its keys, for the administrator: what protects the data key, and
 * the recovery code between the moment it is made (first start, or a renewal) and the moment the
 * administrator says the sheet is printed and sealed. Until then the code waits sealed under the
 * data key (`recovery-pending`), so a restart does not lose it; after that it exists only on paper.
 */

export interface SecurityStatus {
  protectedBy: ProtectorKind;
  protectors: ProtectorKind[];
  keyCreatedAt: string | null;
  recoveryPending: boolean;
}

export interface PendingRecovery {
  code: string;
  issuedAt: string;
}

export interface SecurityService {
  status(): SecurityStatus;
  /** The recovery code waiting to be printed, or null once it was confirmed saved. */
  pendingRecovery(): PendingRecovery | null;
  /** The sheet is printed and sealed: the code is forgotten here. */
  confirmRecoverySaved(): void;
  /** A new recovery code replaces the old (the old sheet stops working); it waits to be printed. */
  renewRecovery(): PendingRecovery;
}

const pendingFile = 'recovery-pending';
const pendingAad = 'yichuang/recovery-pending';

export function createSecurityService(deps: {
  dataDir: string;
  dataKey: Buffer;
  clock: Clock;
  via: ProtectorKind;
  /** Set on the first start: the code made with the data key, to be printed. */
  recoveryCodeAtStart: string | null;
}): SecurityService {
  const key = deriveKey(deps.dataKey, 'recovery-pending');
  const path = join(deps.dataDir, pendingFile);

  function keep(pending: PendingRecovery): void {
    writePrivateFile(path, seal(key, Buffer.from(JSON.stringify(pending), 'utf8'), pendingAad));
  }

  function pending(): PendingRecovery | null {
    if (!existsSync(path)) return null;
    try {
      return JSON.parse(unseal(key, readFileSync(path), pendingAad).toString('utf8')) as PendingRecovery;
    } catch {
      // Damaged or from another key: useless; a renewal makes a new one.
      return null;
    }
  }

  if (deps.recoveryCodeAtStart) keep({ code: deps.recoveryCodeAtStart, issuedAt: deps.clock.now().toISOString() });

  return {
    status() {
      const file = readKeyFile(deps.dataDir);
      return {
        protectedBy: deps.via,
        protectors: [...new Set((file?.wrapped ?? []).map((w) => w.kind))],
        keyCreatedAt: file?.createdAt ?? null,
        recoveryPending: pending() !== null,
      };
    },
    pendingRecovery: pending,
    confirmRecoverySaved() {
      rmSync(path, { force: true });
    },
    renewRecovery() {
      const renewed = { code: renewRecoveryCode(deps.dataDir, deps.dataKey), issuedAt: deps.clock.now().toISOString() };
      keep(renewed);
      return renewed;
    },
  };
}
