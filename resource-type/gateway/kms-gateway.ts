import {
  CancelKeyDeletionCommand,
  CreateAliasCommand,
  CreateKeyCommand,
  DeleteAliasCommand,
  DescribeKeyCommand,
  DisableKeyCommand,
  DisableKeyRotationCommand,
  EnableKeyCommand,
  EnableKeyRotationCommand,
  GetKeyPolicyCommand,
  GetKeyRotationStatusCommand,
  KMSClient,
  ListAliasesCommand,
  ListKeysCommand,
  ListResourceTagsCommand,
  PutKeyPolicyCommand,
  ReplicateKeyCommand,
  ScheduleKeyDeletionCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateAliasCommand,
  UpdateKeyDescriptionCommand,
  type KeyMetadata,
} from '@aws-sdk/client-kms';
import { assertAllowed, notifyActions, type IamAction } from './actions';
import { errorName, isPendingDeletionError, isThrottling, toKeySetError, type RetryHints } from './errors';
import { Interrupted } from './interrupt';
import type { RateLimiter } from './rate-limiter';
import { withRetry, type RetryPolicy } from './retry';
import type { Timing } from './timing';

/** A key as the engine needs it (DescribeKey's metadata, trimmed). */
export interface KeyInfo {
  readonly keyId: string;
  readonly arn: string;
  readonly state: string;
  readonly enabled: boolean;
  readonly description: string;
  readonly multiRegion: boolean;
  /** PRIMARY or REPLICA for multi-Region keys. */
  readonly multiRegionKeyType?: 'PRIMARY' | 'REPLICA';
  /** Region of the primary key (multi-Region keys). */
  readonly primaryRegion?: string;
  /** Regions holding replicas (known only when read from the primary). */
  readonly replicaRegions: readonly string[];
  readonly keySpec: string;
  readonly keyUsage: string;
  readonly origin: string;
  readonly keyManager: string;
}

export interface AliasInfo {
  readonly aliasName: string;
  readonly targetKeyId?: string;
}

export interface RotationStatus {
  readonly enabled: boolean;
  readonly periodInDays?: number;
}

export const PENDING_STATES: ReadonlySet<string> = new Set(['PendingDeletion', 'PendingReplicaDeletion']);

export function toKeyInfo(m: KeyMetadata): KeyInfo {
  const mrc = m.MultiRegionConfiguration;
  return {
    keyId: m.KeyId ?? '',
    arn: m.Arn ?? '',
    state: m.KeyState ?? 'Unavailable',
    enabled: m.Enabled === true,
    description: m.Description ?? '',
    multiRegion: m.MultiRegion === true,
    multiRegionKeyType: mrc?.MultiRegionKeyType as KeyInfo['multiRegionKeyType'],
    primaryRegion: mrc?.PrimaryKey?.Region,
    replicaRegions: (mrc?.ReplicaKeys ?? []).map((r) => r.Region ?? '').filter(Boolean),
    keySpec: m.KeySpec ?? m.CustomerMasterKeySpec ?? 'SYMMETRIC_DEFAULT',
    keyUsage: m.KeyUsage ?? 'ENCRYPT_DECRYPT',
    origin: m.Origin ?? 'AWS_KMS',
    keyManager: m.KeyManager ?? 'CUSTOMER',
  };
}

export interface GatewayDeps {
  readonly client: KMSClient;
  readonly region: string;
  readonly limiter: RateLimiter;
  readonly timing: Timing;
  readonly retry: RetryPolicy;
  /** Epoch ms: no call or wait starts after it. */
  readonly deadline: number;
  /** Longest single HTTP call (ms). @default 20000 */
  readonly callTimeoutMs: number;
  /** Handler name and its declared IAM actions (calls outside them are refused). */
  readonly handler?: string;
  readonly allowedActions?: ReadonlySet<string>;
  /** Called after every successful call (call counting, progress). */
  readonly onCall?: (event: GatewayCallEvent) => void;
  /** Called before every request is sent (tests simulate a crash by throwing from it). */
  readonly beforeCall?: (event: GatewayCallEvent) => void;
}

/**
 * Every KMS API that changes state (the engine calls a subset; the rest are listed so call logs
 * of other callers are classified too). Tests and the bench count "mutating calls" with it.
 */
export const MUTATING_KMS_APIS: ReadonlySet<string> = new Set([
  'CreateKey',
  'ReplicateKey',
  'CreateAlias',
  'UpdateAlias',
  'DeleteAlias',
  'PutKeyPolicy',
  'ScheduleKeyDeletion',
  'CancelKeyDeletion',
  'EnableKeyRotation',
  'DisableKeyRotation',
  'EnableKey',
  'DisableKey',
  'UpdateKeyDescription',
  'TagResource',
  'UntagResource',
  'UpdatePrimaryRegion',
  'CreateGrant',
  'RetireGrant',
  'RevokeGrant',
]);

/** What the per-call hooks (EngineTuning.onCall / beforeCall) see of each KMS request. */
export interface GatewayCallEvent {
  readonly api: string;
  readonly mutating: boolean;
  readonly region: string;
  /** Catalog service id of the key concerned, when the call is about one key of the set. */
  readonly service?: string;
}

/** A KMS SDK command (its output is not used by the single-action calls, only whether it settles). */
interface KmsCommand {
  readonly input: object;
}

interface CallOptions {
  readonly service?: string;
  readonly keyId?: string;
  readonly hints?: RetryHints;
}

/**
 * KMS in one account + Region for one invocation. The only code that talks to KMS: rate-limited
 * per API, retried with jittered exponential backoff, paginated, bounded by the deadline, and
 * every failure mapped to a KeySetError (or Interrupted → IN_PROGRESS) in errors.ts.
 */
export class KmsGateway {
  constructor(private readonly deps: GatewayDeps) {}

  get region(): string {
    return this.deps.region;
  }

  /**
   * Takes `count` tokens of `api`'s client-side rate limit in this Region without a call: KMS
   * charges a ReplicateKey (called in the primary Region) as 2 CreateKey requests in the replica
   * Region (kms-facts.md §4), which this Region's own CreateKey calls share.
   */
  async chargeQuota(api: string, count: number): Promise<void> {
    for (let i = 0; i < count; i++) await this.deps.limiter.acquire(api, this.deps.deadline);
  }

  /** DescribeKey; undefined when the key or alias does not exist. */
  async describeKey(keyIdOrAlias: string, options: CallOptions = {}): Promise<KeyInfo | undefined> {
    try {
      const out = await this.call(
        'DescribeKey',
        ['kms:DescribeKey'],
        (signal) => this.deps.client.send(new DescribeKeyCommand({ KeyId: keyIdOrAlias }), { abortSignal: signal }),
        options,
      );
      return out.KeyMetadata ? toKeyInfo(out.KeyMetadata) : undefined;
    } catch (error) {
      if (errorName(error) === 'NotFoundException' && !options.hints?.justCreated) return undefined;
      throw this.mapped(error, 'DescribeKey', options);
    }
  }

  /** Every alias in the account + Region (all pages). */
  async listAliases(): Promise<AliasInfo[]> {
    const aliases: AliasInfo[] = [];
    let marker: string | undefined;
    do {
      const out = await this.callMapped('ListAliases', ['kms:ListAliases'], (signal) =>
        this.deps.client.send(new ListAliasesCommand({ Limit: 100, Marker: marker }), { abortSignal: signal }),
      );
      for (const a of out.Aliases ?? []) if (a.AliasName) aliases.push({ aliasName: a.AliasName, targetKeyId: a.TargetKeyId });
      marker = out.Truncated ? out.NextMarker : undefined;
    } while (marker);
    return aliases;
  }

  /** Every key id in the account + Region (all pages). */
  async listKeys(): Promise<string[]> {
    const keys: string[] = [];
    let marker: string | undefined;
    do {
      const out = await this.callMapped('ListKeys', ['kms:ListKeys'], (signal) =>
        this.deps.client.send(new ListKeysCommand({ Limit: 1000, Marker: marker }), { abortSignal: signal }),
      );
      for (const k of out.Keys ?? []) if (k.KeyId) keys.push(k.KeyId);
      marker = out.Truncated ? out.NextMarker : undefined;
    } while (marker);
    return keys;
  }

  /** All tags of a key (all pages); undefined when the key does not exist. */
  async listResourceTags(keyId: string, options: CallOptions = {}): Promise<Record<string, string> | undefined> {
    const tags: Record<string, string> = {};
    let marker: string | undefined;
    try {
      do {
        const out = await this.call(
          'ListResourceTags',
          ['kms:ListResourceTags'],
          (signal) =>
            this.deps.client.send(new ListResourceTagsCommand({ KeyId: keyId, Limit: 50, Marker: marker }), { abortSignal: signal }),
          { ...options, keyId },
        );
        for (const t of out.Tags ?? []) if (t.TagKey !== undefined) tags[t.TagKey] = t.TagValue ?? '';
        marker = out.Truncated ? out.NextMarker : undefined;
      } while (marker);
    } catch (error) {
      if (errorName(error) === 'NotFoundException' && !options.hints?.justCreated) return undefined;
      throw this.mapped(error, 'ListResourceTags', { ...options, keyId });
    }
    return tags;
  }

  async getKeyPolicy(keyId: string, options: CallOptions = {}): Promise<string> {
    const out = await this.callMapped(
      'GetKeyPolicy',
      ['kms:GetKeyPolicy'],
      (signal) => this.deps.client.send(new GetKeyPolicyCommand({ KeyId: keyId, PolicyName: 'default' }), { abortSignal: signal }),
      { ...options, keyId },
    );
    return out.Policy ?? '';
  }

  async getKeyRotationStatus(keyId: string, options: CallOptions = {}): Promise<RotationStatus> {
    const out = await this.callMapped(
      'GetKeyRotationStatus',
      ['kms:GetKeyRotationStatus'],
      (signal) => this.deps.client.send(new GetKeyRotationStatusCommand({ KeyId: keyId }), { abortSignal: signal }),
      { ...options, keyId },
    );
    return { enabled: out.KeyRotationEnabled === true, periodInDays: out.RotationPeriodInDays };
  }

  /** One CreateKey with policy, description and tags (symmetric, AWS_KMS origin). */
  async createKey(
    input: { policy: string; description: string; tags: Readonly<Record<string, string>>; multiRegion: boolean },
    options: CallOptions = {},
  ): Promise<KeyInfo> {
    const actions: IamAction[] = input.multiRegion ? ['kms:CreateKey', 'iam:CreateServiceLinkedRole'] : ['kms:CreateKey'];
    return this.makeKey(
      'CreateKey',
      actions,
      input.tags,
      (signal) =>
        this.deps.client.send(
          new CreateKeyCommand({
            Policy: input.policy,
            Description: input.description,
            KeySpec: 'SYMMETRIC_DEFAULT',
            KeyUsage: 'ENCRYPT_DECRYPT',
            Origin: 'AWS_KMS',
            MultiRegion: input.multiRegion,
            Tags: tagList(input.tags),
          }),
          { abortSignal: signal },
        ),
      (out) => out.KeyMetadata,
      options,
    );
  }

  /** ReplicateKey, called on the primary's Region gateway; returns the replica's metadata. */
  async replicateKey(
    input: { keyId: string; replicaRegion: string; policy: string; description: string; tags: Readonly<Record<string, string>> },
    options: CallOptions = {},
  ): Promise<KeyInfo> {
    return this.makeKey(
      'ReplicateKey',
      ['kms:ReplicateKey', 'kms:CreateKey'],
      input.tags,
      (signal) =>
        this.deps.client.send(
          new ReplicateKeyCommand({
            KeyId: input.keyId,
            ReplicaRegion: input.replicaRegion,
            Policy: input.policy,
            Description: input.description,
            Tags: tagList(input.tags),
          }),
          { abortSignal: signal },
        ),
      (out) => out.ReplicaKeyMetadata,
      { ...options, keyId: input.keyId },
    );
  }

  /**
   * CreateKey / ReplicateKey: tagging on create needs kms:TagResource too. Never retried
   * blindly: a call whose response was lost may have made a key; the operation re-reads live
   * state and adopts it (created-by tag) instead of making a second one.
   */
  private async makeKey<T>(
    api: 'CreateKey' | 'ReplicateKey',
    actions: readonly IamAction[],
    tags: Readonly<Record<string, string>>,
    send: (signal: AbortSignal) => Promise<T>,
    metadata: (out: T) => KeyMetadata | undefined,
    options: CallOptions,
  ): Promise<KeyInfo> {
    const all: IamAction[] = Object.keys(tags).length > 0 ? [...actions, 'kms:TagResource'] : [...actions];
    const made = metadata(await this.callMapped(api, all, send, options, false));
    if (!made) throw toKeySetError(new Error(`${api} returned no key metadata`), { api, region: this.region, service: options.service });
    return toKeyInfo(made);
  }

  async enableKeyRotation(keyId: string, periodInDays: number, options: CallOptions = {}): Promise<void> {
    await this.keyCall(
      'EnableKeyRotation',
      keyId,
      () => new EnableKeyRotationCommand({ KeyId: keyId, RotationPeriodInDays: periodInDays }),
      options,
    );
  }

  async disableKeyRotation(keyId: string, options: CallOptions = {}): Promise<void> {
    await this.keyCall('DisableKeyRotation', keyId, () => new DisableKeyRotationCommand({ KeyId: keyId }), options);
  }

  async enableKey(keyId: string, options: CallOptions = {}): Promise<void> {
    await this.keyCall('EnableKey', keyId, () => new EnableKeyCommand({ KeyId: keyId }), options);
  }

  async disableKey(keyId: string, options: CallOptions = {}): Promise<void> {
    await this.keyCall('DisableKey', keyId, () => new DisableKeyCommand({ KeyId: keyId }), options);
  }

  async putKeyPolicy(keyId: string, policy: string, options: CallOptions = {}): Promise<void> {
    await this.keyCall(
      'PutKeyPolicy',
      keyId,
      () => new PutKeyPolicyCommand({ KeyId: keyId, PolicyName: 'default', Policy: policy }),
      options,
    );
  }

  async updateKeyDescription(keyId: string, description: string, options: CallOptions = {}): Promise<void> {
    await this.keyCall(
      'UpdateKeyDescription',
      keyId,
      () => new UpdateKeyDescriptionCommand({ KeyId: keyId, Description: description }),
      options,
    );
  }

  async tagResource(keyId: string, tags: Readonly<Record<string, string>>, options: CallOptions = {}): Promise<void> {
    await this.keyCall('TagResource', keyId, () => new TagResourceCommand({ KeyId: keyId, Tags: tagList(tags) }), options);
  }

  async untagResource(keyId: string, tagKeys: readonly string[], options: CallOptions = {}): Promise<void> {
    await this.keyCall('UntagResource', keyId, () => new UntagResourceCommand({ KeyId: keyId, TagKeys: [...tagKeys] }), options);
  }

  async createAlias(aliasName: string, keyId: string, options: CallOptions = {}): Promise<void> {
    await this.keyCall('CreateAlias', keyId, () => new CreateAliasCommand({ AliasName: aliasName, TargetKeyId: keyId }), options);
  }

  async updateAlias(aliasName: string, keyId: string, options: CallOptions = {}): Promise<void> {
    await this.keyCall('UpdateAlias', keyId, () => new UpdateAliasCommand({ AliasName: aliasName, TargetKeyId: keyId }), options);
  }

  /** DeleteAlias; an alias that is already gone counts as deleted. */
  async deleteAlias(aliasName: string, options: CallOptions = {}): Promise<void> {
    try {
      await this.call(
        'DeleteAlias',
        ['kms:DeleteAlias'],
        (signal) => this.deps.client.send(new DeleteAliasCommand({ AliasName: aliasName }), { abortSignal: signal }),
        options,
      );
    } catch (error) {
      if (errorName(error) === 'NotFoundException') return;
      throw this.mapped(error, 'DeleteAlias', options);
    }
  }

  /** ScheduleKeyDeletion; a key already pending deletion (or gone) counts as scheduled. */
  async scheduleKeyDeletion(keyId: string, pendingWindowInDays: number, options: CallOptions = {}): Promise<void> {
    try {
      await this.call(
        'ScheduleKeyDeletion',
        ['kms:ScheduleKeyDeletion'],
        (signal) =>
          this.deps.client.send(new ScheduleKeyDeletionCommand({ KeyId: keyId, PendingWindowInDays: pendingWindowInDays }), {
            abortSignal: signal,
          }),
        { ...options, keyId },
      );
    } catch (error) {
      if (isPendingDeletionError(error) || errorName(error) === 'NotFoundException') return;
      throw this.mapped(error, 'ScheduleKeyDeletion', { ...options, keyId });
    }
  }

  /** CancelKeyDeletion: the key comes back Disabled. */
  async cancelKeyDeletion(keyId: string, options: CallOptions = {}): Promise<void> {
    await this.keyCall('CancelKeyDeletion', keyId, () => new CancelKeyDeletionCommand({ KeyId: keyId }), options);
  }

  /** A call about one key that needs only `kms:<api>` (a fresh command per attempt). */
  private async keyCall(api: string, keyId: string, command: () => KmsCommand, options: CallOptions): Promise<void> {
    await this.callMapped(api, [`kms:${api}`], (signal) => sendAny(this.deps.client, command(), signal), { ...options, keyId });
  }

  private async callMapped<T>(
    api: string,
    actions: readonly IamAction[],
    send: (signal: AbortSignal) => Promise<T>,
    options: CallOptions = {},
    retry = true,
  ): Promise<T> {
    try {
      return await this.call(api, actions, send, options, retry);
    } catch (error) {
      throw this.mapped(error, api, options);
    }
  }

  private mapped(error: unknown, api: string, options: CallOptions): Error {
    if (error instanceof Interrupted) return error;
    return toKeySetError(error, { api, region: this.region, service: options.service, keyId: options.keyId });
  }

  /** Rate limit, deadline-bounded timeout, retries; raw SDK errors come out (mapped by callers). */
  private async call<T>(
    api: string,
    actions: readonly IamAction[],
    send: (signal: AbortSignal) => Promise<T>,
    options: CallOptions = {},
    retry = true,
  ): Promise<T> {
    const { deps } = this;
    assertAllowed(actions, deps.allowedActions, deps.handler, api);
    const event: GatewayCallEvent = {
      api,
      mutating: MUTATING_KMS_APIS.has(api),
      region: deps.region,
      ...(options.service ? { service: options.service } : {}),
    };
    const attempt = async (): Promise<T> => {
      await deps.limiter.acquire(api, deps.deadline);
      const remaining = deps.deadline - deps.timing.now();
      if (remaining <= 0) throw new Interrupted(`about to call ${api}`);
      const controller = new AbortController();
      const cutByDeadline = remaining < deps.callTimeoutMs;
      const timer = setTimeout(() => controller.abort(), Math.min(deps.callTimeoutMs, remaining));
      try {
        deps.beforeCall?.(event);
        notifyActions(api, actions, deps.handler);
        const result = await send(controller.signal);
        deps.limiter.accepted(api);
        deps.onCall?.(event);
        return result;
      } catch (error) {
        // Other callers share the quota: slow this API down for the rest of the invocation.
        if (isThrottling(error)) deps.limiter.throttled(api);
        // Our own abort at the invocation deadline is not a network failure: stop and resume later
        // (the next pass re-reads live state, so a request that did reach KMS is not repeated blindly).
        if (controller.signal.aborted && cutByDeadline) throw new Interrupted(`waiting for ${api}`, error, 'deadline');
        throw error;
      } finally {
        clearTimeout(timer);
      }
    };
    return withRetry(attempt, {
      policy: deps.retry,
      timing: deps.timing,
      deadline: deps.deadline,
      label: api,
      hints: retry ? options.hints : { ...options.hints, unsafeToRepeat: true },
    });
  }
}

/**
 * KMSClient.send for any command whose output is ignored. The SDK types `send` per command
 * class, so one generic helper needs this single cast; the command still comes from the SDK.
 */
function sendAny(client: KMSClient, command: KmsCommand, signal: AbortSignal): Promise<unknown> {
  const send = client.send.bind(client) as unknown as (c: KmsCommand, o: { abortSignal: AbortSignal }) => Promise<unknown>;
  return send(command, { abortSignal: signal });
}

function tagList(tags: Readonly<Record<string, string>>): Array<{ TagKey: string; TagValue: string }> {
  return Object.entries(tags).map(([TagKey, TagValue]) => ({ TagKey, TagValue }));
}
