import { KMSClient } from '@aws-sdk/client-kms';
import { STSClient } from '@aws-sdk/client-sts';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../emulator';

/** Partition of the commercial Regions most tests use (ARNs in tests are built from it, never written as literals). */
export const P = 'aws';
export const ACCOUNT_A = '111111111111';
export const ACCOUNT_B = '222222222222';
export const DEFAULT_ACCOUNT = '123456789012';

/** Access key that maps to `account` by the AKIA<12 digits> convention. */
export const accessKeyFor = (account: string) => `AKIA${account}EXAMPLE`;

export function kmsClient(emu: RunningEmulator, region = 'eu-west-1', accessKeyId = accessKeyFor(ACCOUNT_A)): KMSClient {
  return new KMSClient({
    region,
    endpoint: emu.endpoint,
    maxAttempts: 1,
    credentials: { accessKeyId, secretAccessKey: 'dummy-secret' },
  });
}

export function stsClient(
  emu: RunningEmulator,
  region = 'us-east-1',
  accessKeyId = accessKeyFor(ACCOUNT_A),
  sessionToken?: string,
): STSClient {
  return new STSClient({
    region,
    endpoint: emu.endpoint,
    maxAttempts: 1,
    credentials: { accessKeyId, secretAccessKey: 'dummy-secret', sessionToken },
  });
}

/** One emulator per test file; state reset before each test. */
export function useEmulator(options: EmulatorOptions = {}): () => RunningEmulator {
  let emu: RunningEmulator | undefined;
  beforeAll(async () => {
    emu = await startEmulator({ replicaCreatingMs: 0, ...options });
  });
  afterAll(async () => {
    await emu?.stop();
  });
  beforeEach(() => emu?.admin.reset());
  return () => {
    if (!emu) throw new Error('emulator not started');
    return emu;
  };
}

/** The rejection of `promise` (fails the test if it resolves). */
export async function rejection(promise: Promise<unknown>): Promise<Error & { $metadata?: { httpStatusCode?: number } }> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the call to fail, but it succeeded');
}

export function rootPolicy(partition: string, account: string, extra: object[] = []): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      { Sid: 'Root', Effect: 'Allow', Principal: { AWS: `arn:${partition}:iam::${account}:root` }, Action: 'kms:*', Resource: '*' },
      ...extra,
    ],
  });
}
