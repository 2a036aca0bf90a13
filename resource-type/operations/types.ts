import type { DeploymentTarget, ResourceProperties } from '../core/types';
import type { StepKind } from '../plan/types';

/** AWS credentials for one invocation (from the registry request or the Lambda's own role). */
export interface InvocationCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

/** Everything an operation needs from its caller; protocol adapters build it. */
export interface OperationInput {
  readonly target: DeploymentTarget;
  /** Desired properties (CREATE/UPDATE) or the known model (READ/DELETE/LIST): PascalCase JSON. */
  readonly properties: ResourceProperties;
  /** UPDATE only: the previous properties. */
  readonly previousProperties?: ResourceProperties;
  /** Credentials for SDK v3 clients; undefined = default credential chain. */
  readonly credentials?: InvocationCredentials;
  /** Stack-level tags CloudFormation asks us to apply to every key. */
  readonly stackTags?: Readonly<Record<string, string>>;
  /** UPDATE only: the stack-level tags of the previous deployment (tells drift from tag changes in progress notes). */
  readonly previousStackTags?: Readonly<Record<string, string>>;
  /** Identifies the operation across re-invocations (client request token / custom resource RequestId). */
  readonly requestToken: string;
  /** Progress state returned by an earlier invocation of the same operation. */
  readonly callbackContext?: Readonly<Record<string, unknown>>;
  /** Epoch ms by which this invocation must return (IN_PROGRESS if work remains). */
  readonly deadline: number;
  /** Progress reporting (per key, per Region) for people watching. */
  readonly onProgress?: (event: ProgressNote) => void;
}

/** One progress note: a key (service) in one Region reached a step, or is waiting for one. */
export interface ProgressNote {
  /** Catalog service id of the key concerned. */
  readonly service?: string;
  /** Region of the key set the note is about (ReplicateKey is called in the primary Region but makes a key here). */
  readonly region: string;
  /** One sentence, e.g. "created the s3 key 1234abcd-..." or "repaired drift: key policy of the s3 key ... updated". */
  readonly message: string;
  /** The plan step concerned (createKey, replicateKey, waitUntilUsable, createAlias, scheduleKeyDeletion...). */
  readonly step?: StepKind;
  /** The key concerned, once known. */
  readonly keyId?: string;
}

export type OperationOutcome =
  | { readonly status: 'SUCCESS'; readonly properties?: ResourceProperties; readonly list?: readonly ResourceProperties[] }
  | {
      readonly status: 'IN_PROGRESS';
      readonly properties: ResourceProperties;
      readonly callbackContext: Record<string, unknown>;
      readonly callbackDelaySeconds: number;
      readonly message?: string;
    };
// Failures are thrown as KeySetError (../core/errors).
