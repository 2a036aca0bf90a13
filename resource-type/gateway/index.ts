import { KMSClient } from '@aws-sdk/client-kms';
import type { InvocationCredentials } from '../operations/types';
import { KmsGateway, type GatewayCallEvent } from './kms-gateway';
import { DEFAULT_QUOTA_HEADROOM, KMS_REQUEST_QUOTAS } from './quotas';
import { RateLimiter } from './rate-limiter';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry';
import { realTiming, type Timing } from './timing';

export {
  KmsGateway,
  MUTATING_KMS_APIS,
  PENDING_STATES,
  type AliasInfo,
  type GatewayCallEvent,
  type KeyInfo,
  type RotationStatus,
} from './kms-gateway';
export { Interrupted, Waiting } from './interrupt';
export { toKeySetError, isRetryable, errorName } from './errors';
export { mapBounded, settleBounded } from './concurrency';
export { realTiming, type Timing } from './timing';
export { observeGatewayActions, type IamAction } from './actions';
export { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry';

export interface GatewayOptions {
  readonly credentials?: InvocationCredentials;
  /** Epoch ms after which no call starts. */
  readonly deadline: number;
  /** @default realTiming */
  readonly timing?: Timing;
  /** @default DEFAULT_RETRY_POLICY */
  readonly retry?: RetryPolicy;
  /** Fraction of the KMS quotas used per API. @default 0.9 (DEFAULT_QUOTA_HEADROOM) */
  readonly quotaHeadroom?: number;
  /** Per-API quota overrides (requests/second). @default KMS_REQUEST_QUOTAS */
  readonly quotas?: Readonly<Record<string, number>>;
  /**
   * Explicit KMS endpoint. Leave unset in production: the SDK then honours the standard
   * configuration (`AWS_ENDPOINT_URL_KMS`, `AWS_ENDPOINT_URL`, config files).
   */
  readonly endpoint?: string;
  /** Longest single HTTP call (ms). @default 20000 */
  readonly callTimeoutMs?: number;
  /** Handler name and its declared IAM actions: calls outside them are refused. */
  readonly handler?: string;
  readonly allowedActions?: ReadonlySet<string>;
  readonly onCall?: (event: GatewayCallEvent) => void;
  readonly beforeCall?: (event: GatewayCallEvent) => void;
}

/**
 * KMS gateways for one invocation: one SDK client and one set of rate limiters per Region,
 * created on first use with this invocation's credentials (never cached across invocations).
 */
export class GatewayFactory {
  private readonly gateways = new Map<string, KmsGateway>();
  private readonly clients: KMSClient[] = [];

  constructor(private readonly options: GatewayOptions) {}

  forRegion(region: string): KmsGateway {
    let gateway = this.gateways.get(region);
    if (!gateway) {
      const { options } = this;
      const timing = options.timing ?? realTiming;
      const client = new KMSClient({
        region,
        // Without credentials the SDK's default provider chain applies.
        ...(options.credentials
          ? {
              credentials: {
                accessKeyId: options.credentials.accessKeyId,
                secretAccessKey: options.credentials.secretAccessKey,
                sessionToken: options.credentials.sessionToken,
              },
            }
          : {}),
        // Retries are ours (error classes, deadline, unsafe-to-repeat calls), never the SDK's.
        maxAttempts: 1,
        ...(options.endpoint ? { endpoint: options.endpoint } : {}),
        requestHandler: { connectionTimeout: 3000, requestTimeout: options.callTimeoutMs ?? 20000 },
      });
      this.clients.push(client);
      gateway = new KmsGateway({
        client,
        region,
        timing,
        limiter: new RateLimiter(
          { quotas: options.quotas ?? KMS_REQUEST_QUOTAS, headroom: options.quotaHeadroom ?? DEFAULT_QUOTA_HEADROOM },
          timing,
        ),
        retry: options.retry ?? DEFAULT_RETRY_POLICY,
        deadline: options.deadline,
        callTimeoutMs: options.callTimeoutMs ?? 20000,
        handler: options.handler,
        allowedActions: options.allowedActions,
        onCall: options.onCall,
        beforeCall: options.beforeCall,
      });
      this.gateways.set(region, gateway);
    }
    return gateway;
  }

  /** Closes the HTTP agents of this invocation's clients. */
  destroy(): void {
    for (const client of this.clients) client.destroy();
    this.clients.length = 0;
    this.gateways.clear();
  }
}
