/**
 * KMS request quotas (requests per second, per account and Region, each API independent), from
 * kms-facts.md §4. Shared by every principal and AWS service in the account, so the client-side
 * limiter runs at a fraction of them (headroom) and never bursts above that.
 */
export const KMS_REQUEST_QUOTAS: Readonly<Record<string, number>> = {
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
};

/**
 * Fraction of each quota this type uses: 0.9 puts the 5-rps APIs at 4.5 rps with a bucket of
 * 4.5 tokens that starts full (KMS's own bucket holds one second of the rate), so our own calls
 * never exceed the quota and a create is at most ~1.1× slower than the quota allows. Other callers
 * in the account share the quota: when KMS throttles anyway, the limiter halves that API's rate
 * (rate-limiter.ts) and the call is retried with jittered backoff. docs/behaviour.md explains the
 * choice against kms-facts.md §4's 3–4 rps.
 * @default 0.9
 */
export const DEFAULT_QUOTA_HEADROOM = 0.9;
