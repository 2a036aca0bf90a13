import type { Logger } from './log';
import type { CustomResourceEvent, CustomResourceResponse, ResponseStatus } from './protocol';
import { serializeResponse } from './response';
import { sendResponse, type SendOptions } from './send';

export interface Outcome {
  readonly status: ResponseStatus;
  readonly physicalResourceId: string;
  readonly reason?: string;
  readonly data?: Readonly<Record<string, string>>;
}

/**
 * Sends exactly one response per invocation: whichever of the work and the deadline guard finishes
 * first wins, the other is dropped. Delivery failures are rethrown so the invocation fails and Lambda's
 * asynchronous retry delivers the same request again (re-runs converge).
 */
export class Responder {
  private claimed = false;

  constructor(
    private readonly event: CustomResourceEvent,
    private readonly log: Logger,
    private readonly sendOptions: SendOptions,
  ) {}

  get done(): boolean {
    return this.claimed;
  }

  async respond(outcome: Outcome): Promise<void> {
    if (this.claimed) return;
    this.claimed = true;
    const response: CustomResourceResponse = {
      Status: outcome.status,
      ...(outcome.reason !== undefined ? { Reason: outcome.reason } : {}),
      PhysicalResourceId: outcome.physicalResourceId,
      StackId: this.event.StackId,
      RequestId: this.event.RequestId,
      LogicalResourceId: this.event.LogicalResourceId,
      ...(outcome.data !== undefined ? { Data: outcome.data } : {}),
    };
    const body = serializeResponse(response);
    const fields = { requestId: this.event.RequestId, status: outcome.status, physicalResourceId: outcome.physicalResourceId };
    this.log(outcome.status === 'SUCCESS' ? 'info' : 'warn', 'sending response', {
      ...fields,
      reason: outcome.reason,
      bytes: Buffer.byteLength(body),
    });
    await sendResponse(this.event.ResponseURL, body, {
      ...this.sendOptions,
      onRetry: (attempt, reason) => this.log('warn', 'response PUT failed; retrying', { ...fields, attempt, reason }),
    });
    this.log('info', 'response delivered', fields);
  }
}
