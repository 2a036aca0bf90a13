import { createAuthorizer } from './authz';
import { CallLog } from './call-log';
import { EmulatorError, accessDenied } from './errors';
import { Faults } from './faults';
import { Identities } from './identity';
import type { CallContext, Json } from './kms/context';
import { isAliasTarget, type Authorizer, type Engine, type EngineSettings } from './kms/engine';
import { clearGrantTokens } from './kms/grants';
import { expirePendingDeletions } from './kms/keys';
import { KMS_OPERATIONS } from './kms/operations';
import { parsePolicy } from './kms/policy-document';
import { derivedContext, evaluateKeyPolicy } from './kms/policy-eval';
import { Quotas } from './quotas';
import { Store, currentState, type KeyRecord } from './state';
import type { EmulatorAdmin, EmulatorOptions, KeySnapshot, KeyMutation } from './types';

export const DEFAULT_ACCOUNT_ID = '123456789012';
export const DEFAULT_REPLICA_CREATING_MS = 200;

/**
 * The emulator without the network: state, settings, identities, faults, quotas, call log and the admin API.
 * The HTTP server (server.ts) feeds it requests.
 */
export class EmulatorCore implements Engine {
  readonly store = new Store();
  readonly settings: EngineSettings;
  readonly identities: Identities;
  readonly faults = new Faults();
  readonly quotas = new Quotas();
  readonly log = new CallLog();
  authorizationOn: boolean;
  authorizationMode?: Authorizer;
  readonly admin: EmulatorAdmin;

  constructor(readonly options: EmulatorOptions = {}) {
    this.identities = new Identities(options.defaultAccountId ?? DEFAULT_ACCOUNT_ID, options);
    this.settings = { replicaCreatingMs: options.replicaCreatingMs ?? DEFAULT_REPLICA_CREATING_MS, consistencyWindowMs: 0, staleReadMs: 0 };
    this.authorizationOn = options.authorization ?? false;
    this.applyStartOptions();
    this.admin = this.buildAdmin();
  }

  private applyStartOptions(): void {
    this.faults.setLatency(this.options.latencyMs ?? 0);
    this.quotas.set(this.options.quotas ?? false);
  }

  readonly authorize: Authorizer = (ctx, action, key, extra) => {
    if (this.authorizationOn) {
      this.authorizationMode ??= createAuthorizer(this.identities, this.store);
      this.authorizationMode(ctx, action, key, extra);
      return;
    }
    if (key && !isAliasTarget(key) && key.accountId !== ctx.accountId) crossAccountCheck(ctx, action, key);
  };

  readonly charge = (accountId: string, region: string, operation: string, requests: number): void => {
    this.quotas.take(accountId, region, operation, requests);
  };

  async runKms(ctx: CallContext, input: Json): Promise<Json> {
    const operation = KMS_OPERATIONS[ctx.operation];
    if (!operation) throw new EmulatorError('UnknownOperationException', `The emulator does not implement KMS operation ${ctx.operation}.`);
    return operation(this, ctx, input);
  }

  private buildAdmin(): EmulatorAdmin {
    return {
      reset: (options) => {
        this.store.reset();
        clearGrantTokens(this);
        this.log.clear();
        this.faults.clear();
        this.quotas.reset();
        if (!options?.keepIdentities) this.identities.reset();
        this.settings.consistencyWindowMs = 0;
        this.settings.staleReadMs = 0;
        this.settings.replicaCreatingMs = this.options.replicaCreatingMs ?? DEFAULT_REPLICA_CREATING_MS;
        this.authorizationOn = this.options.authorization ?? false;
        this.applyStartOptions();
      },
      callLog: () => this.log.all(),
      callCounts: (filter) => this.log.counts(filter),
      clearCallLog: () => this.log.clear(),
      setLatency: (latency) => this.faults.setLatency(latency),
      setQuotas: (q) => this.quotas.set(q),
      injectFault: (fault) => this.faults.inject(fault),
      clearFaults: () => this.faults.clear(),
      setConsistencyWindowMs: (ms) => {
        if (!(ms >= 0)) throw new Error(`Consistency window must be >= 0 ms, got ${ms}.`);
        this.settings.consistencyWindowMs = ms;
      },
      setStaleReadMs: (ms) => {
        if (!(ms >= 0)) throw new Error(`Stale-read window must be >= 0 ms, got ${ms}.`);
        this.settings.staleReadMs = ms;
      },
      setReplicaCreatingMs: (ms) => {
        if (!(ms >= 0)) throw new Error(`replicaCreatingMs must be >= 0, got ${ms}.`);
        this.settings.replicaCreatingMs = ms;
      },
      registerAccount: (accessKeyId, accountId, principalArn) => this.identities.register(accessKeyId, accountId, principalArn),
      registerOrganization: (org) => this.identities.registerOrganization(org),
      putIdentityPolicy: (principalArn, policy) => this.identities.putIdentityPolicy(principalArn, policy),
      setAuthorization: (on) => {
        this.authorizationOn = on;
      },
      describeAllKeys: (accountId, region) => [...this.store.region(accountId, region).keys.values()].map((key) => this.snapshot(key)),
      mutateKey: (accountId, region, keyId, change) => this.mutate(accountId, region, keyId, change),
      expirePendingDeletions: () => expirePendingDeletions(this),
    };
  }

  private snapshot(key: KeyRecord): KeySnapshot {
    const state = currentState(key);
    const aliases = [...this.store.region(key.accountId, key.region).aliases.values()]
      .filter((a) => a.targetKeyId === key.keyId)
      .map((a) => a.aliasName);
    const rotation = key.family.rotation;
    return {
      keyId: key.keyId,
      arn: key.arn,
      state,
      multiRegion: key.family.multiRegion,
      tags: Object.fromEntries(key.tags),
      aliases,
      policy: key.policy,
      rotation: rotation.enabled ? { enabled: true, periodInDays: rotation.periodInDays } : { enabled: false },
      description: key.description,
      enabled: state === 'Enabled',
    };
  }

  private mutate(accountId: string, region: string, keyId: string, change: KeyMutation): void {
    const key = this.store.region(accountId, region).keys.get(keyId);
    if (!key) throw new Error(`No key ${keyId} in account ${accountId}, Region ${region}.`);
    if (change.policy !== undefined) key.policy = change.policy;
    if (change.description !== undefined) key.description = change.description;
    if (change.enabled !== undefined) key.state = change.enabled ? 'Enabled' : 'Disabled';
    if (change.tags !== undefined) key.tags = new Map(Object.entries(change.tags));
    if (change.rotation !== undefined) {
      key.family.rotation.enabled = change.rotation.enabled;
      if (change.rotation.periodInDays !== undefined) key.family.rotation.periodInDays = change.rotation.periodInDays;
    }
  }
}

/**
 * Outside authorization mode, same-account calls are allowed; a call on another account's key must still be
 * allowed by that key's policy (evaluated with the small evaluator; identity policies are not consulted).
 */
function crossAccountCheck(ctx: CallContext, action: string, key: KeyRecord): void {
  let doc;
  try {
    doc = parsePolicy(key.policy, ctx.partition);
  } catch {
    throw accessDenied(
      `User: ${ctx.callerArn} is not authorized to perform: ${action} on resource: ${key.arn} because its key policy cannot be evaluated`,
    );
  }
  const context = derivedContext(ctx.callerArn, ctx.accountId, ctx.viaService ? { 'kms:ViaService': ctx.viaService } : {});
  const result = evaluateKeyPolicy(doc, { callerArn: ctx.callerArn, callerAccount: ctx.accountId, action, resourceArn: key.arn, context });
  if (result.decision !== 'Allowed') {
    throw accessDenied(
      `User: ${ctx.callerArn} is not authorized to perform: ${action} on resource: ${key.arn} because no resource-based policy allows the ${action} action`,
    );
  }
}
