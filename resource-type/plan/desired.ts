import { ValidationError, type ValidationIssue } from '../core/errors';
import { aliasNameFor, ownershipTags } from '../core/ownership';
import type { DeploymentTarget, KeySetSpec, ServiceKeySpec } from '../core/types';
import { renderKeySet } from '../policy';
import { MAX_TAGS_PER_KEY, OWNERSHIP_TAG_COUNT } from '../validation/tags';
import type { DesiredKey } from './types';

/**
 * Tags every key of a key set should carry, lowest precedence first: stack tags, the key set's
 * Tags, the key's own Tags, then the ownership tags (project, service, created-by), which
 * nothing can override. `aws:` keys are reserved by AWS and never sent.
 */
export function desiredTags(
  spec: KeySetSpec,
  key: ServiceKeySpec,
  createdBy: string,
  stackTags: Readonly<Record<string, string>> | undefined,
): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const [k, v] of Object.entries(stackTags ?? {})) if (!k.startsWith('aws:')) tags[k] = v;
  for (const t of spec.tags) tags[t.Key] = t.Value;
  for (const t of key.tags) tags[t.Key] = t.Value;
  return { ...tags, ...ownershipTags(spec.projectCode, key.service, createdBy) };
}

/**
 * Validation counts the model's tags; CloudFormation adds stack tags only at run time. Every key
 * must stay within KMS's 50 tags with them, checked before any AWS call (InvalidRequest).
 */
export function assertTagLimit(spec: KeySetSpec, stackTags: Readonly<Record<string, string>> | undefined): void {
  const stackCount = Object.keys(stackTags ?? {}).filter((k) => !k.startsWith('aws:')).length;
  const issues: ValidationIssue[] = [];
  spec.services.forEach((key, i) => {
    const count = Object.keys(desiredTags(spec, key, '', stackTags)).length;
    if (count <= MAX_TAGS_PER_KEY) return;
    issues.push({
      property: `Services/${i}/Tags`,
      value: count,
      message: `the ${key.service} key would carry ${count} tags (${stackCount} stack tags + ${spec.tags.length} key set Tags + ${key.tags.length} per-key Tags + ${OWNERSHIP_TAG_COUNT} ownership tags, each tag key counted once); KMS allows ${MAX_TAGS_PER_KEY}. Remove Tags from the key set, or apply fewer tags to the stack.`,
    });
  });
  if (issues.length > 0) throw new ValidationError(issues);
}

export interface DesiredOptions {
  /** Token recorded in the created-by tag of keys this operation creates. */
  readonly createdBy: string;
  readonly stackTags?: Readonly<Record<string, string>>;
  /** Replica key sets: the primary key of each service in the primary Region. */
  readonly primaryKeys?: ReadonlyMap<string, { keyId: string; region: string }>;
}

/** Desired state of every key of the set in `target.region` (policies rendered for that Region). */
export function buildDesiredKeys(spec: KeySetSpec, target: DeploymentTarget, options: DesiredOptions): DesiredKey[] {
  const rendered = new Map(renderKeySet(spec, target).map((r) => [r.service, r]));
  const replica = options.primaryKeys !== undefined;
  return spec.services.map((key) => ({
    service: key.service,
    aliasName: aliasNameFor(spec.projectCode, key.service),
    policy: rendered.get(key.service)!.policyText,
    description: key.description,
    enabled: key.enabled,
    // Rotation of a multi-Region key is set on the primary and synced to replicas.
    rotation: replica ? undefined : { enabled: key.enableKeyRotation, periodInDays: key.rotationPeriodInDays },
    multiRegion: replica ? true : key.multiRegion,
    tags: desiredTags(spec, key, options.createdBy, options.stackTags),
    replicaOf: options.primaryKeys?.get(key.service),
  }));
}
