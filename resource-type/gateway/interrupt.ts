/**
 * Thrown when work must stop for this invocation: waiting (for a rate-limit token, a backoff or
 * a poll) would pass the deadline, or a call kept failing with retryable errors. Operations turn
 * it into IN_PROGRESS (the next invocation resumes) until the operation's overall budget is
 * spent; then `lastError` (if any) is mapped to the final error.
 */
export class Interrupted extends Error {
  constructor(
    readonly during: string,
    readonly lastError?: unknown,
  ) {
    super(`The invocation deadline was reached while ${during}.`);
    this.name = 'Interrupted';
  }
}

/** Interrupted while waiting for something outside our control (a replica, primary keys): come back later. */
export class Waiting extends Interrupted {}
