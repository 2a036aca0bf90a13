/**
 * Per-key, per-Region progress while a handler works. The registry adapter has no way to pass a progress
 * callback (CloudFormation only sees ProgressEvents), so on the embedded emulator we watch KMS state itself:
 * the emulator's admin view of the keys is polled while an invocation runs, and every change of one of our
 * keys (created, replicated, state, alias, rotation, policy, scheduled for deletion) is reported as it
 * appears. Against other endpoints the KMS calls the engine makes are reported instead (EngineTuning.onCall).
 */
import type { EmulatorAdmin, KeySnapshot } from '../../emulator/types';
import { PROJECT_TAG, SERVICE_TAG } from '../../resource-type/core/ownership';
import { policyByteSize } from '../../resource-type/policy';

export interface KeyEvent {
  readonly region: string;
  readonly projectCode: string;
  readonly service: string;
  readonly keyId: string;
  readonly message: string;
}

interface Seen {
  state: string;
  aliases: string;
  rotation: string;
  policy: string;
}

const short = (id: string) => (id.length > 13 ? `${id.slice(0, 12)}…` : id);

function describeNew(k: KeySnapshot): string {
  const kind = k.multiRegion ? (k.state === 'Creating' ? 'replica' : 'multi-Region key') : 'key';
  return `created ${kind} ${short(k.keyId)} (${k.state})`;
}

/** Differences between two views of one key, in words. */
export function keyChanges(before: Seen | undefined, k: KeySnapshot): string[] {
  const rotation = k.rotation.enabled ? `every ${k.rotation.periodInDays ?? 365} days` : 'off';
  const aliases = [...k.aliases].sort().join(',');
  if (!before) {
    const out = [describeNew(k)];
    if (aliases) out.push(`alias ${aliases}`);
    if (k.rotation.enabled) out.push(`rotation ${rotation}`);
    return out;
  }
  const out: string[] = [];
  if (before.state !== k.state) out.push(k.state === 'PendingDeletion' || k.state === 'PendingReplicaDeletion' ? `scheduled for deletion (${k.state})` : `${before.state} → ${k.state}`);
  if (before.policy !== k.policy) out.push(`key policy set (${policyByteSize(k.policy).toLocaleString('en-US')} bytes)`);
  if (before.rotation !== rotation) out.push(`rotation ${rotation}`);
  if (before.aliases !== aliases) {
    const was = new Set(before.aliases ? before.aliases.split(',') : []);
    const now = new Set(aliases ? aliases.split(',') : []);
    for (const a of now) if (!was.has(a)) out.push(`alias ${a}`);
    for (const a of was) if (!now.has(a)) out.push(`alias ${a} deleted`);
  }
  return out;
}

/** Polls the emulator's key state of the given Regions and reports changes of keys of `projectCodes`. */
export class EmulatorWatcher {
  private readonly seen = new Map<string, Seen>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly admin: EmulatorAdmin,
    private readonly accountId: string,
    private readonly regions: readonly string[],
    private readonly projectCodes: ReadonlySet<string>,
    private readonly onEvent: (event: KeyEvent) => void,
    private readonly intervalMs = 20,
  ) {}

  /** Records the current state silently (changes before now are not reported). */
  baseline(): void {
    this.scan(false);
  }

  start(): void {
    this.stop();
    this.timer = setInterval(() => this.scan(true), this.intervalMs);
  }

  /** Stops polling after a last scan, so nothing that happened is missed. */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.scan(true);
  }

  private scan(report: boolean): void {
    for (const region of this.regions) {
      for (const k of this.admin.describeAllKeys(this.accountId, region)) {
        const projectCode = k.tags[PROJECT_TAG];
        if (!projectCode || !this.projectCodes.has(projectCode)) continue;
        const id = `${region}/${k.keyId}`;
        const before = this.seen.get(id);
        const changes = keyChanges(before, k);
        this.seen.set(id, {
          state: k.state,
          aliases: [...k.aliases].sort().join(','),
          rotation: k.rotation.enabled ? `every ${k.rotation.periodInDays ?? 365} days` : 'off',
          policy: k.policy,
        });
        if (!report) continue;
        for (const message of changes) this.onEvent({ region, projectCode, service: k.tags[SERVICE_TAG] ?? '?', keyId: k.keyId, message });
      }
    }
  }
}
