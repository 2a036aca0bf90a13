/**
 * Plays CloudFormation's part for `start`: sends HandlerRequest payloads (protocol 2.0.0, as CloudFormation and
 * `cfn test` send them) to the real registry `entrypoint`, and while the answer is IN_PROGRESS invokes again
 * with the returned model and callbackContext after callbackDelaySeconds, as CloudFormation does.
 */
import { randomUUID } from 'node:crypto';
import { entrypoint } from '../../handlers/registry/handlers';
import type { DeploymentTarget } from '../../resource-type/core/types';

export type Action = 'CREATE' | 'READ' | 'UPDATE' | 'DELETE';
type Json = Record<string, unknown>;

export interface Credentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

export interface StackResource {
  readonly stackName: string;
  readonly logicalId: string;
  readonly target: DeploymentTarget;
  readonly credentials: Credentials;
  /** Stack-level tags (desiredResourceTags / requestData.stackTags). */
  readonly stackTags?: Readonly<Record<string, string>>;
}

export interface InvocationReport {
  readonly action: Action;
  readonly invocation: number;
  readonly status: string;
  readonly ms: number;
  readonly message?: string;
  readonly callbackDelaySeconds?: number;
}

export interface OperationResult {
  readonly status: 'SUCCESS';
  readonly model?: Json;
  readonly invocations: number;
  readonly ms: number;
}

export class HandlerFailed extends Error {
  constructor(
    readonly action: Action,
    readonly errorCode: string,
    message: string,
    readonly logs: readonly string[],
  ) {
    super(`${action} failed with ${errorCode}: ${message}`);
    this.name = 'HandlerFailed';
  }
}

export interface DriverOptions {
  /** Called after each invocation. */
  readonly onInvocation?: (report: InvocationReport) => void;
  /** Longest wait between invocations; CloudFormation waits callbackDelaySeconds. @default Infinity */
  readonly maxCallbackDelayMs?: number;
  /** @default 120 */
  readonly maxInvocations?: number;
  /** Each line the handler logs, as it is logged (the registry adapter logs the engine's progress notes). */
  readonly onLog?: (line: string) => void;
}

function payload(
  action: Action,
  resource: StackResource,
  properties: Json | undefined,
  previous: Json | undefined,
  callbackContext: unknown,
  clientRequestToken: string,
): Json {
  const { target } = resource;
  return {
    action,
    awsAccountId: target.accountId,
    bearerToken: clientRequestToken,
    region: target.region,
    resourceType: 'Org::Security::ServiceKmsKeys',
    resourceTypeVersion: '00000001',
    stackId: `arn:${target.partition}:cloudformation:${target.region}:${target.accountId}:stack/${resource.stackName}/${clientRequestToken}`,
    callbackContext: callbackContext ?? null,
    requestData: {
      callerCredentials: resource.credentials,
      logicalResourceId: resource.logicalId,
      resourceProperties: properties ?? null,
      previousResourceProperties: previous ?? null,
      stackTags: resource.stackTags ?? null,
      systemTags: { 'aws:cloudformation:stack-name': resource.stackName, 'aws:cloudformation:logical-id': resource.logicalId },
      typeConfiguration: null,
    },
  };
}

const CONSOLE_METHODS = ['log', 'info', 'warn', 'error', 'debug'] as const;

/** Runs `fn` with console output captured (the lib logs every invocation to the console, as in Lambda). */
async function capturingConsole<T>(logs: string[], fn: () => Promise<T>, onLine?: (line: string) => void): Promise<T> {
  const saved = CONSOLE_METHODS.map((m) => [m, console[m]] as const);
  for (const m of CONSOLE_METHODS)
    console[m] = (...args: unknown[]) => {
      const line = args.map(String).join(' ');
      logs.push(line);
      onLine?.(line);
    };
  try {
    return await fn();
  } finally {
    for (const [m, f] of saved) console[m] = f;
  }
}

/** One resource operation to completion (SUCCESS or HandlerFailed), following IN_PROGRESS. */
export async function runOperation(
  action: Action,
  resource: StackResource,
  properties: Json | undefined,
  previous: Json | undefined,
  options: DriverOptions = {},
): Promise<OperationResult> {
  const token = randomUUID();
  const logs: string[] = [];
  const started = Date.now();
  let model = properties;
  let callbackContext: unknown = null;
  const max = options.maxInvocations ?? 120;
  for (let i = 1; i <= max; i++) {
    const t0 = Date.now();
    const raw = await capturingConsole(
      logs,
      () => entrypoint(payload(action, resource, model, previous, callbackContext, token) as never, {} as never),
      options.onLog,
    );
    const response = JSON.parse(JSON.stringify(raw)) as Json;
    const status = String(response.status);
    options.onInvocation?.({
      action,
      invocation: i,
      status,
      ms: Date.now() - t0,
      ...(typeof response.message === 'string' && response.message ? { message: response.message } : {}),
      ...(typeof response.callbackDelaySeconds === 'number' ? { callbackDelaySeconds: response.callbackDelaySeconds } : {}),
    });
    if (status === 'SUCCESS')
      return { status: 'SUCCESS', model: response.resourceModel as Json | undefined, invocations: i, ms: Date.now() - started };
    if (status !== 'IN_PROGRESS')
      throw new HandlerFailed(action, String(response.errorCode ?? 'InternalFailure'), String(response.message ?? 'no message'), logs);
    model = (response.resourceModel as Json | undefined) ?? model;
    callbackContext = response.callbackContext;
    const delayMs = Math.min(Number(response.callbackDelaySeconds ?? 0) * 1000, options.maxCallbackDelayMs ?? Infinity);
    if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
  }
  throw new HandlerFailed(action, 'NotStabilized', `still IN_PROGRESS after ${max} invocations`, logs);
}
