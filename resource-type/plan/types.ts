import type { KeyInfo, RotationStatus } from '../gateway/kms-gateway';

/** Stands for the key a step earlier in the same sequence creates or replicates. */
export const NEW_KEY = '@new';

/** What one service key should look like in this Region. */
export interface DesiredKey {
  readonly service: string;
  readonly aliasName: string;
  /** Exact policy text to send (canonical serialization). */
  readonly policy: string;
  readonly description: string;
  readonly enabled: boolean;
  /** Rotation is managed only where it can be set: primaries and single-Region keys (never replicas). */
  readonly rotation?: { readonly enabled: boolean; readonly periodInDays: number };
  readonly multiRegion: boolean;
  /** Desired tags on the key, ownership tags included (created-by only for new keys). */
  readonly tags: Readonly<Record<string, string>>;
  /** Replica key sets: the primary key to replicate. */
  readonly replicaOf?: { readonly keyId: string; readonly region: string };
}

/** One key of ours as read from KMS. */
export interface LiveKey {
  readonly service: string;
  readonly info: KeyInfo;
  readonly tags: Readonly<Record<string, string>>;
  /** Present for usable keys (not read for keys pending deletion). */
  readonly policy?: string;
  readonly rotation?: RotationStatus;
}

/** Live state of one desired service in this Region. */
export interface LiveServiceState {
  /** Our key for the service (through its alias, an adopted orphan, or the replica of the primary). */
  readonly key?: LiveKey;
  /** Where `alias/<ProjectCode>/<service>` points now (undefined: the alias does not exist). */
  readonly aliasTargetKeyId?: string;
}

export type Step =
  | {
      readonly kind: 'createKey';
      readonly service: string;
      readonly policy: string;
      readonly description: string;
      readonly tags: Readonly<Record<string, string>>;
      readonly multiRegion: boolean;
    }
  | {
      readonly kind: 'replicateKey';
      readonly service: string;
      readonly primaryKeyId: string;
      readonly primaryRegion: string;
      readonly policy: string;
      readonly description: string;
      readonly tags: Readonly<Record<string, string>>;
    }
  | { readonly kind: 'waitUntilUsable'; readonly service: string; readonly keyId: string }
  | { readonly kind: 'cancelKeyDeletion'; readonly service: string; readonly keyId: string }
  | { readonly kind: 'enableKey'; readonly service: string; readonly keyId: string }
  | { readonly kind: 'disableKey'; readonly service: string; readonly keyId: string }
  | { readonly kind: 'enableKeyRotation'; readonly service: string; readonly keyId: string; readonly periodInDays: number }
  | { readonly kind: 'disableKeyRotation'; readonly service: string; readonly keyId: string }
  | { readonly kind: 'putKeyPolicy'; readonly service: string; readonly keyId: string; readonly policy: string }
  | { readonly kind: 'updateKeyDescription'; readonly service: string; readonly keyId: string; readonly description: string }
  | { readonly kind: 'tagResource'; readonly service: string; readonly keyId: string; readonly tags: Readonly<Record<string, string>> }
  | { readonly kind: 'untagResource'; readonly service: string; readonly keyId: string; readonly tagKeys: readonly string[] }
  | { readonly kind: 'createAlias'; readonly service: string; readonly aliasName: string; readonly keyId: string }
  | { readonly kind: 'updateAlias'; readonly service: string; readonly aliasName: string; readonly keyId: string }
  | { readonly kind: 'deleteAlias'; readonly service: string; readonly aliasName: string }
  | {
      readonly kind: 'scheduleKeyDeletion';
      readonly service: string;
      readonly keyId: string;
      readonly pendingWindowInDays: number;
      /** Multi-Region primary: Regions of its live replicas (KMS keeps it PendingReplicaDeletion until they go). */
      readonly replicaRegions?: readonly string[];
    };

export type StepKind = Step['kind'];

/** Steps of one key, in order. Sequences of different keys are independent (run concurrently). */
export interface KeySequence {
  readonly service: string;
  readonly steps: readonly Step[];
}

/** Compares a live policy with the desired text canonically. */
export type PolicyComparator = (live: string, desired: string) => boolean;
