/**
 * Drives a registry handler `entrypoint` the way CloudFormation does: a HandlerRequest (protocol
 * 2.0.0) per invocation, re-invoked on IN_PROGRESS with the returned callbackContext and model,
 * the same bearer token for the whole operation and fresh caller credentials each time.
 * `callbackDelaySeconds` is recorded but not slept (the bench reports it instead).
 */
import { performance } from 'node:perf_hooks';

export type RegistryAction = 'CREATE' | 'READ' | 'UPDATE' | 'DELETE' | 'LIST';
export type Entrypoint = (event: unknown, context: unknown) => Promise<unknown>;

export interface Caller {
  readonly accountId: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
}

export interface RequestSpec {
  readonly action: RegistryAction;
  readonly caller: Caller;
  readonly region: string;
  readonly properties: Record<string, unknown>;
  readonly previousProperties?: Record<string, unknown>;
  readonly bearerToken: string;
  readonly logicalResourceId: string;
  readonly stackTags?: Record<string, string>;
}

export interface ProgressEventJson {
  readonly status: 'IN_PROGRESS' | 'SUCCESS' | 'FAILED';
  readonly errorCode?: string;
  readonly message?: string;
  readonly callbackContext?: Record<string, unknown>;
  readonly callbackDelaySeconds?: number;
  readonly resourceModel?: Record<string, unknown>;
}

export const RESOURCE_TYPE = 'Org::Security::ServiceKmsKeys';

/** Registry adapters expect string-typed property values, as CloudFormation sends them. */
export function stringifyScalars(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stringifyScalars);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, stringifyScalars(v)]));
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return value;
}

/** One HandlerRequest payload, shaped like CloudFormation's (see registry-runtime.md §2). */
export function handlerRequest(
  spec: RequestSpec,
  callbackContext: Record<string, unknown> | null,
  invocation: number,
): Record<string, unknown> {
  const stackName = `bench-${spec.logicalResourceId.toLowerCase()}`;
  return {
    action: spec.action,
    awsAccountId: spec.caller.accountId,
    bearerToken: spec.bearerToken,
    region: spec.region,
    resourceType: RESOURCE_TYPE,
    resourceTypeVersion: '00000001',
    stackId: `arn:aws:cloudformation:${spec.region}:${spec.caller.accountId}:stack/${stackName}/00000000-0000-4000-8000-000000000000`,
    callbackContext,
    requestData: {
      // Fresh credentials on every invocation, as CloudFormation sends them.
      callerCredentials: {
        accessKeyId: spec.caller.accessKeyId,
        secretAccessKey: spec.caller.secretAccessKey,
        sessionToken: `session-${invocation}`,
      },
      logicalResourceId: spec.logicalResourceId,
      resourceProperties: stringifyScalars(spec.properties),
      previousResourceProperties: spec.previousProperties ? stringifyScalars(spec.previousProperties) : null,
      stackTags: spec.stackTags ?? null,
      previousStackTags: spec.stackTags ?? null,
      systemTags: { 'aws:cloudformation:stack-name': stackName, 'aws:cloudformation:logical-id': spec.logicalResourceId },
    },
  };
}

export interface ActionRun {
  readonly action: RegistryAction;
  readonly region: string;
  readonly final: ProgressEventJson;
  /** Handler invocations (1 + IN_PROGRESS re-invocations). */
  readonly invocations: number;
  /** callbackDelaySeconds of each IN_PROGRESS answer (not slept by the bench). */
  readonly callbackDelaysSeconds: number[];
  /** Wall time of each invocation (ms). */
  readonly invocationMs: number[];
  readonly wallMs: number;
}

/** Runs one operation to SUCCESS/FAILED, following IN_PROGRESS. Throws when it never ends. */
export async function runAction(entrypoint: Entrypoint, spec: RequestSpec, maxInvocations = 50): Promise<ActionRun> {
  const started = performance.now();
  let properties = spec.properties;
  let callbackContext: Record<string, unknown> | null = null;
  const callbackDelaysSeconds: number[] = [];
  const invocationMs: number[] = [];
  for (let i = 1; i <= maxInvocations; i++) {
    const t0 = performance.now();
    const raw = await entrypoint(handlerRequest({ ...spec, properties }, callbackContext, i), {});
    invocationMs.push(performance.now() - t0);
    const event = JSON.parse(JSON.stringify(raw)) as ProgressEventJson;
    if (event.status !== 'IN_PROGRESS') {
      return {
        action: spec.action,
        region: spec.region,
        final: event,
        invocations: i,
        callbackDelaysSeconds,
        invocationMs,
        wallMs: performance.now() - started,
      };
    }
    callbackDelaysSeconds.push(event.callbackDelaySeconds ?? 0);
    callbackContext = event.callbackContext ?? null;
    if (event.resourceModel) properties = event.resourceModel;
  }
  throw new Error(
    `${spec.action} in ${spec.region} was still IN_PROGRESS after ${maxInvocations} invocations; the handler never finishes.`,
  );
}
