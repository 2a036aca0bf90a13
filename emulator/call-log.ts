import type { CallRecord } from './types';

/** Every KMS/STS request the emulator answered (or dropped), in arrival order. */
export class CallLog {
  private records: CallRecord[] = [];

  add(record: CallRecord): void {
    this.records.push(record);
  }

  all(): CallRecord[] {
    return this.records.map((r) => ({ ...r }));
  }

  clear(): void {
    this.records = [];
  }

  counts(filter: { accountId?: string; region?: string } = {}): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const r of this.records) {
      if (filter.accountId !== undefined && r.accountId !== filter.accountId) continue;
      if (filter.region !== undefined && r.region !== filter.region) continue;
      counts[r.operation] = (counts[r.operation] ?? 0) + 1;
    }
    return counts;
  }
}
