/** Runs cli/main.ts in process with a fake terminal. */
import { PassThrough } from 'node:stream';
import { main } from '../../cli/main';

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

export async function runCli(
  argv: readonly string[],
  options: { env?: NodeJS.ProcessEnv; tty?: boolean; cwd?: string } = {},
): Promise<CliRun> {
  const stdout = Object.assign(new PassThrough(), { isTTY: options.tty ?? false });
  const stderr = Object.assign(new PassThrough(), { isTTY: options.tty ?? false });
  let out = '';
  let err = '';
  stdout.on('data', (c) => (out += String(c)));
  stderr.on('data', (c) => (err += String(c)));
  const code = await main(argv, { stdout, stderr, env: options.env ?? {}, cwd: options.cwd ?? process.cwd() });
  return { code, out, err };
}

export const ESC = '\u001b[';
/** A V8 stack frame line. */
export const STACK_FRAME = /^\s+at .+/m;
