/**
 * Test harness for the custom-resource handler: a KMS emulator reached through the SDK's standard
 * configuration (env credentials + AWS_ENDPOINT_URL_KMS, as the Lambda's default chain would), a
 * real response server, and CloudFormation-shaped events and Lambda contexts.
 */
import { randomUUID } from 'node:crypto';
import { startEmulator } from '../../emulator';
import type { KeySnapshot, RunningEmulator } from '../../emulator';
import { getServiceDefinition } from '../../resource-type/catalog';
import { MUTATING_KMS_APIS } from '../../resource-type/gateway';
import type { CustomResourceEvent, LambdaContext, RequestType } from '../../handlers/custom-resource';

export const ACCOUNT = '111111111111';
export const REGION = 'eu-west-1';
export const ACCESS_KEY = `AKIA${ACCOUNT}EXAMPLE`;
export const STACK_ID = `arn:aws:cloudformation:${REGION}:${ACCOUNT}:stack/app-keys/6c1f9a20-ad6e-11ef-9e5c-0a1b2c3d4e5f`;
export const FUNCTION_ARN = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:app-keys-ServiceKmsKeysProvider`;
export const SERVICE_TOKEN = FUNCTION_ARN;
export const LOG_STREAM = '2026/11/29/[$LATEST]0123456789abcdef0123456789abcdef';

const ENV_KEYS = [
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_REGION',
  'AWS_ENDPOINT_URL_KMS',
  'AWS_PROFILE',
] as const;

/** Starts the emulator and points the default credential chain and endpoint resolution at it. */
export async function startKms(): Promise<{ emulator: RunningEmulator; restore: () => Promise<void> }> {
  const emulator = await startEmulator({ port: 0 });
  const saved = Object.fromEntries(ENV_KEYS.map((k) => [k, process.env[k]]));
  for (const key of ENV_KEYS) delete process.env[key];
  process.env.AWS_ACCESS_KEY_ID = ACCESS_KEY;
  process.env.AWS_SECRET_ACCESS_KEY = 'emulator-secret';
  process.env.AWS_REGION = REGION;
  process.env.AWS_ENDPOINT_URL_KMS = emulator.endpoint;
  return {
    emulator,
    restore: async () => {
      for (const key of ENV_KEYS) {
        if (saved[key] === undefined) delete process.env[key];
        else process.env[key] = saved[key];
      }
      await emulator.stop();
    },
  };
}

/** Properties exactly as CloudFormation delivers them: every scalar a string, protocol keys included. */
export function cfnProperties(properties: Record<string, unknown>): Record<string, unknown> {
  const stringify = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(stringify);
    if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, stringify(v)]));
    return typeof value === 'number' || typeof value === 'boolean' ? String(value) : value;
  };
  return { ServiceToken: SERVICE_TOKEN, ServiceTimeout: '960', ...(stringify(properties) as Record<string, unknown>) };
}

export function keySetProps(projectCode: string, services: Array<Record<string, unknown>> = [{ Service: 's3' }, { Service: 'logs' }]) {
  return {
    ProjectCode: projectCode,
    KeyAdministratorArns: [`arn:aws:iam::${ACCOUNT}:role/KeyAdmins`],
    PendingWindowInDays: 7,
    Services: services,
  };
}

export function cfnEvent(
  requestType: RequestType,
  responseUrl: string,
  properties: Record<string, unknown>,
  extra: { physicalResourceId?: string; oldProperties?: Record<string, unknown>; requestId?: string } = {},
): CustomResourceEvent {
  return {
    RequestType: requestType,
    ServiceToken: SERVICE_TOKEN,
    ResponseURL: responseUrl,
    StackId: STACK_ID,
    RequestId: extra.requestId ?? randomUUID(),
    ResourceType: 'Custom::ServiceKmsKeys',
    LogicalResourceId: 'AppKeys',
    ...(extra.physicalResourceId !== undefined ? { PhysicalResourceId: extra.physicalResourceId } : {}),
    ResourceProperties: cfnProperties(properties),
    ...(extra.oldProperties ? { OldResourceProperties: cfnProperties(extra.oldProperties) } : {}),
  };
}

/** A Lambda context whose remaining time counts down from `remainingMs`. */
export function lambdaContext(remainingMs = 120_000): LambdaContext {
  const end = Date.now() + remainingMs;
  return {
    getRemainingTimeInMillis: () => Math.max(0, end - Date.now()),
    invokedFunctionArn: FUNCTION_ARN,
    logGroupName: '/aws/lambda/app-keys-ServiceKmsKeysProvider',
    logStreamName: LOG_STREAM,
    awsRequestId: randomUUID(),
  };
}

/** The project's keys in the emulator, by service id (from the alias alias/<project>/<service>). */
export function keysOf(emulator: RunningEmulator, projectCode: string): Record<string, KeySnapshot> {
  const out: Record<string, KeySnapshot> = {};
  for (const key of emulator.admin.describeAllKeys(ACCOUNT, REGION)) {
    for (const alias of key.aliases) {
      const match = new RegExp(`^alias/${projectCode}/([a-z0-9]+)$`).exec(alias);
      if (match) out[match[1]] = key;
    }
  }
  return out;
}

/** The Data the handler must return for these keys, derived independently from the emulator's state. */
export function expectedData(emulator: RunningEmulator, projectCode: string): Record<string, string> {
  const data: Record<string, string> = {};
  for (const [service, key] of Object.entries(keysOf(emulator, projectCode))) {
    const name = getServiceDefinition(service)!.attributeName;
    data[`${name}.KeyArn`] = key.arn;
    data[`${name}.KeyId`] = key.keyId;
    data[`${name}.AliasName`] = `alias/${projectCode}/${service}`;
  }
  return data;
}

/** Every key the account holds in the test Region (any project), with no key pending deletion. */
export function liveKeys(emulator: RunningEmulator): KeySnapshot[] {
  return emulator.admin.describeAllKeys(ACCOUNT, REGION).filter((k) => k.state !== 'PendingDeletion');
}

/** Calls per mutating KMS API (the gateway's list, the one the engine tests and the bench use). */
export function mutatingCalls(emulator: RunningEmulator): Record<string, number> {
  return Object.fromEntries(Object.entries(emulator.admin.callCounts()).filter(([op]) => MUTATING_KMS_APIS.has(op)));
}
