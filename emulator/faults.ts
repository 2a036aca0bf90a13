import type { FaultSpec, Latency } from './types';

export type FaultOutcome = { kind: 'error'; code: string; message: string } | { kind: 'drop' } | undefined;

interface ActiveFault {
  spec: FaultSpec;
  seen: number;
}

/** Scripted (nth call) and random (rate) faults, plus added latency. */
export class Faults {
  private faults: ActiveFault[] = [];
  private latency: Latency = 0;

  inject(spec: FaultSpec): void {
    if (spec.nth === undefined && spec.rate === undefined) throw new Error('A fault needs "nth" (scripted) or "rate" (0..1).');
    if (spec.nth !== undefined && (!Number.isInteger(spec.nth) || spec.nth < 1))
      throw new Error(`Fault nth must be a positive integer, got ${spec.nth}.`);
    if (spec.rate !== undefined && (spec.rate < 0 || spec.rate > 1))
      throw new Error(`Fault rate must be between 0 and 1, got ${spec.rate}.`);
    this.faults.push({ spec, seen: 0 });
  }

  clear(): void {
    this.faults = [];
  }

  setLatency(latency: Latency): void {
    if (typeof latency === 'number' ? latency < 0 : latency.min < 0 || latency.max < latency.min)
      throw new Error(`Latency must be >= 0 (or {min, max} with 0 <= min <= max), got ${JSON.stringify(latency)}.`);
    this.latency = latency;
  }

  delayMs(): number {
    if (typeof this.latency === 'number') return this.latency;
    return this.latency.min + Math.random() * (this.latency.max - this.latency.min);
  }

  /** Decides the fault (if any) for one call; scripted faults fire once and are then removed. */
  next(operation: string, accountId: string, region: string): FaultOutcome {
    for (const fault of [...this.faults]) {
      const spec = fault.spec;
      if (spec.operation !== undefined && spec.operation !== operation) continue;
      if (spec.accountId !== undefined && spec.accountId !== accountId) continue;
      if (spec.region !== undefined && spec.region !== region) continue;
      let fire = false;
      if (spec.nth !== undefined) {
        fault.seen++;
        if (fault.seen === spec.nth) {
          fire = true;
          this.faults = this.faults.filter((f) => f !== fault);
        }
      } else if (spec.rate !== undefined && Math.random() < spec.rate) fire = true;
      if (!fire) continue;
      if (spec.error === 'DROP_CONNECTION') return { kind: 'drop' };
      return { kind: 'error', code: spec.error, message: spec.message ?? faultMessage(spec.error, operation) };
    }
    return undefined;
  }
}

function faultMessage(code: string, operation: string): string {
  if (code === 'ThrottlingException') return 'Rate exceeded';
  return `Injected ${code} for ${operation} (emulator fault injection).`;
}
