/** Public types of the in-process emulator API (see docs/emulator.md). */

export type Latency = number | { min: number; max: number };
export type QuotaSetting = boolean | { factor: number };

export interface EmulatorOptions {
  /** TCP port on 127.0.0.1. @default 0 (a random free port) */
  port?: number;
  /** Account for access keys that name no account. @default '123456789012' */
  defaultAccountId?: string;
  /** accessKeyId -> accountId, overriding the AKIA<12 digits> convention. @default {} */
  accounts?: Record<string, string>;
  /** accessKeyId -> caller principal ARN. @default the account root */
  principals?: Record<string, string>;
  /** Added to every request. @default 0 */
  latencyMs?: Latency;
  /** Request quotas (token buckets at the documented KMS rates, times `factor`). @default false */
  quotas?: QuotaSetting;
  /** How long a new replica stays `Creating`. @default 200 */
  replicaCreatingMs?: number;
  /** Authorize requests with key policies + registered identity policies. @default false */
  authorization?: boolean;
}

export interface CallRecord {
  operation: string;
  accountId: string;
  region: string;
  status: number;
  errorCode?: string;
  at: number;
}

export type FaultError = 'ThrottlingException' | 'KMSInternalException' | 'DependencyTimeoutException' | 'DROP_CONNECTION' | string;

/** Scripted (`nth`) or random (`rate`) fault. `operation` omitted = every operation. */
export interface FaultSpec {
  operation?: string;
  /** Fail the nth matching call counted from injection (1-based); fires once. */
  nth?: number;
  /** Probability 0..1 that a matching call fails. */
  rate?: number;
  error: FaultError;
  /** Message of the injected error (default: a sentence naming the fault), e.g. KMS's "invalid principals" text. */
  message?: string;
  /** Optional filters. */
  accountId?: string;
  region?: string;
}

export interface OrganizationSpec {
  id: string;
  rootId: string;
  /** accountId -> OU path like `o-x/r-y/ou-z/` */
  accounts: Record<string, string>;
}

export interface KeySnapshot {
  keyId: string;
  arn: string;
  state: string;
  multiRegion: boolean;
  tags: Record<string, string>;
  aliases: string[];
  policy: string;
  rotation: { enabled: boolean; periodInDays?: number };
  description: string;
  enabled: boolean;
}

export interface EmulatorAdmin {
  /**
   * Clears all KMS state, the call log and faults, and restores latency/quotas/windows/authorization to the
   * start options. Also drops registered accounts, principals, organizations and identity policies unless
   * `keepIdentities` (AssumeRole sessions always survive).
   */
  reset(options?: { keepIdentities?: boolean }): void;
  callLog(): CallRecord[];
  callCounts(filter?: { accountId?: string; region?: string }): Record<string, number>;
  clearCallLog(): void;
  setLatency(latency: Latency): void;
  setQuotas(q: QuotaSetting): void;
  injectFault(fault: FaultSpec): void;
  clearFaults(): void;
  setConsistencyWindowMs(ms: number): void;
  /** For this long after PutKeyPolicy / CreateAlias / UpdateAlias, GetKeyPolicy and alias lookups return the old value. */
  setStaleReadMs(ms: number): void;
  registerAccount(accessKeyId: string, accountId: string, principalArn?: string): void;
  registerOrganization(org: OrganizationSpec): void;
  putIdentityPolicy(principalArn: string, policy: object): void;
  setAuthorization(on: boolean): void;
  setReplicaCreatingMs(ms: number): void;
  describeAllKeys(accountId: string, region: string): KeySnapshot[];
  /** Test helper: outright state change that bypasses validation (simulates out-of-band drift). */
  mutateKey(accountId: string, region: string, keyId: string, change: KeyMutation): void;
  /** Test helper: ends the waiting period of every key pending deletion now (keys are removed). */
  expirePendingDeletions(): number;
}

export interface KeyMutation {
  policy?: string;
  description?: string;
  enabled?: boolean;
  tags?: Record<string, string>;
  rotation?: { enabled: boolean; periodInDays?: number };
}

export interface RunningEmulator {
  endpoint: string;
  port: number;
  admin: EmulatorAdmin;
  stop(): Promise<void>;
}
