/**
 * Time as the engine sees it. Injected so tests can run polling and backoff fast; production
 * uses the wall clock. There are no fixed sleeps anywhere: every wait is a bounded poll or a
 * backoff delay computed from these functions.
 */
export interface Timing {
  /** Epoch milliseconds. */
  now(): number;
  /** Resolves after `ms` (or earlier when `signal` aborts). */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /** Uniform in [0, 1): jitter source. */
  random(): number;
}

export const realTiming: Timing = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve) => {
      if (ms <= 0 || signal?.aborted) return resolve();
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        resolve();
      }
      signal?.addEventListener('abort', done, { once: true });
    }),
  random: () => Math.random(),
};
