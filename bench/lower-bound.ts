/**
 * Theoretical lower bound of a set of KMS calls: per-API token buckets per account + Region at the
 * documented rates (capacity = one second of the rate, full at the start, as KMS and the emulator
 * meter them), a fixed latency per call, dependencies between the calls of one key, and unlimited
 * concurrency otherwise. Pure: no I/O, no clock.
 *
 * Timing convention (the emulator's): a call is sent at `sentAt`, reaches KMS `latencyMs` later,
 * takes its quota tokens on arrival and answers at once. A dependent call is sent when the answer
 * of its parent is back, and not before the parent's effect has settled (`settleMs`, e.g. a new
 * replica leaving `Creating`).
 *
 * The schedule is greedy: the next call is always the one that can reach KMS first (ties: the
 * one with the longest chain behind it). No bucket idles while a call that could use it waits and
 * every chain starts as soon as its parent allows; for the graphs built here (independent
 * per-key chains sharing per-API buckets) this meets the analytical bound, e.g. the n-th call of a
 * 5-rps API cannot reach KMS before latency + (n − 5) / 5 s.
 */

import { KMS_RATES } from '../emulator/quotas';

/**
 * Documented KMS request quotas (requests/second per account + Region), kms-facts.md §4: the
 * emulator's table, so the bound is computed against exactly the quotas the workload runs under.
 */
export const DOCUMENTED_RATES: Readonly<Record<string, number>> = KMS_RATES;

/** Quota charged by a call besides its own API in its own Region (ReplicateKey: 2 CreateKey in the replica Region). */
export interface ExtraCharge {
  readonly api: string;
  readonly region: string;
  readonly tokens: number;
}

export interface CallNode {
  readonly id: string;
  readonly api: string;
  /** Region whose quota the call uses. */
  readonly region: string;
  /** Calls whose answer this call needs. */
  readonly deps: readonly string[];
  /** After the answer, dependents wait until this long after the call reached KMS. @default 0 */
  readonly settleMs?: number;
  readonly extraCharges?: readonly ExtraCharge[];
}

export interface ModelOptions {
  /** Latency of every call not in `perApiLatencyMs`. */
  readonly latencyMs: number;
  /** Latency per API (ms), e.g. slower CreateKey/ReplicateKey. @default {} */
  readonly perApiLatencyMs?: Readonly<Record<string, number>>;
  /** @default DOCUMENTED_RATES */
  readonly rates?: Readonly<Record<string, number>>;
  /** Fraction of each rate available (1 = the documented quota). @default 1 */
  readonly rateFactor?: number;
}

export interface ScheduledCall {
  readonly id: string;
  readonly api: string;
  readonly sentAt: number;
  /** Arrival at KMS (tokens taken), = answer time. */
  readonly arrivesAt: number;
}

export interface Schedule {
  /** Time of the last answer (ms from the start). */
  readonly makespanMs: number;
  readonly calls: readonly ScheduledCall[];
  /** Calls per API. */
  readonly callsPerApi: Readonly<Record<string, number>>;
}

/** A token bucket (capacity = one second of the rate) that hands out tokens in request order. */
class Bucket {
  private tokens: number;
  private at = 0;
  constructor(
    private readonly rate: number,
    private readonly capacity: number,
  ) {
    this.tokens = capacity;
  }

  /** Earliest time >= `t` with `n` tokens, given the tokens already handed out. */
  earliest(t: number, n: number): number {
    const from = Math.max(t, this.at);
    const available = Math.min(this.capacity, this.tokens + ((from - this.at) / 1000) * this.rate);
    return available >= n - 1e-9 ? from : from + ((n - available) / this.rate) * 1000;
  }

  take(t: number, n: number): void {
    const available = Math.min(this.capacity, this.tokens + ((t - this.at) / 1000) * this.rate);
    this.tokens = available - n;
    this.at = t;
  }
}

function validate(nodes: readonly CallNode[]): Map<string, CallNode> {
  const byId = new Map<string, CallNode>();
  for (const node of nodes) {
    if (byId.has(node.id)) throw new Error(`Call graph has two calls with id "${node.id}"; ids must be unique.`);
    byId.set(node.id, node);
  }
  for (const node of nodes) {
    for (const dep of node.deps) if (!byId.has(dep)) throw new Error(`Call "${node.id}" depends on "${dep}", which is not in the graph.`);
  }
  return byId;
}

/** Length (ms) of the longest chain starting at each call: the priority for ties. */
function tails(nodes: readonly CallNode[], lat: (n: CallNode) => number): Map<string, number> {
  const children = new Map<string, CallNode[]>();
  for (const n of nodes) for (const d of n.deps) children.set(d, [...(children.get(d) ?? []), n]);
  const memo = new Map<string, number>();
  const visiting = new Set<string>();
  const tail = (n: CallNode): number => {
    const known = memo.get(n.id);
    if (known !== undefined) return known;
    if (visiting.has(n.id)) throw new Error(`Call graph has a cycle through "${n.id}".`);
    visiting.add(n.id);
    const value = lat(n) + Math.max(0, ...(children.get(n.id) ?? []).map((c) => Math.max(0, (n.settleMs ?? 0) - lat(c)) + tail(c)));
    visiting.delete(n.id);
    memo.set(n.id, value);
    return value;
  };
  for (const n of nodes) tail(n);
  return memo;
}

/** Schedules `nodes` as early as the quotas and dependencies allow. */
export function schedule(nodes: readonly CallNode[], options: ModelOptions): Schedule {
  const byId = validate(nodes);
  const lat = (n: CallNode): number => options.perApiLatencyMs?.[n.api] ?? options.latencyMs;
  const rates = options.rates ?? DOCUMENTED_RATES;
  const factor = options.rateFactor ?? 1;
  const tail = tails(nodes, lat);
  const buckets = new Map<string, Bucket>();
  const bucket = (api: string, region: string): Bucket | undefined => {
    const rate = rates[api];
    if (rate === undefined) return undefined;
    const key = `${region}/${api}`;
    let b = buckets.get(key);
    if (!b) {
      b = new Bucket(rate * factor, Math.max(1, rate * factor));
      buckets.set(key, b);
    }
    return b;
  };

  const arrival = new Map<string, number>();
  const done: ScheduledCall[] = [];
  const pending = new Set(nodes.map((n) => n.id));
  const readyAt = (n: CallNode): number | undefined => {
    let t = 0;
    for (const d of n.deps) {
      const a = arrival.get(d);
      if (a === undefined) return undefined;
      const parent = byId.get(d)!;
      // Sent after the answer (arrival), and arriving no earlier than the parent's settle time.
      t = Math.max(t, a, a + (parent.settleMs ?? 0) - lat(n));
    }
    return t;
  };

  const chargesOf = (node: CallNode) =>
    [{ api: node.api, region: node.region, tokens: 1 }, ...(node.extraCharges ?? [])]
      .map((c) => ({ ...c, bucket: bucket(c.api, c.region) }))
      .filter((c): c is typeof c & { bucket: Bucket } => c.bucket !== undefined);
  /** Earliest arrival at which every bucket the call uses has its tokens. */
  const earliestArrival = (node: CallNode, ready: number): number => {
    const charges = chargesOf(node);
    let arrive = ready + lat(node);
    for (let changed = true; changed;) {
      changed = false;
      for (const c of charges) {
        const t = c.bucket.earliest(arrive, c.tokens);
        if (t > arrive + 1e-9) {
          arrive = t;
          changed = true;
        }
      }
    }
    return arrive;
  };

  // Event order: always the call that can reach KMS first, so every bucket hands out tokens in
  // time order and no call waits behind one that could only go later.
  while (pending.size > 0) {
    let best: { node: CallNode; arrive: number } | undefined;
    for (const id of pending) {
      const node = byId.get(id)!;
      const ready = readyAt(node);
      if (ready === undefined) continue;
      const arrive = earliestArrival(node, ready);
      if (!best || arrive < best.arrive - 1e-9 || (Math.abs(arrive - best.arrive) <= 1e-9 && tail.get(id)! > tail.get(best.node.id)!))
        best = { node, arrive };
    }
    if (!best) throw new Error('Call graph has a cycle: some calls can never become ready.');
    const { node, arrive } = best;
    for (const c of chargesOf(node)) c.bucket.take(arrive, c.tokens);
    arrival.set(node.id, arrive);
    done.push({ id: node.id, api: node.api, sentAt: arrive - lat(node), arrivesAt: arrive });
    pending.delete(node.id);
  }

  const callsPerApi: Record<string, number> = {};
  for (const n of nodes) callsPerApi[n.api] = (callsPerApi[n.api] ?? 0) + 1;
  return { makespanMs: Math.max(0, ...done.map((c) => c.arrivesAt)), calls: done, callsPerApi };
}

/** Time (ms) of the fastest possible run of `nodes`. */
export function lowerBoundMs(nodes: readonly CallNode[], options: ModelOptions): number {
  return schedule(nodes, options).makespanMs;
}
