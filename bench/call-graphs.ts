/**
 * The calls any correct implementation must make for each benchmark step, as call graphs for the
 * lower-bound model. Only what cannot be avoided: no pre-checks a failing call already reports,
 * tags and policy sent with CreateKey/ReplicateKey, reads only where the key id or the live state
 * is needed to decide. Pure.
 */
import type { CallNode } from './lower-bound';

export type StepName = 'create' | 'noop-update' | 'policy-update' | 'read' | 'delete';
export const STEPS: readonly StepName[] = ['create', 'noop-update', 'policy-update', 'read', 'delete'];

/** One key set as deployed in one Region. */
export interface KeySetPlacement {
  readonly region: string;
  readonly services: readonly string[];
  /** Set for replica key sets: the Region of the primary keys. */
  readonly primaryRegion?: string;
}

export interface GraphOptions {
  /** How long a new replica stays `Creating` (emulated). */
  readonly replicaCreatingMs: number;
}

const id = (placement: KeySetPlacement, service: string, call: string) => `${placement.region}/${service}/${call}`;

/** CREATE of one key set: CreateKey (policy, tags, description) → EnableKeyRotation and CreateAlias. */
function createCalls(p: KeySetPlacement, options: GraphOptions): CallNode[] {
  if (p.primaryRegion !== undefined && p.primaryRegion !== p.region) return replicaCreateCalls(p, p.primaryRegion, options);
  return p.services.flatMap((s) => [
    { id: id(p, s, 'CreateKey'), api: 'CreateKey', region: p.region, deps: [] },
    { id: id(p, s, 'EnableKeyRotation'), api: 'EnableKeyRotation', region: p.region, deps: [id(p, s, 'CreateKey')] },
    { id: id(p, s, 'CreateAlias'), api: 'CreateAlias', region: p.region, deps: [id(p, s, 'CreateKey')] },
  ]);
}

/**
 * CREATE of a replica key set: the primary key id (DescribeKey of its alias in the primary
 * Region) → ReplicateKey in the primary Region (+2 CreateKey in the replica Region) → the replica
 * leaves Creating → CreateAlias in the replica Region. Rotation is synced from the primary.
 */
function replicaCreateCalls(p: KeySetPlacement, primaryRegion: string, options: GraphOptions): CallNode[] {
  return p.services.flatMap((s) => [
    { id: id(p, s, 'DescribePrimary'), api: 'DescribeKey', region: primaryRegion, deps: [] },
    {
      id: id(p, s, 'ReplicateKey'),
      api: 'ReplicateKey',
      region: primaryRegion,
      deps: [id(p, s, 'DescribePrimary')],
      settleMs: options.replicaCreatingMs,
      extraCharges: [{ api: 'CreateKey', region: p.region, tokens: 2 }],
    },
    { id: id(p, s, 'CreateAlias'), api: 'CreateAlias', region: p.region, deps: [id(p, s, 'ReplicateKey')] },
  ]);
}

/** Reading one key's live state: DescribeKey of the alias → policy, tags and (not on replicas) rotation. */
function readCalls(p: KeySetPlacement): CallNode[] {
  const replica = p.primaryRegion !== undefined && p.primaryRegion !== p.region;
  return p.services.flatMap((s) => {
    const describe = id(p, s, 'DescribeKey');
    const calls: CallNode[] = [
      { id: describe, api: 'DescribeKey', region: p.region, deps: [] },
      { id: id(p, s, 'GetKeyPolicy'), api: 'GetKeyPolicy', region: p.region, deps: [describe] },
      { id: id(p, s, 'ListResourceTags'), api: 'ListResourceTags', region: p.region, deps: [describe] },
    ];
    if (!replica) calls.push({ id: id(p, s, 'GetKeyRotationStatus'), api: 'GetKeyRotationStatus', region: p.region, deps: [describe] });
    return calls;
  });
}

/** UPDATE changing every key's policy: the reads, then PutKeyPolicy once the live policy is known. */
function policyUpdateCalls(p: KeySetPlacement): CallNode[] {
  return [
    ...readCalls(p),
    ...p.services.map((s) => ({ id: id(p, s, 'PutKeyPolicy'), api: 'PutKeyPolicy', region: p.region, deps: [id(p, s, 'GetKeyPolicy')] })),
  ];
}

/** DELETE: key id (DescribeKey of the alias) → ownership tags → DeleteAlias and ScheduleKeyDeletion. */
function deleteCalls(p: KeySetPlacement): CallNode[] {
  return p.services.flatMap((s) => {
    const tags = id(p, s, 'ListResourceTags');
    return [
      { id: id(p, s, 'DescribeKey'), api: 'DescribeKey', region: p.region, deps: [] },
      { id: tags, api: 'ListResourceTags', region: p.region, deps: [id(p, s, 'DescribeKey')] },
      { id: id(p, s, 'DeleteAlias'), api: 'DeleteAlias', region: p.region, deps: [tags] },
      { id: id(p, s, 'ScheduleKeyDeletion'), api: 'ScheduleKeyDeletion', region: p.region, deps: [tags] },
    ];
  });
}

const isReplica = (p: KeySetPlacement) => p.primaryRegion !== undefined && p.primaryRegion !== p.region;

/**
 * The phases of a step: key sets in one phase run at the same time (sharing quotas), phases run
 * one after the other. Creates need the primary first; deletes remove replicas first.
 */
export function stepPhases(step: StepName, placements: readonly KeySetPlacement[], options: GraphOptions): CallNode[][] {
  const primaries = placements.filter((p) => !isReplica(p));
  const replicas = placements.filter(isReplica);
  const phase = (group: readonly KeySetPlacement[], calls: (p: KeySetPlacement) => CallNode[]) => group.flatMap(calls);
  switch (step) {
    case 'create':
      return [phase(primaries, (p) => createCalls(p, options)), phase(replicas, (p) => createCalls(p, options))].filter(
        (c) => c.length > 0,
      );
    case 'noop-update':
    case 'read':
      return [phase(placements, readCalls)];
    case 'policy-update':
      return [phase(placements, policyUpdateCalls)];
    case 'delete':
      return [phase(replicas, deleteCalls), phase(primaries, deleteCalls)].filter((c) => c.length > 0);
  }
}
