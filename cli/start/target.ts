/**
 * Options of `start`, and for --endpoint / --real-aws the caller: credentials from the SDK's normal provider
 * chain (environment, profiles, SSO, instance roles) and the account from STS GetCallerIdentity.
 */
import { KMSClient } from '@aws-sdk/client-kms';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { partitionOf } from '../../resource-type/core/partition';
import { CliError, EXIT, type CliIo } from '../command';
import type { Credentials } from './cloudformation';

export interface StartArgs {
  readonly keepRunning: boolean;
  readonly template?: string;
  readonly parameters: Readonly<Record<string, string>>;
  readonly endpoint?: string;
  readonly realAws: boolean;
  readonly region: string;
  readonly replicaRegion: string;
  readonly noColor: boolean;
  /** Emulator port (local runs). @default 0 (random) */
  readonly port?: number;
  /** How long a new replica stays Creating in the emulator. @default 300 */
  readonly replicaCreatingMs: number;
}

export interface RemoteTarget {
  readonly accountId: string;
  readonly callerArn: string;
  readonly credentials: Credentials;
  /** IAM ARN that administers the keys: the caller's role/user (the account root for root credentials). */
  readonly adminArn: string;
}

let cached: { key: string; target: RemoteTarget } | undefined;

/** The caller's principal as a key policy principal: assumed-role sessions become their role ARN. */
export function adminArnFor(callerArn: string, region: string): string {
  const m = /^arn:[a-z-]+:sts::([0-9]{12}):assumed-role\/([^/]+)\/.+$/.exec(callerArn);
  if (m) return `arn:${partitionOf(region)}:iam::${m[1]}:role/${m[2]}`;
  return callerArn;
}

export async function resolveRemoteTarget(args: StartArgs, _io: CliIo): Promise<RemoteTarget> {
  const key = `${args.endpoint ?? 'aws'}|${args.region}`;
  if (cached?.key === key) return cached.target;
  const endpoint = args.endpoint ? { endpoint: args.endpoint } : {};
  let credentials: Credentials;
  try {
    const provider = new KMSClient({ region: args.region, ...endpoint }).config.credentials;
    const c = await provider();
    credentials = {
      accessKeyId: c.accessKeyId,
      secretAccessKey: c.secretAccessKey,
      ...(c.sessionToken ? { sessionToken: c.sessionToken } : {}),
    };
  } catch (error) {
    throw new CliError(
      `No AWS credentials found through the SDK's provider chain (${(error as Error).message}). Set AWS_PROFILE or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY${args.endpoint ? ' (LocalStack accepts test/test)' : ''}.`,
    );
  }
  const sts = new STSClient({ region: args.region, credentials, ...endpoint });
  try {
    const who = await sts.send(new GetCallerIdentityCommand({}));
    const target = { accountId: who.Account!, callerArn: who.Arn!, credentials, adminArn: adminArnFor(who.Arn!, args.region) };
    cached = { key, target };
    return target;
  } catch (error) {
    throw new CliError(`STS GetCallerIdentity failed at ${args.endpoint ?? 'AWS'}: ${(error as Error).message}`, EXIT.failure);
  } finally {
    sts.destroy();
  }
}
