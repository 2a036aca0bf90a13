import { startEmulator } from '../../emulator';
import type { EmulatorOptions } from '../../emulator/types';
import { CliError, EXIT, type CliCommand } from '../command';

const HELP = `Usage: servicekmskeys emulator [options]

Starts the embedded KMS + STS emulator on 127.0.0.1 and prints one line with its endpoint when ready.
Stops cleanly on SIGTERM / SIGINT. Point the AWS CLI or SDKs at it with
  AWS_ENDPOINT_URL_KMS=<endpoint> AWS_ENDPOINT_URL_STS=<endpoint>
See docs/emulator.md.

Options:
  --port <n>                  TCP port (default 0 = a random free port)
  --account-id <12 digits>    account for access keys that name none (default 123456789012)
  --latency-ms <n|min-max>    latency added to every request (default 0), e.g. 20 or 10-50
  --quotas                    enforce KMS request quotas (token buckets at the documented rates)
  --quota-factor <x>          scale the quotas (implies --quotas), e.g. 0.5
  --authorization             authorize requests with key policies + registered identity policies
  --replica-creating-ms <n>   how long a new replica stays Creating (default 200)
  --consistency-window-ms <n> new keys stay invisible for this long (default 0)`;

function number(flag: string, value: string | undefined, min = 0): number {
  const n = Number(value);
  if (value === undefined || !Number.isFinite(n) || n < min)
    throw new CliError(`${flag} needs a number >= ${min}, got "${value ?? ''}".`, EXIT.usage);
  return n;
}

/** Parses the emulator flags into start options (plus the consistency window, an admin setting). */
export function parseEmulatorArgs(argv: readonly string[]): { options: EmulatorOptions; consistencyWindowMs: number } {
  const options: EmulatorOptions = {};
  let consistencyWindowMs = 0;
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = () => argv[++i];
    switch (flag) {
      case '--port':
        options.port = number(flag, value());
        if (!Number.isInteger(options.port) || options.port > 65535)
          throw new CliError(`--port needs an integer 0-65535, got "${argv[i]}".`, EXIT.usage);
        break;
      case '--account-id': {
        const id = value();
        if (!/^\d{12}$/.test(id ?? '')) throw new CliError(`--account-id needs 12 digits, got "${id ?? ''}".`, EXIT.usage);
        options.defaultAccountId = id;
        break;
      }
      case '--latency-ms': {
        const raw = value() ?? '';
        const range = /^(\d+(?:\.\d+)?)-(\d+(?:\.\d+)?)$/.exec(raw);
        if (range) {
          const [min, max] = [Number(range[1]), Number(range[2])];
          if (max < min) throw new CliError(`--latency-ms range ${raw} has max < min.`, EXIT.usage);
          options.latencyMs = { min, max };
        } else options.latencyMs = number(flag, raw);
        break;
      }
      case '--quotas':
        options.quotas = options.quotas === undefined || options.quotas === false ? true : options.quotas;
        break;
      case '--quota-factor':
        options.quotas = { factor: number(flag, value(), Number.MIN_VALUE) };
        break;
      case '--authorization':
        options.authorization = true;
        break;
      case '--replica-creating-ms':
        options.replicaCreatingMs = number(flag, value());
        break;
      case '--consistency-window-ms':
        consistencyWindowMs = number(flag, value());
        break;
      default:
        throw new CliError(`Unknown option "${flag}" for servicekmskeys emulator.\n\n${HELP}`, EXIT.usage);
    }
  }
  return { options, consistencyWindowMs };
}

export const command: CliCommand = {
  name: 'emulator',
  summary: 'run the embedded KMS/STS emulator (prints its endpoint)',
  help: HELP,
  async run(argv, io) {
    const { options, consistencyWindowMs } = parseEmulatorArgs(argv);
    const emulator = await startEmulator(options);
    emulator.admin.setConsistencyWindowMs(consistencyWindowMs);
    io.stdout.write(`${emulator.endpoint}\n`);
    await new Promise<void>((resolve) => {
      const stop = () => {
        process.off('SIGTERM', stop);
        process.off('SIGINT', stop);
        resolve();
      };
      process.on('SIGTERM', stop);
      process.on('SIGINT', stop);
    });
    await emulator.stop();
    return EXIT.ok;
  },
};
