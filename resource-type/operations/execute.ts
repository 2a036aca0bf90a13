import { KeySetError } from '../core/errors';
import { mapBounded } from '../gateway/concurrency';
import { Waiting } from '../gateway/interrupt';
import type { KeyInfo, KmsGateway } from '../gateway/kms-gateway';
import type { Timing } from '../gateway/timing';
import { NEW_KEY, type KeySequence, type Step } from '../plan/types';
import { policiesEquivalent } from '../policy';
import type { Session } from './session';
import type { ProgressNote } from './types';

export interface ExecutionEnv {
  /** Gateway of the key set's Region. */
  readonly gw: KmsGateway;
  /** Gateway of another Region (ReplicateKey runs in the primary's Region). */
  readonly gwFor: (region: string) => KmsGateway;
  readonly timing: Timing;
  readonly deadline: number;
  readonly concurrency: number;
  /** Keys polled at once while waiting (read APIs). */
  readonly readConcurrency: number;
  readonly pollIntervalMs: number;
  /** Called when a key is created or replicated, before anything else happens to it. */
  readonly onKeyCreated?: (service: string, key: KeyInfo) => void;
  readonly onProgress?: (note: ProgressNote) => void;
  /** Called before each state-changing step starts. */
  readonly onMutation?: () => void;
  /** Whether a step repairs out-of-band drift (live differs from what the stack last asked for). */
  readonly isDriftRepair?: (step: Step) => boolean;
}

/** The execution environment of a session (every operation runs its plan through this). */
export function executionEnv(
  session: Session,
  onProgress: ((note: ProgressNote) => void) | undefined,
  extra: Pick<ExecutionEnv, 'onKeyCreated' | 'onMutation' | 'isDriftRepair'> = {},
): ExecutionEnv {
  return {
    gw: session.gw,
    gwFor: session.gwFor,
    timing: session.timing,
    deadline: session.deadline,
    concurrency: session.tuning.concurrency,
    readConcurrency: session.tuning.readConcurrency,
    pollIntervalMs: session.tuning.pollIntervalMs,
    onProgress,
    ...extra,
  };
}

/**
 * Runs each key's steps in order; keys run concurrently, at most `concurrency` keys making calls
 * at once. Waiting for KMS (a new replica leaving Creating, an alias or policy change becoming
 * visible) happens outside those slots: the key is parked, every parked key is polled together
 * (one DescribeKey / GetKeyPolicy per key per round), and a key whose wait is over takes the next
 * free slot. So ReplicateKey calls go out back to back at the rate limit while earlier replicas
 * are still Creating. The first failure stops new work and is rethrown once calls in flight settle.
 */
export async function executePlan(sequences: readonly KeySequence[], env: ExecutionEnv): Promise<void> {
  const ready = sequences.map((sequence) => new SequenceRun(sequence, env));
  const waits = new WaitingRoom(env);
  const running = new Set<Promise<void>>();
  let failure: { error: unknown } | undefined;
  const fail = (error: unknown): void => {
    failure ??= { error };
    waits.stop();
  };
  const start = (run: SequenceRun): void => {
    const work: Promise<void> = run
      .advance()
      .then((wait) => {
        if (wait) waits.park(wait, () => (wait.resume ? ready.push(run) : undefined));
      }, fail)
      .finally(() => running.delete(work));
    running.add(work);
  };
  let polling: Promise<void> | undefined;
  for (;;) {
    while (!failure && ready.length > 0 && running.size < env.concurrency) start(ready.shift()!);
    if (!failure && !polling && waits.size > 0) {
      const round: Promise<void> = waits
        .pollOnce()
        .catch(fail)
        .finally(() => {
          if (polling === round) polling = undefined;
        });
      polling = round;
    }
    const pending = polling ? [...running, polling] : [...running];
    if (pending.length === 0) break;
    await Promise.race(pending);
  }
  if (failure) throw failure.error;
}

/** What a parked key waits for. */
interface Wait {
  /** True when the wait is over (one or a few read calls). */
  readonly check: () => Promise<boolean>;
  /** "the s3 key … to finish Creating", for progress notes and the Waiting message. */
  readonly what: string;
  /** First check after this long (a new replica is Creating for seconds; a visibility check goes at once). */
  readonly firstDelayMs: number;
  /** Whether the key has steps left once the wait is over. */
  readonly resume: boolean;
  readonly onFirstMiss?: () => void;
  readonly onDone?: () => void;
}

interface Parked {
  readonly wait: Wait;
  readonly since: number;
  readonly done: () => void;
  nextAt: number;
  delay: number;
  missed: boolean;
}

/**
 * Keys waiting for KMS, polled together: each key every `pollIntervalMs` for its first 5 s of
 * waiting, then less often (doubling to 5 s), all due keys of a round checked at once (bounded).
 * A wait that would pass the deadline ends the invocation with Waiting (IN_PROGRESS).
 */
class WaitingRoom {
  private readonly parked: Parked[] = [];
  private wake?: { at: number; controller: AbortController };
  private stopped = false;

  constructor(private readonly env: ExecutionEnv) {}

  get size(): number {
    return this.parked.length;
  }

  park(wait: Wait, done: () => void): void {
    const now = this.env.timing.now();
    const entry: Parked = { wait, since: now, done, nextAt: now + wait.firstDelayMs, delay: this.env.pollIntervalMs, missed: false };
    this.parked.push(entry);
    // A round sleeping past this key's first check wakes up early.
    if (this.wake && entry.nextAt < this.wake.at) this.wake.controller.abort();
  }

  /** Another key failed: end a round that is sleeping, and check nothing more. */
  stop(): void {
    this.stopped = true;
    this.wake?.controller.abort();
  }

  async pollOnce(): Promise<void> {
    const { timing, deadline } = this.env;
    if (this.stopped) return;
    const first = this.parked.reduce((a, b) => (b.nextAt < a.nextAt ? b : a));
    if (first.nextAt >= deadline) throw new Waiting(`waiting for ${first.wait.what}`);
    const sleepMs = first.nextAt - timing.now();
    if (sleepMs > 0) {
      const controller = new AbortController();
      this.wake = { at: first.nextAt, controller };
      await timing.sleep(sleepMs, controller.signal);
      this.wake = undefined;
      if (this.stopped) return;
    }
    const now = timing.now();
    const due = this.parked.filter((p) => p.nextAt <= now);
    const over = await mapBounded(due, this.env.readConcurrency, (p) => p.wait.check());
    const checkedAt = timing.now();
    due.forEach((p, i) => {
      if (over[i]) {
        this.parked.splice(this.parked.indexOf(p), 1);
        p.wait.onDone?.();
        p.done();
        return;
      }
      if (!p.missed) p.wait.onFirstMiss?.();
      p.missed = true;
      if (checkedAt - p.since >= 5000) p.delay = Math.min(p.delay * 2, 5000);
      p.nextAt = checkedAt + p.delay;
    });
  }
}

/** One key's steps, run up to the next wait at a time. */
class SequenceRun {
  private index = 0;
  private newKeyId?: string;
  private readonly steps: Step[];
  private readonly checks: Array<() => Promise<boolean>> = [];
  /** The new key's CreateAlias, running beside its remaining steps (rotation, disable). */
  private aside?: Promise<unknown>;

  constructor(
    private readonly sequence: KeySequence,
    private readonly env: ExecutionEnv,
  ) {
    this.steps = [...sequence.steps];
  }

  private resolve = (keyId: string): string => {
    if (keyId !== NEW_KEY) return keyId;
    if (!this.newKeyId)
      throw new KeySetError(
        'InternalFailure',
        `Plan for ${this.sequence.service} uses a new key before creating it; this is a bug, report it.`,
      );
    return this.newKeyId;
  };

  private note(step: Step, message: string, keyId?: string): void {
    this.env.onProgress?.({ service: step.service, region: this.env.gw.region, step: step.kind, message, ...(keyId ? { keyId } : {}) });
  }

  /** Runs steps until the key must wait for KMS (the wait is returned) or has no steps left (undefined). */
  async advance(): Promise<Wait | undefined> {
    let wait: Wait | undefined;
    const settleAside = async (): Promise<void> => {
      const aside = this.aside;
      this.aside = undefined;
      if (aside) await aside;
    };
    try {
      wait = await this.runUntilWait();
    } catch (error) {
      // Never leave the aside call running unobserved; the first failure is the one reported.
      await settleAside().catch(() => undefined);
      throw error;
    }
    await settleAside();
    return wait ?? this.visibilityWait();
  }

  private async runUntilWait(): Promise<Wait | undefined> {
    while (this.index < this.steps.length) {
      const step = this.steps[this.index++]!;
      const justCreated = this.newKeyId !== undefined;
      const keyIdBefore = 'keyId' in step && step.keyId !== NEW_KEY ? step.keyId : this.newKeyId;
      const starting = startingWords(step, keyIdBefore);
      if (starting) this.note(step, starting, keyIdBefore);
      if (step.kind === 'waitUntilUsable') return this.usableWait(step, this.resolve(step.keyId), justCreated);
      await this.runOne(step, justCreated, keyIdBefore);
      if (step.kind === 'createKey') this.startAliasAside();
    }
    return undefined;
  }

  /**
   * A key just made by CreateKey needs only to exist for its alias: CreateAlias runs beside the
   * rotation/disable steps instead of after them (one latency less per key, same calls). A crash
   * in between leaves an aliased key whose rotation the next pass still sets.
   */
  private startAliasAside(): void {
    const at = this.steps.findIndex((s, i) => i >= this.index && s.kind === 'createAlias' && s.keyId === NEW_KEY);
    if (at < 0) return;
    const [alias] = this.steps.splice(at, 1);
    const running = this.runOne(alias!, true, this.newKeyId);
    // Observed here so a failure is not "unhandled" while other steps run; awaited in advance().
    running.catch(() => undefined);
    this.aside = running;
  }

  private async runOne(step: Step, justCreated: boolean, keyIdBefore: string | undefined): Promise<void> {
    const { env } = this;
    const options = { service: step.service, hints: { justCreated } };
    env.onMutation?.();
    const result = await runStep(step, env, this.resolve, options);
    if (result) {
      this.newKeyId = result.keyId;
      env.onKeyCreated?.(step.service, result);
    }
    const check = visibilityCheck(step, env, this.resolve, options);
    if (check) this.checks.push(check);
    const done = describeStep(step, result?.keyId ?? keyIdBefore);
    this.note(step, env.isDriftRepair?.(step) ? `repaired drift: ${done}` : done, result?.keyId ?? keyIdBefore);
  }

  /** Bounded poll (DescribeKey) until the key leaves Creating/Updating. */
  private usableWait(step: Step, keyId: string, justCreated: boolean): Wait {
    const { env } = this;
    const { service } = step;
    let state = 'Creating';
    return {
      get what() {
        return `the ${service} key ${keyId} in ${env.gw.region} to finish ${state}`;
      },
      // A replica this run just made is Creating for seconds: no point asking at once.
      firstDelayMs: justCreated ? env.pollIntervalMs : 0,
      resume: true,
      check: async () => {
        const info = await env.gw.describeKey(keyId, { service, hints: { justCreated: true } });
        state = info?.state ?? 'Creating';
        return info !== undefined && info.state !== 'Creating' && info.state !== 'Updating';
      },
      onDone: () => this.note(step, describeStep(step, keyId), keyId),
    };
  }

  /**
   * KMS is eventually consistent: the key's work ends only when every alias and policy change it
   * made reads back (DescribeKey(alias), GetKeyPolicy), so a READ right after SUCCESS sees it.
   */
  private visibilityWait(): Wait | undefined {
    if (this.checks.length === 0) return undefined;
    const { env, sequence } = this;
    const what = `the ${sequence.service} key's changes to become visible in ${env.gw.region}`;
    const pending = this.checks.splice(0);
    return {
      what,
      firstDelayMs: 0,
      resume: false,
      check: async () => {
        while (pending.length > 0) {
          if (!(await pending[0]!())) return false;
          pending.shift();
        }
        return true;
      },
      onFirstMiss: () => env.onProgress?.({ service: sequence.service, region: env.gw.region, message: `waiting for ${what}` }),
    };
  }
}

/**
 * KMS is eventually consistent: an alias or policy change can take a moment to show. The
 * operation ends only when DescribeKey(alias) returns the key and GetKeyPolicy the new policy,
 * so a READ right after SUCCESS sees what was written (bounded polling, never a fixed sleep).
 */
function visibilityCheck(
  step: Step,
  env: ExecutionEnv,
  resolve: (keyId: string) => string,
  options: { service: string; hints: { justCreated: boolean } },
): (() => Promise<boolean>) | undefined {
  switch (step.kind) {
    case 'createAlias':
    case 'updateAlias': {
      const keyId = resolve(step.keyId);
      return async () => (await env.gw.describeKey(step.aliasName, options))?.keyId === keyId;
    }
    case 'putKeyPolicy': {
      const keyId = resolve(step.keyId);
      return async () => policiesEquivalent(await env.gw.getKeyPolicy(keyId, options), step.policy);
    }
    default:
      return undefined;
  }
}

async function runStep(
  step: Step,
  env: ExecutionEnv,
  resolve: (keyId: string) => string,
  options: { service: string; hints: { justCreated: boolean } },
): Promise<KeyInfo | void> {
  const { gw } = env;
  switch (step.kind) {
    case 'createKey':
      return gw.createKey({ policy: step.policy, description: step.description, tags: step.tags, multiRegion: step.multiRegion }, options);
    case 'replicateKey':
      await gw.chargeQuota('CreateKey', 2);
      return env
        .gwFor(step.primaryRegion)
        .replicateKey(
          { keyId: step.primaryKeyId, replicaRegion: gw.region, policy: step.policy, description: step.description, tags: step.tags },
          options,
        );
    case 'waitUntilUsable':
      // Handled by executePlan's waiting room (outside the concurrency slots).
      return;
    case 'cancelKeyDeletion':
      return gw.cancelKeyDeletion(resolve(step.keyId), options);
    case 'enableKey':
      return gw.enableKey(resolve(step.keyId), options);
    case 'disableKey':
      return gw.disableKey(resolve(step.keyId), options);
    case 'enableKeyRotation':
      return gw.enableKeyRotation(resolve(step.keyId), step.periodInDays, options);
    case 'disableKeyRotation':
      return gw.disableKeyRotation(resolve(step.keyId), options);
    case 'putKeyPolicy':
      return gw.putKeyPolicy(resolve(step.keyId), step.policy, options);
    case 'updateKeyDescription':
      return gw.updateKeyDescription(resolve(step.keyId), step.description, options);
    case 'tagResource':
      return gw.tagResource(resolve(step.keyId), step.tags, options);
    case 'untagResource':
      return gw.untagResource(resolve(step.keyId), step.tagKeys, options);
    case 'createAlias':
      return createAlias(gw, step.aliasName, resolve(step.keyId), options);
    case 'updateAlias':
      return gw.updateAlias(step.aliasName, resolve(step.keyId), options);
    case 'deleteAlias':
      return gw.deleteAlias(step.aliasName, options);
    case 'scheduleKeyDeletion':
      return gw.scheduleKeyDeletion(resolve(step.keyId), step.pendingWindowInDays, options);
  }
}

/**
 * CreateAlias; when the alias already exists (our own earlier attempt whose answer was lost, or
 * a ListAliases that had not caught up yet) it succeeds if the alias already targets the key.
 */
async function createAlias(
  gw: KmsGateway,
  aliasName: string,
  keyId: string,
  options: { service: string; hints: { justCreated: boolean } },
): Promise<void> {
  try {
    await gw.createAlias(aliasName, keyId, options);
  } catch (error) {
    if (!(error instanceof KeySetError) || error.code !== 'AlreadyExists') throw error;
    const target = await gw.describeKey(aliasName, { service: options.service });
    if (target?.keyId !== keyId) throw error;
  }
}

/** What is about to happen, for the steps that take a while (undefined: reported only when done). */
function startingWords(step: Step, keyId: string | undefined): string | undefined {
  switch (step.kind) {
    case 'createKey':
      return `creating the ${step.service} key (${step.multiRegion ? 'multi-Region primary' : 'single-Region'})`;
    case 'replicateKey':
      return `replicating the ${step.service} primary key ${step.primaryKeyId} from ${step.primaryRegion}`;
    case 'waitUntilUsable':
      return `waiting for the ${step.service} key ${keyId ?? ''} to finish Creating`.replace('  ', ' ');
    default:
      return undefined;
  }
}

/** What a step did, one sentence per key and Region (progress notes and logs). */
export function describeStep(step: Step, keyId?: string): string {
  const key = `the ${step.service} key${keyId ? ` ${keyId}` : ''}`;
  switch (step.kind) {
    case 'createKey':
      return `created ${key}`;
    case 'replicateKey':
      return `replicated ${key} from ${step.primaryRegion}`;
    case 'waitUntilUsable':
      return `${key} is ready`;
    case 'cancelKeyDeletion':
      return `cancelled the pending deletion of ${key} (recovered)`;
    case 'enableKey':
      return `enabled ${key}`;
    case 'disableKey':
      return `disabled ${key}`;
    case 'enableKeyRotation':
      return `rotation of ${key} on, every ${step.periodInDays} days`;
    case 'disableKeyRotation':
      return `rotation of ${key} off`;
    case 'putKeyPolicy':
      return `key policy of ${key} updated`;
    case 'updateKeyDescription':
      return `description of ${key} updated`;
    case 'tagResource':
      return `tags ${Object.keys(step.tags).join(', ')} set on ${key}`;
    case 'untagResource':
      return `tags ${step.tagKeys.join(', ')} removed from ${key}`;
    case 'createAlias':
      return `alias ${step.aliasName} created for ${key}`;
    case 'updateAlias':
      return `alias ${step.aliasName} pointed at ${key}`;
    case 'deleteAlias':
      return `alias ${step.aliasName} deleted`;
    case 'scheduleKeyDeletion':
      return step.replicaRegions?.length
        ? `${key} scheduled for deletion in ${step.pendingWindowInDays} days; it is a multi-Region primary with replicas in ${step.replicaRegions.join(', ')}, so it stays PendingReplicaDeletion until those replicas are deleted (remove ${step.service} from the replica key sets there, or delete them)`
        : `${key} scheduled for deletion in ${step.pendingWindowInDays} days`;
  }
}
