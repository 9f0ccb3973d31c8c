/** The listener sets every transport keeps; a throwing listener cannot break the byte stream. */
export function createTransportListeners() {
  const data = new Set<(chunk: Uint8Array) => void>();
  const error = new Set<(error: Error) => void>();
  const close = new Set<() => void>();

  function add<T>(set: Set<T>, listener: T): () => void {
    set.add(listener);
    return () => set.delete(listener);
  }

  function each<A extends unknown[]>(set: Set<(...args: A) => void>, ...args: A): void {
    for (const listener of [...set]) {
      try {
        listener(...args);
      } catch {
        // A listener's bug is the listener's: the transport goes on delivering.
      }
    }
  }

  return {
    onData: (listener: (chunk: Uint8Array) => void) => add(data, listener),
    onError: (listener: (error: Error) => void) => add(error, listener),
    onClose: (listener: () => void) => add(close, listener),
    emitData: (chunk: Uint8Array) => each(data, chunk),
    emitError: (err: Error) => each(error, err),
    emitClose: () => each(close),
  };
}
