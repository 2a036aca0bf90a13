import { randomBytes, randomUUID } from 'node:crypto';
import { keyArn } from './partition';

export type KeyState =
  'Creating' | 'Enabled' | 'Disabled' | 'PendingDeletion' | 'PendingReplicaDeletion' | 'PendingImport' | 'Unavailable' | 'Updating';

/** What a primary and its replicas share: key id, material, spec, rotation, Region membership. */
export interface KeyFamily {
  keyId: string;
  accountId: string;
  material: Buffer;
  keySpec: string;
  keyUsage: string;
  origin: string;
  multiRegion: boolean;
  primaryRegion: string;
  /** Every Region holding a member (primary included), in creation order. */
  regions: string[];
  rotation: { enabled: boolean; periodInDays: number; nextRotationDate?: number };
}

export interface Grant {
  grantId: string;
  grantToken: string;
  name?: string;
  granteePrincipal: string;
  retiringPrincipal?: string;
  issuingAccount: string;
  operations: string[];
  constraints?: Record<string, Record<string, string>>;
  creationDate: number;
}

export interface KeyRecord {
  family: KeyFamily;
  keyId: string;
  accountId: string;
  region: string;
  arn: string;
  creationDate: number;
  description: string;
  /** Stored state; a transient state (`Creating`, `Updating`) settles once its time passes (see currentState). */
  state: KeyState;
  transient?: { until: number; then: KeyState };
  /** Invisible (NotFound) to most operations until then: the eventual-consistency window. */
  visibleAfter?: number;
  deletionDate?: number;
  pendingWindowInDays?: number;
  policy: string;
  /** Stale-read window: GetKeyPolicy still returns the previous policy until `until`. */
  stalePolicy?: { policy: string; until: number };
  tags: Map<string, string>;
  grants: Grant[];
}

export interface AliasRecord {
  aliasName: string;
  targetKeyId: string;
  creationDate: number;
  lastUpdatedDate: number;
  /** Stale-read window: alias lookups still see the previous target (undefined = no alias yet) until `until`. */
  stale?: { targetKeyId: string | undefined; until: number };
}

/** All KMS state of one account in one Region. */
export class RegionState {
  readonly keys = new Map<string, KeyRecord>();
  readonly aliases = new Map<string, AliasRecord>();
}

/** KMS timestamps are epoch seconds (JSON numbers). */
export function epochSeconds(ms: number = Date.now()): number {
  return Math.round(ms) / 1000;
}

export class Store {
  private readonly regions = new Map<string, RegionState>();
  /** Families by `${accountId}/${keyId}`. */
  readonly families = new Map<string, KeyFamily>();

  region(accountId: string, region: string): RegionState {
    const id = `${accountId}/${region}`;
    let state = this.regions.get(id);
    if (!state) {
      state = new RegionState();
      this.regions.set(id, state);
    }
    return state;
  }

  allRegions(): Array<{ accountId: string; region: string; state: RegionState }> {
    return [...this.regions.entries()].map(([id, state]) => {
      const [accountId, region] = id.split('/');
      return { accountId, region, state };
    });
  }

  reset(): void {
    this.regions.clear();
    this.families.clear();
  }

  newFamily(
    accountId: string,
    region: string,
    spec: { keySpec: string; keyUsage: string; origin: string; multiRegion: boolean },
  ): KeyFamily {
    const keyId = spec.multiRegion ? `mrk-${randomBytes(16).toString('hex')}` : randomUUID();
    const family: KeyFamily = {
      keyId,
      accountId,
      material: randomBytes(32),
      keySpec: spec.keySpec,
      keyUsage: spec.keyUsage,
      origin: spec.origin,
      multiRegion: spec.multiRegion,
      primaryRegion: region,
      regions: [region],
      rotation: { enabled: false, periodInDays: 365 },
    };
    this.families.set(`${accountId}/${keyId}`, family);
    return family;
  }

  newKey(
    family: KeyFamily,
    region: string,
    init: { description: string; policy: string; tags: Map<string, string>; state: KeyState },
  ): KeyRecord {
    const key: KeyRecord = {
      family,
      keyId: family.keyId,
      accountId: family.accountId,
      region,
      arn: keyArn(region, family.accountId, family.keyId),
      creationDate: epochSeconds(),
      description: init.description,
      state: init.state,
      policy: init.policy,
      tags: init.tags,
      grants: [],
    };
    this.region(family.accountId, region).keys.set(key.keyId, key);
    return key;
  }

  /** The member of a family in a Region, if any (includes keys pending deletion). */
  member(family: KeyFamily, region: string): KeyRecord | undefined {
    return this.region(family.accountId, region).keys.get(family.keyId);
  }

  /** Removes a key for good (end of its waiting period) with its aliases. */
  deleteKey(key: KeyRecord): void {
    const region = this.region(key.accountId, key.region);
    region.keys.delete(key.keyId);
    for (const [name, alias] of region.aliases) if (alias.targetKeyId === key.keyId) region.aliases.delete(name);
    key.family.regions = key.family.regions.filter((r) => r !== key.region);
    if (key.family.regions.length === 0) this.families.delete(`${key.accountId}/${key.keyId}`);
  }
}

/** The current state, settling `Creating` into `Enabled` once its time has passed. */
export function currentState(key: KeyRecord, now: number = Date.now()): KeyState {
  if (key.transient && now >= key.transient.until) {
    key.state = key.transient.then;
    key.transient = undefined;
  }
  return key.state;
}

/** Puts a key in a transient state for `ms` (0 = straight to `then`). */
export function enterTransient(key: KeyRecord, state: KeyState, ms: number, then: KeyState, now: number = Date.now()): void {
  if (ms <= 0) {
    key.state = then;
    key.transient = undefined;
    return;
  }
  key.state = state;
  key.transient = { until: now + ms, then };
}
