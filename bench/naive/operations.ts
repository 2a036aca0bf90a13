/**
 * The naive baseline: the same key sets (same policies, tags, descriptions, rendered by the
 * product's pure core) built the straightforward way — one SDK call at a time, in service order,
 * no pipelining, no client-side rate limiting (the SDK's own retries absorb throttling), and a
 * fixed-interval poll while a new replica is Creating. Used only by the benchmark.
 */
import {
  CreateAliasCommand,
  CreateKeyCommand,
  DeleteAliasCommand,
  DescribeKeyCommand,
  DisableKeyCommand,
  DisableKeyRotationCommand,
  EnableKeyRotationCommand,
  GetKeyPolicyCommand,
  GetKeyRotationStatusCommand,
  KMSClient,
  ListResourceTagsCommand,
  PutKeyPolicyCommand,
  ReplicateKeyCommand,
  ScheduleKeyDeletionCommand,
  TagResourceCommand,
  type KeyMetadata,
} from '@aws-sdk/client-kms';
import type { DeploymentTarget, KeySetSpec } from '../../resource-type/core/types';
import { buildDesiredKeys } from '../../resource-type/plan/desired';
import type { DesiredKey } from '../../resource-type/plan/types';
import { policiesEquivalent } from '../../resource-type/policy';

export interface NaiveCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

export interface NaiveInput {
  readonly spec: KeySetSpec;
  readonly target: DeploymentTarget;
  readonly credentials: NaiveCredentials;
  readonly requestToken: string;
  readonly stackTags?: Readonly<Record<string, string>>;
}

/** Poll interval while a replica is Creating (a plain fixed-interval waiter). @default 500 */
export const NAIVE_POLL_MS = 500;
/** SDK attempts per call: enough for the SDK's backoff to ride out KMS throttling. */
export const NAIVE_MAX_ATTEMPTS = 10;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One KMS client per Region for one invocation; every call is awaited before the next starts. */
class Clients {
  private readonly clients = new Map<string, KMSClient>();
  constructor(private readonly credentials: NaiveCredentials) {}

  in(region: string): KMSClient {
    let client = this.clients.get(region);
    if (!client) {
      client = new KMSClient({ region, credentials: { ...this.credentials }, maxAttempts: NAIVE_MAX_ATTEMPTS });
      this.clients.set(region, client);
    }
    return client;
  }

  close(): void {
    for (const client of this.clients.values()) client.destroy();
  }
}

const tagList = (tags: Readonly<Record<string, string>>) => Object.entries(tags).map(([TagKey, TagValue]) => ({ TagKey, TagValue }));
const isReplicaSet = (input: NaiveInput) => input.spec.primaryRegion !== undefined && input.spec.primaryRegion !== input.target.region;
const aliasOf = (input: NaiveInput, service: string) => `alias/${input.spec.projectCode}/${service}`;

async function describe(client: KMSClient, keyId: string): Promise<KeyMetadata> {
  const out = await client.send(new DescribeKeyCommand({ KeyId: keyId }));
  if (!out.KeyMetadata) throw new Error(`DescribeKey ${keyId} returned no metadata.`);
  return out.KeyMetadata;
}

async function desiredKeys(input: NaiveInput, clients: Clients): Promise<DesiredKey[]> {
  let primaryKeys: Map<string, { keyId: string; region: string }> | undefined;
  if (isReplicaSet(input)) {
    const primaryRegion = input.spec.primaryRegion!;
    primaryKeys = new Map();
    for (const s of input.spec.services) {
      const meta = await describe(clients.in(primaryRegion), aliasOf(input, s.service));
      primaryKeys.set(s.service, { keyId: meta.KeyId!, region: primaryRegion });
    }
  }
  return buildDesiredKeys(input.spec, input.target, { createdBy: input.requestToken, stackTags: input.stackTags, primaryKeys });
}

async function withClients<T>(input: NaiveInput, work: (clients: Clients) => Promise<T>): Promise<T> {
  const clients = new Clients(input.credentials);
  try {
    return await work(clients);
  } finally {
    clients.close();
  }
}

/** CREATE: per service, CreateKey → EnableKeyRotation → (DisableKey) → CreateAlias; replicas: ReplicateKey → wait → CreateAlias. */
export function naiveCreate(input: NaiveInput): Promise<void> {
  return withClients(input, async (clients) => {
    const kms = clients.in(input.target.region);
    for (const key of await desiredKeys(input, clients)) {
      let keyId: string;
      if (key.replicaOf) {
        const out = await clients.in(key.replicaOf.region).send(
          new ReplicateKeyCommand({
            KeyId: key.replicaOf.keyId,
            ReplicaRegion: input.target.region,
            Policy: key.policy,
            Description: key.description,
            Tags: tagList(key.tags),
          }),
        );
        keyId = out.ReplicaKeyMetadata!.KeyId!;
        while ((await describe(kms, keyId)).KeyState === 'Creating') await sleep(NAIVE_POLL_MS);
      } else {
        const out = await kms.send(
          new CreateKeyCommand({
            Policy: key.policy,
            Description: key.description,
            Tags: tagList(key.tags),
            MultiRegion: key.multiRegion,
            KeySpec: 'SYMMETRIC_DEFAULT',
            KeyUsage: 'ENCRYPT_DECRYPT',
          }),
        );
        keyId = out.KeyMetadata!.KeyId!;
        if (key.rotation?.enabled)
          await kms.send(new EnableKeyRotationCommand({ KeyId: keyId, RotationPeriodInDays: key.rotation.periodInDays }));
      }
      if (!key.enabled) await kms.send(new DisableKeyCommand({ KeyId: keyId }));
      await kms.send(new CreateAliasCommand({ AliasName: key.aliasName, TargetKeyId: keyId }));
    }
  });
}

/** READ: per service, DescribeKey(alias) → GetKeyPolicy → GetKeyRotationStatus (not replicas) → ListResourceTags. */
export function naiveRead(input: NaiveInput): Promise<void> {
  return withClients(input, async (clients) => {
    const kms = clients.in(input.target.region);
    for (const s of input.spec.services) {
      const keyId = (await describe(kms, aliasOf(input, s.service))).KeyId!;
      await kms.send(new GetKeyPolicyCommand({ KeyId: keyId, PolicyName: 'default' }));
      if (!isReplicaSet(input)) await kms.send(new GetKeyRotationStatusCommand({ KeyId: keyId }));
      await kms.send(new ListResourceTagsCommand({ KeyId: keyId }));
    }
  });
}

/** UPDATE: per service, read each setting and write it when it differs (policy, rotation, tags). */
export function naiveUpdate(input: NaiveInput): Promise<void> {
  return withClients(input, async (clients) => {
    const kms = clients.in(input.target.region);
    for (const key of await desiredKeys(input, clients)) {
      const keyId = (await describe(kms, key.aliasName)).KeyId!;
      const live = await kms.send(new GetKeyPolicyCommand({ KeyId: keyId, PolicyName: 'default' }));
      if (!policiesEquivalent(live.Policy ?? '', key.policy))
        await kms.send(new PutKeyPolicyCommand({ KeyId: keyId, PolicyName: 'default', Policy: key.policy }));
      if (key.rotation) {
        const rotation = await kms.send(new GetKeyRotationStatusCommand({ KeyId: keyId }));
        if (key.rotation.enabled && (!rotation.KeyRotationEnabled || rotation.RotationPeriodInDays !== key.rotation.periodInDays)) {
          await kms.send(new EnableKeyRotationCommand({ KeyId: keyId, RotationPeriodInDays: key.rotation.periodInDays }));
        } else if (!key.rotation.enabled && rotation.KeyRotationEnabled) {
          await kms.send(new DisableKeyRotationCommand({ KeyId: keyId }));
        }
      }
      const tags = await kms.send(new ListResourceTagsCommand({ KeyId: keyId }));
      const current = new Map((tags.Tags ?? []).map((t) => [t.TagKey, t.TagValue]));
      // The created-by tag records the create that made the key; an update leaves it alone.
      const wanted = Object.entries(key.tags).filter(([k, v]) => !k.endsWith(':created-by') && current.get(k) !== v);
      if (wanted.length > 0)
        await kms.send(new TagResourceCommand({ KeyId: keyId, Tags: wanted.map(([TagKey, TagValue]) => ({ TagKey, TagValue })) }));
    }
  });
}

/** DELETE: per service, DescribeKey(alias) → DeleteAlias → ScheduleKeyDeletion. */
export function naiveDelete(input: NaiveInput): Promise<void> {
  return withClients(input, async (clients) => {
    const kms = clients.in(input.target.region);
    for (const s of input.spec.services) {
      const alias = aliasOf(input, s.service);
      const keyId = (await describe(kms, alias)).KeyId!;
      await kms.send(new DeleteAliasCommand({ AliasName: alias }));
      await kms.send(new ScheduleKeyDeletionCommand({ KeyId: keyId, PendingWindowInDays: input.spec.pendingWindowInDays }));
    }
  });
}
