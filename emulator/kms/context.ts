import type { Partition } from '../partition';

/** Who is calling, where, and how (derived from the SigV4 scope, the account mapping and test headers). */
export interface CallContext {
  operation: string;
  accountId: string;
  region: string;
  partition: Partition;
  accessKeyId: string;
  /** The caller ARN as STS would report it (an assumed-role session, a user, or the account root). */
  callerArn: string;
  /** `kms:ViaService` value when a test marks the request as made through a service. */
  viaService?: string;
  now: number;
}

export type Json = Record<string, unknown>;
