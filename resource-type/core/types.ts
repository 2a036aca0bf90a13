/**
 * Shared vocabulary of the pure core: the normalized desired state of a key set and the
 * deployment target it is rendered for. Produced by the validator from raw resource
 * properties (PascalCase JSON, as in the schema) and consumed by the policy renderer,
 * the planner and the operations.
 */

export type Partition = 'aws' | 'aws-cn' | 'aws-us-gov';

/** Where a key set lives: one account and one Region. */
export interface DeploymentTarget {
  readonly accountId: string;
  readonly region: string;
  readonly partition: Partition;
}

export interface Tag {
  readonly Key: string;
  readonly Value: string;
}

export type PolicyPrincipal = '*' | Readonly<Record<string, string | readonly string[]>>;
export type ConditionBlock = Readonly<Record<string, Readonly<Record<string, string | boolean | readonly string[]>>>>;

export interface PolicyStatement {
  readonly Sid?: string;
  readonly Effect: 'Allow' | 'Deny';
  readonly Principal?: PolicyPrincipal;
  readonly NotPrincipal?: PolicyPrincipal;
  readonly Action?: string | readonly string[];
  readonly NotAction?: string | readonly string[];
  readonly Resource?: string | readonly string[];
  readonly NotResource?: string | readonly string[];
  readonly Condition?: ConditionBlock;
}

export interface PolicyDocument {
  readonly Version: '2012-10-17';
  readonly Id?: string;
  readonly Statement: readonly PolicyStatement[];
}

/** Desired state of one service key, with schema defaults applied. */
export interface ServiceKeySpec {
  /** Catalog id, e.g. `s3`, `secretsmanager`. */
  readonly service: string;
  /** @default true */
  readonly enabled: boolean;
  /** @default true */
  readonly enableKeyRotation: boolean;
  /** @default 365 */
  readonly rotationPeriodInDays: number;
  /** @default false */
  readonly multiRegion: boolean;
  /** @default the catalog's description for the service */
  readonly description: string;
  /** Full policy override (object, or the exact string the user gave). */
  readonly keyPolicy?: PolicyDocument | string;
  readonly additionalPolicyStatements: readonly PolicyStatement[];
  /** Extra usage principals for this key only. */
  readonly keyUserArns: readonly string[];
  readonly eventSourceServices: readonly string[];
  readonly sourceArns: readonly string[];
  readonly nodeRoleArns: readonly string[];
  /** @default false */
  readonly globalTables: boolean;
  /** @default false */
  readonly autoScalingGrants: boolean;
  /** Per-key tags (merged over the key set's tags). */
  readonly tags: readonly Tag[];
}

/** Desired state of a whole key set, with schema defaults applied. */
export interface KeySetSpec {
  readonly projectCode: string;
  readonly services: readonly ServiceKeySpec[];
  readonly keyAdministratorArns: readonly string[];
  readonly keyUserArns: readonly string[];
  readonly trustedAccountIds: readonly string[];
  readonly trustedOrganizationId?: string;
  readonly trustedOrganizationalUnitPaths: readonly string[];
  /** @default false */
  readonly crossAccountAccessViaService: boolean;
  /** @default 30 */
  readonly pendingWindowInDays: number;
  /** Set and different from the target Region: this is a replica key set. */
  readonly primaryRegion?: string;
  readonly tags: readonly Tag[];
}

/** Raw resource properties as in the schema (PascalCase JSON, no Maps or bigints). */
export type ResourceProperties = Record<string, unknown>;
