/**
 * Terminal styling. Colour is on only for a TTY, and never when NO_COLOR is set (any non-empty value,
 * https://no-color.org), when TERM=dumb, or with --no-color. FORCE_COLOR=1 turns it on for pipes (CI logs).
 */
export interface Style {
  readonly enabled: boolean;
  bold(s: string): string;
  dim(s: string): string;
  red(s: string): string;
  green(s: string): string;
  yellow(s: string): string;
  cyan(s: string): string;
  heading(s: string): string;
  warn(s: string): string;
  ok(s: string): string;
  bad(s: string): string;
}

const wrap = (open: number, close: number) => (s: string) => `\u001b[${open}m${s}\u001b[${close}m`;

export const PLAIN: Style = {
  enabled: false,
  bold: (s) => s,
  dim: (s) => s,
  red: (s) => s,
  green: (s) => s,
  yellow: (s) => s,
  cyan: (s) => s,
  heading: (s) => s,
  warn: (s) => s,
  ok: (s) => s,
  bad: (s) => s,
};

export const COLOUR: Style = {
  enabled: true,
  bold: wrap(1, 22),
  dim: wrap(2, 22),
  red: wrap(31, 39),
  green: wrap(32, 39),
  yellow: wrap(33, 39),
  cyan: wrap(36, 39),
  heading: (s) => wrap(1, 22)(wrap(36, 39)(s)),
  warn: wrap(33, 39),
  ok: wrap(32, 39),
  bad: wrap(31, 39),
};

export interface ColourInputs {
  readonly env: NodeJS.ProcessEnv;
  readonly stream: { isTTY?: boolean };
  /** --no-color given. */
  readonly noColorFlag: boolean;
}

export function colourEnabled({ env, stream, noColorFlag }: ColourInputs): boolean {
  if (noColorFlag) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '' && env.FORCE_COLOR !== '0') return true;
  if (env.TERM === 'dumb') return false;
  return stream.isTTY === true;
}

export function styleFor(inputs: ColourInputs): Style {
  return colourEnabled(inputs) ? COLOUR : PLAIN;
}

const ANSI = /\u001b\[[0-9;]*m/g;

/** Visible width of a string (ANSI escapes excluded). */
export function visibleLength(s: string): number {
  return s.replace(ANSI, '').length;
}

export function stripAnsi(s: string): string {
  return s.replace(ANSI, '');
}

/** Removes the flags that every command understands (--no-color, --no-colour) and reports them. */
export function takeColourFlag(argv: readonly string[]): { argv: string[]; noColor: boolean } {
  const rest = argv.filter((a) => a !== '--no-color' && a !== '--no-colour');
  return { argv: rest, noColor: rest.length !== argv.length };
}
