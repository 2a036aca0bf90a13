/**
 * Test harness for the engine: an in-process emulator, the engine pointed at it with fast
 * polling/backoff, and helpers to run an operation to completion across IN_PROGRESS
 * re-invocations (as CloudFormation does: same token, callbackContext and returned model fed back).
 */
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../emulator';
import { MUTATING_KMS_APIS } from '../../resource-type/gateway';
import { partitionOf } from '../../resource-type/core/partition';
import type { ResourceProperties } from '../../resource-type/core/types';
import * as ops from '../../resource-type/operations';
import type { OperationInput, OperationOutcome, ProgressNote } from '../../resource-type/operations/types';
import { configureEngine, resetEngine, type EngineTuning } from '../../resource-type/operations/tuning';

export const ACCOUNT = '111111111111';
export const CREDENTIALS = { accessKeyId: `AKIA${ACCOUNT}EXAMPLE`, secretAccessKey: 'secret' };
export const REGION = 'eu-west-1';
export const ADMIN = `arn:aws:iam::${ACCOUNT}:role/KeyAdmin`;

export const FAST: Partial<EngineTuning> = {
  retry: { baseDelayMs: 5, maxDelayMs: 40, maxAttempts: 8, invalidPrincipalAttempts: 3 },
  pollIntervalMs: 10,
  quotaHeadroom: 50,
  deadlineReserveMs: 50,
  waitCallbackDelaySeconds: 0,
};

export interface Harness {
  emulator: RunningEmulator;
  stop(): Promise<void>;
}

export async function startHarness(options: EmulatorOptions = {}, tuning: Partial<EngineTuning> = {}): Promise<Harness> {
  const emulator = await startEmulator({ replicaCreatingMs: 50, ...options });
  resetEngine();
  configureEngine({ ...FAST, endpoint: emulator.endpoint, ...tuning });
  return {
    emulator,
    stop: async () => {
      resetEngine();
      await emulator.stop();
    },
  };
}

export type Op = 'create' | 'read' | 'update' | 'delete' | 'list';
const OPERATIONS: Record<Op, (input: OperationInput) => Promise<OperationOutcome>> = {
  create: ops.createKeySet,
  read: ops.readKeySet,
  update: ops.updateKeySet,
  delete: ops.deleteKeySet,
  list: ops.listKeySets,
};

export interface CallOptions {
  region?: string;
  token?: string;
  previous?: ResourceProperties;
  callbackContext?: Record<string, unknown>;
  /** Deadline from now (ms). @default 30000 */
  budgetMs?: number;
  stackTags?: Record<string, string>;
  previousStackTags?: Record<string, string>;
  /** @default CREDENTIALS (the account root of 111111111111 in the emulator) */
  credentials?: { accessKeyId: string; secretAccessKey: string };
  onProgress?: (note: ProgressNote) => void;
}

export function inputFor(properties: ResourceProperties, options: CallOptions = {}): OperationInput {
  const region = options.region ?? REGION;
  return {
    target: { accountId: ACCOUNT, region, partition: partitionOf(region) },
    properties: structuredClone(properties),
    ...(options.previous ? { previousProperties: structuredClone(options.previous) } : {}),
    credentials: options.credentials ?? CREDENTIALS,
    requestToken: options.token ?? `token-${Math.random().toString(36).slice(2)}`,
    callbackContext: options.callbackContext,
    deadline: Date.now() + (options.budgetMs ?? 30_000),
    stackTags: options.stackTags,
    previousStackTags: options.previousStackTags,
    onProgress: options.onProgress,
  };
}

export async function invoke(op: Op, properties: ResourceProperties, options: CallOptions = {}): Promise<OperationOutcome> {
  return OPERATIONS[op](inputFor(properties, options));
}

/** Outcome after following IN_PROGRESS (bounded), plus how many invocations it took. */
export async function runToEnd(
  op: Op,
  properties: ResourceProperties,
  options: CallOptions = {},
  maxInvocations = 50,
): Promise<{ outcome: OperationOutcome; invocations: number }> {
  const token = options.token ?? `token-${Math.random().toString(36).slice(2)}`;
  let props = properties;
  let callbackContext = options.callbackContext;
  for (let i = 1; i <= maxInvocations; i++) {
    const outcome = await invoke(op, props, { ...options, token, callbackContext });
    if (outcome.status !== 'IN_PROGRESS') return { outcome, invocations: i };
    props = outcome.properties;
    callbackContext = outcome.callbackContext;
  }
  throw new Error(`${op} still IN_PROGRESS after ${maxInvocations} invocations`);
}

/** Error thrown by an operation (or undefined when it did not throw). */
export async function failureOf(promise: Promise<unknown>): Promise<{ code: string; message: string } | undefined> {
  try {
    await promise;
    return undefined;
  } catch (error) {
    return { code: (error as { code?: string }).code ?? 'none', message: (error as Error).message };
  }
}

export function keySet(projectCode: string, services: ResourceProperties[], extra: ResourceProperties = {}): ResourceProperties {
  return { ProjectCode: projectCode, KeyAdministratorArns: [ADMIN], Services: services, ...extra };
}

/** Successful mutating calls in the emulator's call log (per operation). */
export function mutatingCalls(emulator: RunningEmulator, region = REGION): Record<string, number> {
  const out: Record<string, number> = {};
  for (const call of emulator.admin.callLog()) {
    if (call.region !== region || call.status >= 300 || !MUTATING_KMS_APIS.has(call.operation)) continue;
    out[call.operation] = (out[call.operation] ?? 0) + 1;
  }
  return out;
}

export function total(counts: Record<string, number>): number {
  return Object.values(counts).reduce((a, b) => a + b, 0);
}

/** Keys of the account+Region, as the emulator holds them. */
export function keysIn(emulator: RunningEmulator, region = REGION) {
  return emulator.admin.describeAllKeys(ACCOUNT, region);
}
