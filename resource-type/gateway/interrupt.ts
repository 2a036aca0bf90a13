/**
 * Thrown when work must stop for this invocation. Operations turn it into IN_PROGRESS (the next
 * invocation re-reads live state and resumes) or, when continuing cannot help, into the mapped
 * `lastError`:
 * - `deadline`: waiting (rate-limit token, backoff, poll) would pass the invocation deadline;
 * - `attempts`: one call kept failing with retryable errors for the whole attempt budget;
 * - `unknown-outcome`: a create call (CreateKey, ReplicateKey) failed in a way that may have
 *   created the key, so it is not repeated blindly: live state is re-read first;
 * - `waiting`: waiting for something outside our control (replica Creating, primary keys).
 */
export type InterruptKind = 'deadline' | 'attempts' | 'unknown-outcome' | 'waiting';

export class Interrupted extends Error {
  constructor(
    readonly during: string,
    readonly lastError?: unknown,
    readonly kind: InterruptKind = 'deadline',
  ) {
    super(
      kind === 'attempts'
        ? `${during} kept failing`
        : kind === 'unknown-outcome'
          ? `${during} had an unknown outcome`
          : `stopped while ${during}`,
    );
    this.name = 'Interrupted';
  }
}

/** Interrupted while waiting for something outside our control (a replica, primary keys): come back later. */
export class Waiting extends Interrupted {
  constructor(during: string) {
    super(during, undefined, 'waiting');
  }
}
