import { CliError, EXIT, type CliCommand, type CliIo } from './command';
import { command as bench } from './commands/bench';
import { command as emulator } from './commands/emulator';
import { command as pkg } from './commands/package';
import { command as plan } from './commands/plan';
import { command as start } from './commands/start';

export const COMMANDS: readonly CliCommand[] = [start, plan, emulator, pkg, bench];

function usage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'Usage: servicekmskeys <command> [options]',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Run "servicekmskeys <command> --help" for the options of a command.',
    'Options for every command: --help, --debug (stack traces of errors), --no-color (also NO_COLOR=1).',
    '',
    'Exit codes: 0 ok, 1 failure, 2 usage error (unknown command or option, missing value),',
    '            3 invalid input (the file or properties; the message names each property).',
    'See docs/cli.md.',
  ].join('\n');
}

export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const debug = argv.includes('--debug');
  // --no-color works for every command: it becomes NO_COLOR for the command's output.
  const noColor = argv.includes('--no-color') || argv.includes('--no-colour');
  const args = argv.filter((a) => a !== '--debug' && a !== '--no-color' && a !== '--no-colour');
  if (noColor) io = { ...io, env: { ...io.env, NO_COLOR: '1' } };
  const [name, ...rest] = args;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(usage() + '\n');
    return name ? EXIT.ok : EXIT.usage;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.stderr.write(`Unknown command "${name}".\n\n${usage()}\n`);
    return EXIT.usage;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout.write(command.help + '\n');
    return EXIT.ok;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (debug) io.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
    else io.stderr.write(`Error: ${(error as Error).message}\n`);
    return error instanceof CliError ? error.exitCode : EXIT.failure;
  }
}

if (require.main === module || process.env.SERVICEKMSKEYS_CLI === '1') {
  // The registry library and the bench load the AWS SDK v2, which prints an end-of-support notice on a timer after
  // it loads; it is not about this project (our code uses SDK v3). Checked when the timer fires, so this is in time.
  process.env.AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE ??= '1';
  // SDK v3 warns on Node 20 that *future* SDK releases will need Node 22; the versions this project pins run on 20.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() }).then((code) => {
    process.exitCode = code;
  });
}
