/**
 * Per-key, per-Region progress while a handler works. The engine reports a progress note for every step it takes
 * (OperationInput.onProgress) and the registry adapter writes each one to the handler log, as `[<Region> <service>]
 * <message>` — the lines CloudWatch Logs of the type would hold. `start` reads them from the log as the handler
 * writes them, so what it shows is what the handler says it did, on the emulator and on any other endpoint.
 */

export interface ProgressLine {
  readonly region: string;
  /** Absent for notes about the whole key set. */
  readonly service?: string;
  readonly message: string;
}

const NOTE = /\[([a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-[0-9])(?: ([a-z0-9]+))?\] (.+)$/;

/** The progress note in one handler log line, or undefined for the library's other log lines. */
export function progressLine(logLine: string): ProgressLine | undefined {
  const last = logLine.trimEnd().split('\n').pop() ?? '';
  const m = NOTE.exec(last);
  if (!m) return undefined;
  return { region: m[1]!, ...(m[2] ? { service: m[2] } : {}), message: m[3]! };
}

const KEY_ID = /(mrk-[0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/;

/**
 * The note shortened for a line that already names the Region and the service: "the s3 key mrk-0123…" becomes
 * "key mrk-01234567…" (the summary table shows full key ids).
 */
export function shortNote(line: ProgressLine): string {
  const service = line.service ?? '[a-z0-9]+';
  return line.message
    .replace(
      new RegExp(`\\bthe ${service} (primary )?key('s)? ${KEY_ID.source}`, 'g'),
      (_all, primary: string | undefined, possessive: string | undefined, id: string) =>
        `${primary ?? ''}key${possessive ?? ''} ${id.slice(0, 12)}…`,
    )
    .replace(new RegExp(`\\bthe ${service} (primary )?key\\b`, 'g'), (_all, primary: string | undefined) => `${primary ?? ''}key`);
}
