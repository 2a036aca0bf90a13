import * as http from 'node:http';
import * as https from 'node:https';

/** How the response PUT is retried. */
export interface SendOptions {
  /** Attempts in total, including the first. @default 6 */
  readonly attempts?: number;
  /** Delay before the first retry; doubles each time (with jitter). @default 500 */
  readonly baseDelayMs?: number;
  /** Upper bound of one delay. @default 8000 */
  readonly maxDelayMs?: number;
  /** Per-attempt socket/response timeout. @default 10000 */
  readonly attemptTimeoutMs?: number;
  /** No new attempt starts after this epoch ms. @default no limit */
  readonly giveUpAt?: number;
  /** Called before each retry (for logs). */
  readonly onRetry?: (attempt: number, reason: string) => void;
}

class RetryableError extends Error {}

function putOnce(url: URL, body: string, timeoutMs: number): Promise<number> {
  const transport = url.protocol === 'http:' ? http : https;
  return new Promise<number>((resolve, reject) => {
    const request = transport.request(
      url,
      {
        method: 'PUT',
        // The URL is signed without a content type: sending one breaks the signature.
        headers: { 'Content-Type': '', 'Content-Length': Buffer.byteLength(body, 'utf8') },
        timeout: timeoutMs,
      },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
        response.on('error', (error) => reject(new RetryableError(error.message)));
      },
    );
    request.on('timeout', () => request.destroy(new RetryableError(`no answer within ${timeoutMs} ms`)));
    request.on('error', (error) => reject(error instanceof RetryableError ? error : new RetryableError(error.message)));
    request.end(body);
  });
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * PUTs the response body to the pre-signed URL. Network errors, timeouts and 5xx/429 answers are
 * retried with exponential backoff; other non-2xx answers (an expired or foreign URL) are final.
 * Throws when the response could not be delivered.
 */
export async function sendResponse(responseUrl: string, body: string, options: SendOptions = {}): Promise<void> {
  const attempts = options.attempts ?? 6;
  const baseDelayMs = options.baseDelayMs ?? 500;
  const maxDelayMs = options.maxDelayMs ?? 8000;
  const url = new URL(responseUrl);
  let lastProblem = '';
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      const status = await putOnce(url, body, options.attemptTimeoutMs ?? 10_000);
      if (status >= 200 && status < 300) return;
      lastProblem = `HTTP ${status}`;
      if (status < 500 && status !== 429) throw new Error(`The response URL (${url.host}) refused the response with HTTP ${status}.`);
    } catch (error) {
      if (!(error instanceof RetryableError)) throw error;
      lastProblem = error.message;
    }
    if (attempt === attempts) break;
    const delay = Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1)) * (0.75 + Math.random() * 0.5);
    if (options.giveUpAt !== undefined && Date.now() + delay >= options.giveUpAt) break;
    options.onRetry?.(attempt, lastProblem);
    await sleep(delay);
  }
  throw new Error(`The response could not be delivered to ${url.host}: ${lastProblem}.`);
}
