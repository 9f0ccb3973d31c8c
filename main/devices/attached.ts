import type { DeviceState, SelfTest } from '../../preload/contract/devices';
import { AppError } from '../../preload/contract/errors';
import type { Logger } from '../logging/logger';

export type SelfTestStep = SelfTest['steps'][number];

/** A driver bound to an open transport in its role: what the device manager starts, stops and tests. */
export interface AttachedDevice {
  start(): void;
  /** Stops its loops; the manager closes the transport afterwards. */
  stop(): Promise<void>;
  selfTest(): Promise<SelfTestStep[]>;
}

export interface AttachContext {
  status(state: DeviceState, error?: AppError | null): void;
  log: Logger;
}

/** Runs one self-test step: its failure becomes the step's error (a code the screen words), never a thrown error. */
export async function step(
  name: SelfTestStep['name'],
  run: () => Promise<SelfTestStep['detail']>,
): Promise<SelfTestStep> {
  try {
    return { name, ok: true, detail: await run() };
  } catch (error) {
    if (error instanceof AppError) {
      return {
        name,
        ok: false,
        detail: { kind: 'error', code: error.code, ...(error.params ? { params: error.params } : {}) },
      };
    }
    return { name, ok: false, detail: { kind: 'error', code: 'internal' } };
  }
}
