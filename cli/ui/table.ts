import { visibleLength } from './style';

export interface TableOptions {
  /** Style applied to the header row. @default identity */
  readonly header?: (s: string) => string;
  /** Columns aligned right (numbers). @default [] */
  readonly alignRight?: readonly number[];
  /** Left indent. @default '' */
  readonly indent?: string;
}

/** Aligned columns, two spaces apart; the first row is the header. ANSI colours do not disturb alignment. */
export function table(rows: readonly (readonly string[])[], options: TableOptions = {}): string[] {
  if (rows.length === 0) return [];
  const columns = Math.max(...rows.map((r) => r.length));
  const widths = Array.from({ length: columns }, (_, c) => Math.max(...rows.map((r) => visibleLength(r[c] ?? ''))));
  const right = new Set(options.alignRight ?? []);
  const indent = options.indent ?? '';
  return rows.map((row, i) => {
    const cells = Array.from({ length: columns }, (_, c) => {
      const cell = row[c] ?? '';
      const pad = ' '.repeat(widths[c]! - visibleLength(cell));
      if (right.has(c)) return pad + cell;
      return c === columns - 1 ? cell : cell + pad;
    });
    const line = (indent + cells.join('  ')).trimEnd();
    return i === 0 && options.header ? options.header(line) : line;
  });
}
