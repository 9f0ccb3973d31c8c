/**
 * One task at a time: each starts when the one before has settled (a failed task does not block
 * the next). Devices answer in order and have no request ids, so commands to one device must not
 * interleave; the device manager runs its enumerations through one too.
 */
export function createCommandQueue() {
  let tail: Promise<unknown> = Promise.resolve();
  return {
    run<T>(task: () => Promise<T>): Promise<T> {
      const result = tail.then(task, task);
      tail = result.catch(() => undefined);
      return result;
    },
    /** Resolves once every task queued so far has settled. */
    idle(): Promise<void> {
      return tail.then(() => undefined);
    },
  };
}
