import type { Partition } from '../core/types';

/** What a rule needs to know about where and for whom it is rendered. */
export interface RuleContext {
  readonly partition: Partition;
  /** The Region the key lives in (a replica's own Region). */
  readonly region: string;
  readonly ownerAccountId: string;
  /** Accounts whose callers may use the key through a service: owner, plus trusted accounts when enabled. */
  readonly callerAccounts: readonly string[];
}

/** A condition on an encryption-context key, with values computed per Region and partition. */
export interface EncryptionContextCondition {
  readonly operator: 'ArnLike' | 'StringLike' | 'StringEquals';
  /** Full condition key, e.g. `kms:EncryptionContext:aws:logs:arn`. */
  readonly key: string;
  readonly values: (ctx: RuleContext) => readonly string[];
}

/** A documented fact behind a statement; `uncertain` facts are flagged in docs/services.md. */
export interface Fact {
  readonly text: string;
  readonly uncertain?: boolean;
}

/**
 * Any principal of the allowed accounts (or organization), but only when the request comes
 * through the named AWS service: `kms:ViaService = <host>.<region>.amazonaws.com`.
 */
export interface ViaServiceRule {
  /** Sid suffix, e.g. `ViaS3`. */
  readonly id: string;
  /** ViaService host stems, e.g. `['s3']` → `s3.<region>.amazonaws.com`. */
  readonly hosts: readonly string[];
  readonly actions: readonly string[];
  /** Grant actions the service needs; rendered in a separate statement gated by GrantIsForAWSResource. */
  readonly grantActions?: readonly string[];
  /** The service cannot send GrantIsForAWSResource (EKS): grant actions join the main statement ungated. */
  readonly grantsWithoutGrantIsForAwsResource?: boolean;
  readonly encryptionContext?: EncryptionContextCondition;
  readonly why: string;
  readonly uncertain?: boolean;
}

/** An AWS service principal, e.g. `logs.<region>.amazonaws.com`. */
export interface ServicePrincipalRule {
  readonly id: string;
  /** Principal stem, e.g. `logs`, `cloudtrail`. */
  readonly principal: string;
  /** Regional principal (`<svc>.<region>.amazonaws.com`). */
  readonly regional?: boolean;
  readonly actions: readonly string[];
  /** Add `aws:SourceAccount` = the allowed caller accounts. */
  readonly sourceAccount?: boolean;
  /** The service sends `aws:SourceArn`: the key's SourceArns narrow this statement. */
  readonly sourceArn?: boolean;
  readonly encryptionContext?: EncryptionContextCondition;
  readonly why: string;
  readonly uncertain?: boolean;
}

/** An AWS service that may publish to / deliver through the encrypted resource (EventSourceServices). */
export interface EventSource {
  /** The value users put in EventSourceServices. */
  readonly id: string;
  /** Service principal stem. */
  readonly principal: string;
  readonly actions: readonly string[];
  /**
   * `required`: aws:SourceAccount (and SourceArns) must match.
   * `ifExists`: the service may not send the source keys on this path, so they only constrain when present.
   */
  readonly sourceConditions: 'required' | 'ifExists';
  readonly why: string;
  readonly uncertain?: boolean;
}

/** Service-specific options of the schema's ServiceKey. */
export type ServiceOption = 'EventSourceServices' | 'SourceArns' | 'NodeRoleArns' | 'GlobalTables' | 'AutoScalingGrants';

export interface DocLink {
  readonly title: string;
  readonly url: string;
}

/** One entry of the service catalog: everything needed to render and explain a service's key policy. */
export interface ServiceDefinition {
  /** Catalog id as in the schema's Service pattern, e.g. `secretsmanager`. */
  readonly id: string;
  /** PascalCase name in `Keys.KeyArns.<attributeName>`; matches the schema's KeyArns definition. */
  readonly attributeName: string;
  readonly displayName: string;
  readonly defaultDescription: string;
  /** One sentence: what the key protects. */
  readonly purpose: string;
  /** @default true */
  readonly supportsMultiRegion: boolean;
  /** False when the service accepts only key ids/ARNs (MWAA): the alias is still created, for people. */
  readonly supportsAlias: boolean;
  /** Set for services that cannot use a customer managed key: the validator rejects them with this text. */
  readonly unsupportedReason?: string;
  /** Partitions where the service offers no customer managed key option. */
  readonly unavailableIn?: readonly Partition[];
  readonly docLinks: readonly DocLink[];
  readonly viaService: readonly ViaServiceRule[];
  readonly servicePrincipals: readonly ServicePrincipalRule[];
  /** Allowed EventSourceServices values (sns, sqs, events). */
  readonly eventSources: readonly EventSource[];
  /** Actions key users get on this key. @default KEY_USAGE_ACTIONS */
  readonly keyUserActions: readonly string[];
  /** Actions trusted accounts and the organization get directly. @default KEY_USAGE_ACTIONS */
  readonly crossAccountActions: readonly string[];
  /** Key users/trusted accounts/organization may create grants for AWS resources (GIFAR-gated). @default true */
  readonly directGrants: boolean;
  /** Actions of NodeRoleArns (session only). */
  readonly nodeRoleActions?: readonly string[];
  readonly options: readonly ServiceOption[];
  readonly facts: readonly Fact[];
}
