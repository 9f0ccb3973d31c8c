import type { DeviceState, SelfTest } from '../../preload/contract/devices';
import type { AppError } from '../../preload/contract/errors';
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

/** Runs one self-test step: its failure becomes the step's Chinese detail, never a thrown error. */
export async function step(name: string, run: () => Promise<string>): Promise<SelfTestStep> {
  try {
    return { name, ok: true, detail: await run() };
  } catch (error) {
    return { name, ok: false, detail: error instanceof Error ? error.message : String(error) };
  }
}
