import { EmulatorError } from './errors';
import type { QuotaSetting } from './types';

/** KMS request quotas (requests per second per account + Region), kms-facts.md §4. */
export const KMS_RATES: Record<string, number> = {
  CreateKey: 5,
  ReplicateKey: 5,
  CreateAlias: 5,
  UpdateAlias: 5,
  DeleteAlias: 15,
  ListAliases: 500,
  PutKeyPolicy: 15,
  GetKeyPolicy: 1000,
  ScheduleKeyDeletion: 15,
  CancelKeyDeletion: 5,
  EnableKeyRotation: 15,
  DisableKeyRotation: 5,
  GetKeyRotationStatus: 1000,
  EnableKey: 5,
  DisableKey: 5,
  UpdateKeyDescription: 5,
  DescribeKey: 2000,
  TagResource: 10,
  UntagResource: 5,
  ListResourceTags: 2000,
  ListKeys: 500,
  CreateGrant: 50,
  UpdatePrimaryRegion: 5,
  // Not in the project table: the lowest published values (stricter).
  ListGrants: 100,
  RevokeGrant: 15,
  RetireGrant: 30,
  ListKeyPolicies: 100,
  Cryptographic: 5500,
};

/** Operations that share the "cryptographic operations (symmetric)" quota. */
const CRYPTOGRAPHIC = new Set(['Encrypt', 'Decrypt', 'GenerateDataKey', 'GenerateDataKeyWithoutPlaintext', 'ReEncrypt']);

interface Bucket {
  tokens: number;
  updated: number;
}

/** Token buckets per account + Region + API: capacity = one second of the rate, refilled continuously. */
export class Quotas {
  private factor = 0;
  private readonly buckets = new Map<string, Bucket>();

  set(setting: QuotaSetting): void {
    this.factor = setting === false ? 0 : setting === true ? 1 : setting.factor;
    this.buckets.clear();
  }

  get enabled(): boolean {
    return this.factor > 0;
  }

  reset(): void {
    this.buckets.clear();
  }

  /** Takes `requests` tokens or throws ThrottlingException. Unknown operations (STS) are not limited. */
  take(accountId: string, region: string, operation: string, requests = 1, now = Date.now()): void {
    if (!this.enabled) return;
    const api = CRYPTOGRAPHIC.has(operation) ? 'Cryptographic' : operation;
    const rate = KMS_RATES[api];
    if (rate === undefined) return;
    const capacity = Math.max(1, rate * this.factor);
    const id = `${accountId}/${region}/${api}`;
    let bucket = this.buckets.get(id);
    if (!bucket) {
      bucket = { tokens: capacity, updated: now };
      this.buckets.set(id, bucket);
    }
    bucket.tokens = Math.min(capacity, bucket.tokens + ((now - bucket.updated) / 1000) * rate * this.factor);
    bucket.updated = now;
    // A charge larger than the bucket (ReplicateKey's 2 CreateKey at a small factor) is taken from a full
    // bucket and leaves it in debt, so the long-run rate still holds and the call is not refused forever.
    if (bucket.tokens < Math.min(requests, capacity)) {
      throw new EmulatorError(
        'ThrottlingException',
        `Rate exceeded for ${operation} in account ${accountId}, Region ${region} (quota ${rate * this.factor} requests per second).`,
      );
    }
    bucket.tokens -= requests;
  }
}
