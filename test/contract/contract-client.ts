/**
 * A TypeScript re-implementation of the `cfn test` resource client (cloudformation-cli 0.2.39,
 * see /work/shared/reference/contract-tests.md §2–§4): it invokes the real registry
 * `entrypoint` with HandlerRequest payloads, runs the checks made on every response, follows
 * IN_PROGRESS exactly as the client does, and compares models with its input == output rules.
 */
import { randomUUID } from 'node:crypto';
import { HandlerErrorCode, OperationStatus } from '@amazon-web-services-cloudformation/cloudformation-cli-typescript-lib';
import schema from '../../schema/org-security-servicekmskeys.json';
import { entrypoint } from '../../handlers/registry/handlers';

type Json = Record<string, unknown>;
export type Action = 'CREATE' | 'READ' | 'UPDATE' | 'DELETE' | 'LIST';

export interface ClientOptions {
  accountId: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /** Invocations allowed per operation before the client gives up. @default 60 */
  maxInvocations?: number;
}

const STATUSES = new Set<string>(Object.values(OperationStatus));
const ERROR_CODES = new Set<string>(Object.values(HandlerErrorCode));
const pointer = (p: string): string[] => p.replace(/^\/properties\//, '').split('/');
const READ_ONLY = (schema.readOnlyProperties ?? []).map(pointer);
const WRITE_ONLY = (schema.writeOnlyProperties ?? []).map(pointer);
const CREATE_ONLY = (schema.createOnlyProperties ?? []).map(pointer);
const PRIMARY = schema.primaryIdentifier.map(pointer);

function getPath(model: Json | undefined, path: string[]): unknown {
  let v: unknown = model;
  for (const p of path) v = v && typeof v === 'object' ? (v as Json)[p] : undefined;
  return v;
}

function without(model: Json, paths: string[][]): Json {
  const out = copy(model);
  for (const path of paths) {
    let parent: unknown = out;
    for (const p of path.slice(0, -1)) parent = parent && typeof parent === 'object' ? (parent as Json)[p] : undefined;
    if (parent && typeof parent === 'object') delete (parent as Json)[path[path.length - 1]];
  }
  return out;
}

export function primaryIdentifier(model: Json | undefined): unknown[] {
  return PRIMARY.map((p) => getPath(model, p));
}

export interface Invocation {
  readonly request: Json;
  readonly response: Json;
}

/** Records every response and the per-call checks' failures (asserted by the suite). */
export class ContractClient {
  readonly violations: string[] = [];
  readonly invocations: Invocation[] = [];

  constructor(private readonly options: ClientOptions) {}

  payload(
    action: Action,
    properties: Json | undefined,
    extra: { previous?: Json; callbackContext?: unknown; bearerToken?: string; logicalResourceId?: string; nextToken?: string } = {},
  ): Json {
    return {
      region: this.options.region,
      awsAccountId: this.options.accountId,
      action,
      callbackContext: extra.callbackContext ?? null,
      bearerToken: extra.bearerToken ?? randomUUID(),
      resourceType: schema.typeName,
      ...(action === 'LIST' ? { nextToken: extra.nextToken ?? null } : {}),
      requestData: {
        callerCredentials: this.options.credentials,
        resourceProperties: properties ?? null,
        previousResourceProperties: extra.previous ?? null,
        logicalResourceId: extra.logicalResourceId ?? randomUUID(),
        typeConfiguration: null,
      },
    };
  }

  async invokeOnce(payload: Json): Promise<Json> {
    const raw = await entrypoint(payload as never, {} as never);
    const response = JSON.parse(JSON.stringify(raw)) as Json;
    this.invocations.push({ request: payload, response });
    this.checkResponse(payload.action as Action, response);
    return response;
  }

  /** One operation as the client runs it: IN_PROGRESS followed (model and context fed back, same token). */
  async call(action: Action, properties: Json | undefined, previous?: Json): Promise<{ response: Json; invocations: number }> {
    const bearerToken = randomUUID();
    const logicalResourceId = randomUUID();
    let props = properties;
    let callbackContext: unknown = null;
    for (let i = 1; i <= (this.options.maxInvocations ?? 60); i++) {
      const response = await this.invokeOnce(this.payload(action, props, { previous, callbackContext, bearerToken, logicalResourceId }));
      if (response.status !== 'IN_PROGRESS') return { response, invocations: i };
      props = response.resourceModel as Json;
      callbackContext = response.callbackContext;
    }
    throw new Error(`${action} still IN_PROGRESS after ${this.options.maxInvocations ?? 60} invocations`);
  }

  /** LIST with nextToken followed until absent. */
  async list(current: Json): Promise<Json[]> {
    const models: Json[] = [];
    let nextToken: string | undefined;
    for (let page = 0; page < 20; page++) {
      const response = await this.invokeOnce(this.payload('LIST', current, { nextToken }));
      if (response.status !== 'SUCCESS') throw new Error(`LIST failed: ${JSON.stringify(response)}`);
      models.push(...((response.resourceModels as Json[]) ?? []));
      nextToken = response.nextToken as string | undefined;
      if (!nextToken) return models;
    }
    throw new Error('LIST kept returning nextToken');
  }

  private violation(action: Action, response: Json, what: string): void {
    this.violations.push(`${action}: ${what} (response ${JSON.stringify(response).slice(0, 300)})`);
  }

  /** contract-tests.md §3: checks on every call. */
  private checkResponse(action: Action, r: Json): void {
    if (!STATUSES.has(r.status as string)) this.violation(action, r, `status ${String(r.status)} is not an OperationStatus`);
    if ((action === 'READ' || action === 'LIST') && r.status === 'IN_PROGRESS') this.violation(action, r, 'READ/LIST returned IN_PROGRESS');
    if (r.status === 'IN_PROGRESS') {
      if (r.errorCode) this.violation(action, r, 'IN_PROGRESS with errorCode');
      if (r.resourceModels) this.violation(action, r, 'IN_PROGRESS with resourceModels');
      if (!primaryIdentifier(r.resourceModel as Json).every(Boolean))
        this.violation(action, r, 'IN_PROGRESS model lacks the primary identifier');
    }
    if (r.status === 'SUCCESS') {
      if (r.errorCode) this.violation(action, r, 'SUCCESS with errorCode');
      if ((r.callbackDelaySeconds ?? 0) !== 0) this.violation(action, r, 'SUCCESS with callbackDelaySeconds');
      for (const model of [r.resourceModel, ...((r.resourceModels as unknown[]) ?? [])] as Json[]) {
        if (model && WRITE_ONLY.some((p) => getPath(model, p))) this.violation(action, r, 'SUCCESS model has a writeOnly value');
      }
      if ((action === 'CREATE' || action === 'READ') && !primaryIdentifier(r.resourceModel as Json).every(Boolean))
        this.violation(action, r, 'model lacks the primary identifier');
    }
    if (r.status === 'FAILED') {
      if (!ERROR_CODES.has(r.errorCode as string))
        this.violation(action, r, `FAILED errorCode ${String(r.errorCode)} is not a HandlerErrorCode`);
      if ((r.callbackDelaySeconds ?? 0) !== 0) this.violation(action, r, 'FAILED with callbackDelaySeconds');
      if (r.resourceModels) this.violation(action, r, 'FAILED with resourceModels');
    }
  }
}

/** Resolves `$ref` to the schema node. */
function resolve(node: Json | undefined): Json | undefined {
  if (node && typeof node.$ref === 'string') {
    const name = node.$ref.replace('#/definitions/', '');
    return (schema.definitions as Record<string, Json>)[name];
  }
  return node;
}

function hash(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Json).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}

function compare(input: unknown, output: unknown, node: Json | undefined, path: string, problems: string[]): void {
  const s = resolve(node);
  if (Array.isArray(input)) {
    if (!Array.isArray(output) || input.length !== output.length) {
      problems.push(`${path}: ${JSON.stringify(input)} != ${JSON.stringify(output)}`);
      return;
    }
    if (s && s.insertionOrder === false) {
      const a = input.map(hash).sort();
      const b = output.map(hash).sort();
      if (a.join('\n') !== b.join('\n')) problems.push(`${path} (unordered): ${JSON.stringify(input)} != ${JSON.stringify(output)}`);
      return;
    }
    input.forEach((item, i) => compare(item, output[i], resolve(s?.items as Json), `${path}/${i}`, problems));
    return;
  }
  if (input && typeof input === 'object') {
    if (!output || typeof output !== 'object') {
      problems.push(`${path}: ${JSON.stringify(input)} != ${JSON.stringify(output)}`);
      return;
    }
    const props = (s?.properties as Record<string, Json>) ?? {};
    for (const [k, v] of Object.entries(input as Json)) {
      if (!(k in (output as Json))) problems.push(`${path}/${k}: missing in output`);
      else compare(v, (output as Json)[k], props[k], `${path}/${k}`, problems);
    }
    return;
  }
  if (input !== output) problems.push(`${path}: ${JSON.stringify(input)} != ${JSON.stringify(output)}`);
}

/** `test_input_equals_output`: the differences (empty = equal). */
export function inputEqualsOutput(input: Json, output: Json): string[] {
  const i = without(without(input, READ_ONLY), WRITE_ONLY);
  const createOnlyAbsent = CREATE_ONLY.filter((p) => getPath(i, p) === undefined);
  const o = without(without(output, READ_ONLY), createOnlyAbsent);
  const problems: string[] = [];
  compare(i, o, schema as unknown as Json, '', problems);
  return problems;
}

/**
 * JSON deep copy. (Not structuredClone: under jest it builds objects of another realm, which
 * class-transformer does not treat as plain objects, so the lib would empty them.)
 */
export function copy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** The update input as the client builds it: readOnly of the created model ← UPDATE ← created pk. */
export function updateInput(created: Json, update: Json): Json {
  const out: Json = {};
  for (const p of READ_ONLY) if (getPath(created, p) !== undefined) out[p[0]] = copy(created[p[0]]);
  Object.assign(out, copy(update));
  for (const p of PRIMARY) out[p[0]] = created[p[0]];
  return out;
}
