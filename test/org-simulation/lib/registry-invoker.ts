/**
 * Drives our registry type's real `entrypoint` the way CloudFormation does for one resource operation:
 * HandlerRequest payloads (protocol 2.0.0) with the caller credentials of the type's execution role in that
 * account and Region, property values as strings, and IN_PROGRESS followed with the returned resource model and
 * callbackContext (same bearer token) after callbackDelaySeconds.
 */
import { randomUUID } from 'node:crypto';
import { entrypoint } from '../../../handlers/registry/handlers';
import type { StackLocation, World } from './world';

export const TYPE_NAME = 'Org::Security::ServiceKmsKeys';

type Json = Record<string, unknown>;

export interface HandlerCall {
  world: World;
  action: 'CREATE' | 'READ' | 'DELETE';
  stack: StackLocation;
  logicalId: string;
  properties: Json;
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /** Invocations before giving up. @default 200 */
  maxInvocations?: number;
}

export class HandlerFailure extends Error {
  constructor(
    readonly errorCode: string,
    message: string,
  ) {
    super(message);
  }
}

/** CloudFormation hands registry handlers every scalar property value as a string. */
export function asCloudFormationSends(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(asCloudFormationSends);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, asCloudFormationSends(v)]));
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return value;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs one operation to SUCCESS (returns the final resource model) or throws HandlerFailure. */
export async function runHandler(call: HandlerCall): Promise<{ model: Json | undefined; invocations: number }> {
  const { world, stack, action } = call;
  const bearerToken = randomUUID();
  let properties: Json = asCloudFormationSends(call.properties) as Json;
  let callbackContext: unknown = null;
  const callerArn = world.sessions.get(call.credentials.accessKeyId) ?? 'unknown';
  const max = call.maxInvocations ?? 200;
  for (let invocation = 1; invocation <= max; invocation++) {
    const payload = {
      action,
      awsAccountId: stack.accountId,
      bearerToken,
      region: stack.region,
      resourceType: TYPE_NAME,
      resourceTypeVersion: '00000001',
      stackId: stack.stackId,
      callbackContext,
      requestData: {
        callerCredentials: call.credentials,
        logicalResourceId: call.logicalId,
        resourceProperties: properties,
        previousResourceProperties: null,
        stackTags: null,
        systemTags: {
          'aws:cloudformation:stack-name': stack.stackName,
          'aws:cloudformation:stack-id': stack.stackId,
          'aws:cloudformation:logical-id': call.logicalId,
        },
        typeConfiguration: null,
      },
    };
    const startedAt = Date.now();
    const event = JSON.parse(JSON.stringify(await entrypoint(payload as never, {} as never))) as Json;
    world.invocations.push({
      action,
      accountId: stack.accountId,
      region: stack.region,
      stackName: stack.stackName,
      logicalId: call.logicalId,
      status: String(event.status),
      callerArn,
      startedAt,
      at: Date.now(),
    });
    if (event.status === 'SUCCESS') return { model: event.resourceModel as Json | undefined, invocations: invocation };
    if (event.status === 'FAILED') {
      throw new HandlerFailure(
        String(event.errorCode),
        `${action} of ${call.logicalId} in ${stack.accountId} ${stack.region} failed (${String(event.errorCode)}): ${String(event.message)}`,
      );
    }
    if (event.status !== 'IN_PROGRESS') throw new Error(`${action}: unexpected status ${String(event.status)}`);
    // CloudFormation re-invokes with the model the handler returned and its callbackContext.
    properties = event.resourceModel as Json;
    callbackContext = event.callbackContext ?? null;
    await sleep(Math.max(5, Number(event.callbackDelaySeconds ?? 0) * 1000));
  }
  throw new Error(`${action} of ${call.logicalId} in ${stack.accountId} ${stack.region} still IN_PROGRESS after ${max} invocations.`);
}
