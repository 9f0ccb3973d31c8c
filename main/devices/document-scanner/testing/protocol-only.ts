import { expect } from 'vitest';
import { AppError } from '../../../../preload/contract/errors';

/** For fuzzing a parser: `run` returns (whatever it parsed) or throws AppError('docscan_protocol'), never anything else. */
export function expectProtocolOnly(run: () => unknown): void {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('docscan_protocol');
  }
}
