/**
 * `servicekmskeys start` (= `npm start`): the whole life of example key sets, locally, through the real
 * registry handlers. The steps live in cli/start/.
 */
import { CliError, EXIT, type CliCommand } from '../command';
import { runStart } from '../start/run';
import type { StartArgs } from '../start/target';
import { styleFor, takeColourFlag } from '../ui/style';

const REGION = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-[0-9]$/;

const HELP = `Usage: servicekmskeys start [options]        (npm start runs this)

Starts the embedded KMS/STS emulator in this process and shows the resource type working, end to end,
through the real registry handler (the entrypoint CloudFormation invokes, with CloudFormation-shaped
requests, following IN_PROGRESS with the callbackContext):
  1. deploys the example stacks: templates/scenario2-multi-region.yaml in the primary and the replica
     Region (multi-Region keys and their replicas) and templates/scenario3-cross-account.yaml (keys shared
     with trusted accounts 222222222222 and 333333333333), showing progress per key and Region;
  2. prints a summary table (service, Region, key id, alias, rotation, policy bytes) read back from KMS;
  3. prints the access matrix: real Encrypt/Decrypt/GetKeyPolicy calls by each principal, directly and
     through the key's service, with the emulator in authorization mode;
  4. changes a key policy out of band, runs an UPDATE with the same properties and shows the repair and
     the number of KMS calls (from the emulator's call log);
  5. deletes everything (keys scheduled for deletion, aliases removed) and exits 0.
No AWS account and no network are needed; it takes a few seconds.

Options:
  --keep-running          Keep the emulator and the key sets after step 4 (no delete); prints the endpoint
                          and how to point the AWS CLI at it. Stop with Ctrl-C.
  --port <n>              Emulator port (default: a random free port); useful with --keep-running.
  --template <file>       Deploy this template instead (its ${'Org::Security::ServiceKmsKeys'} resources; also in
                          the replica Region when its PrimaryRegion is set, i.e. multi-Region). Parameters
                          without a Default get example values; override them with --parameter.
  --parameter <K=V>       Template parameter (repeatable; with --template).
  --region <region>       Primary Region (default eu-west-1).
  --replica-region <r>    Replica Region (default eu-central-1).
  --endpoint <url>        Use another KMS/STS endpoint instead of the emulator (e.g. LocalStack at
                          http://localhost:4566), with credentials from the normal SDK chain.
  --real-aws              Use the real AWS account of your credentials (AWS_PROFILE, environment, SSO).
                          This creates KMS keys (billed per key and month until deleted; deletion waits
                          at least 7 days). Refused without --yes-i-understand-this-creates-keys.
  --yes-i-understand-this-creates-keys
                          Confirms --real-aws.
  --replica-creating-ms <n>  How long the emulator keeps a new replica Creating (default 300).
  --no-color              No colours (also: NO_COLOR=1, or output that is not a terminal).
  --debug                 Show stack traces of unexpected errors.

Exit codes: 0 ok, 1 failure (a handler failed or a check did not hold), 2 usage error, 3 invalid input.`;

export function parseStartArgs(raw: readonly string[]): StartArgs {
  const { argv, noColor } = takeColourFlag(raw);
  const parameters: Record<string, string> = {};
  let keepRunning = false;
  let realAws = false;
  let confirmed = false;
  let template: string | undefined;
  let endpoint: string | undefined;
  let region = 'eu-west-1';
  let replicaRegion: string | undefined;
  let port: number | undefined;
  let replicaCreatingMs = 300;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] =
      arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || v.startsWith('--'))
        throw new CliError(`${flag} needs a value; run "servicekmskeys start --help".`, EXIT.usage);
      return v;
    };
    const int = (min: number, max: number): number => {
      const v = value();
      const n = Number(v);
      if (!Number.isInteger(n) || n < min || n > max)
        throw new CliError(`${flag} needs a whole number from ${min} to ${max}, got "${v}".`, EXIT.usage);
      return n;
    };
    switch (flag) {
      case '--keep-running':
        keepRunning = true;
        break;
      case '--real-aws':
        realAws = true;
        break;
      case '--yes-i-understand-this-creates-keys':
        confirmed = true;
        break;
      case '--template':
        template = value();
        break;
      case '--endpoint':
        endpoint = value();
        if (!/^https?:\/\/\S+$/.test(endpoint))
          throw new CliError(`--endpoint must be a URL such as http://localhost:4566, got "${endpoint}".`, EXIT.usage);
        break;
      case '--region':
        region = value();
        break;
      case '--replica-region':
        replicaRegion = value();
        break;
      case '--port':
        port = int(0, 65535);
        break;
      case '--replica-creating-ms':
        replicaCreatingMs = int(0, 60_000);
        break;
      case '--parameter': {
        const kv = value();
        const eq = kv.indexOf('=');
        if (eq <= 0) throw new CliError(`--parameter needs Key=Value, got "${kv}".`, EXIT.usage);
        parameters[kv.slice(0, eq)] = kv.slice(eq + 1);
        break;
      }
      default:
        throw new CliError(`Unknown option "${arg}" for start; run "servicekmskeys start --help".`, EXIT.usage);
    }
  }
  if (!REGION.test(region)) throw new CliError(`--region must be a Region name such as eu-west-1, got "${region}".`, EXIT.usage);
  const replica = replicaRegion ?? (region === 'eu-central-1' ? 'eu-west-1' : 'eu-central-1');
  if (!REGION.test(replica))
    throw new CliError(`--replica-region must be a Region name such as eu-central-1, got "${replica}".`, EXIT.usage);
  if (replica === region) throw new CliError(`--replica-region must differ from --region (both ${region}).`, EXIT.usage);
  if (realAws && !confirmed) {
    throw new CliError(
      '--real-aws creates KMS keys in the AWS account of your credentials (billed until deleted, deletion waits at least 7 days). Add --yes-i-understand-this-creates-keys to go ahead.',
      EXIT.usage,
    );
  }
  if (confirmed && !realAws) throw new CliError('--yes-i-understand-this-creates-keys only goes with --real-aws.', EXIT.usage);
  if (realAws && endpoint) throw new CliError('Use either --real-aws or --endpoint, not both.', EXIT.usage);
  if ((realAws || endpoint) && (keepRunning || port !== undefined))
    throw new CliError('--keep-running and --port apply to the embedded emulator only (not with --endpoint or --real-aws).', EXIT.usage);
  if (Object.keys(parameters).length > 0 && !template)
    throw new CliError('--parameter applies to --template only (the scenario templates get fixed example values).', EXIT.usage);
  return { keepRunning, template, parameters, endpoint, realAws, region, replicaRegion: replica, noColor, port, replicaCreatingMs };
}

export const command: CliCommand = {
  name: 'start',
  summary: 'Local end-to-end run on the embedded emulator: deploy, inspect, repair drift, delete',
  help: HELP,
  async run(argv, io) {
    const args = parseStartArgs(argv);
    const style = styleFor({ env: io.env, stream: io.stdout, noColorFlag: args.noColor });
    // The registry library depends on the AWS SDK v2, which prints an end-of-support notice shortly after it loads;
    // it says nothing about this project (our code uses SDK v3), so a newcomer's first run does not show it (cli/main.ts
    // does the same for every command run from the executable).
    process.env.AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE ??= '1';
    return runStart(args, io, style);
  },
};
