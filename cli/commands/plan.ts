/**
 * `servicekmskeys plan <file> --account <id> --region <region>`: validates a key set and shows what would be
 * created: per key the alias, policy size, who may do what (in plain words) and warnings for risky choices.
 * No AWS calls, except with --diff, which reads the live key set (read-only) and shows what an UPDATE would
 * change. The pieces live in cli/plan/.
 */
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { ValidationError } from '../../resource-type/core/errors';
import { partitionOf } from '../../resource-type/core/partition';
import type { DeploymentTarget } from '../../resource-type/core/types';
import { CliError, EXIT, type CliCommand } from '../command';
import { liveDiff } from '../plan/diff';
import { buildPlan, type Plan } from '../plan/model';
import { diffJson, diffText, planJson, planText } from '../plan/render';
import { evaluateKeySetProperties, readInput, TYPE_NAME } from '../plan/template';
import { styleFor, takeColourFlag } from '../ui/style';

export { buildPlan, type Plan, type PlannedKey } from '../plan/model';
export { planJson, planText } from '../plan/render';

const HELP = `Usage: servicekmskeys plan <file> --account <12-digit id> --region <region> [options]

Validates a key set and shows, without calling AWS, the keys and key policies it would create: a table of
keys, who can do what with each key in plain words, every statement with its reason, and warnings for risky
choices (policies near the 32 KB limit, long TrustedAccountIds lists, keys without rotation, KeyPolicy
overrides, Deny statements and wildcard principals in AdditionalPolicyStatements).

<file>  JSON or YAML: the resource's Properties, or a CloudFormation template containing an
        ${TYPE_NAME} resource (short tags such as !Ref, parameters, conditions, mappings).

Options:
  --account <id>          Account the key set is deployed to (required).
  --region <region>       Region the key set is deployed to (required); the partition follows from it.
  --resource <LogicalId>  Which ${TYPE_NAME} resource of the template (when it has several).
  --parameter <K=V>       Template parameter value (repeatable); parameters with a Default need none.
  --json                  Print {"keys":[{"service","region","alias","policy","bytes"}]} instead of text.
  --diff                  Also read the existing key set (read-only calls through the normal AWS credential
                          chain and endpoint configuration, e.g. AWS_PROFILE, AWS_ENDPOINT_URL_KMS) and show
                          what an UPDATE with these properties would change. With --json prints the diff.
  --endpoint <url>        KMS endpoint for --diff (default: the SDK's configuration).
  --stack-tag <K=V>       Stack-level tag CloudFormation adds to every key (repeatable; for --diff).
  --no-color              No colours (also: NO_COLOR=1, or output that is not a terminal).
  --debug                 Show stack traces of unexpected errors.

Examples:
  servicekmskeys plan templates/minimal.yaml --account 111111111111 --region eu-west-1 \\
    --parameter ProjectCode=shop --parameter KeyAdministratorArn=<ARN of your KeyAdmin role>
  AWS_ENDPOINT_URL_KMS=http://127.0.0.1:4566 servicekmskeys plan props.yaml --account 111111111111 \\
    --region eu-west-1 --diff

Exit codes: 0 ok, 1 failure (e.g. --diff could not read KMS), 2 usage error, 3 invalid input (the messages
name each property).`;

interface PlanArgs {
  readonly file: string;
  readonly account: string;
  readonly region: string;
  readonly resource?: string;
  readonly parameters: Readonly<Record<string, string>>;
  readonly stackTags: Readonly<Record<string, string>>;
  readonly json: boolean;
  readonly diff: boolean;
  readonly endpoint?: string;
  readonly noColor: boolean;
}

function keyValue(flag: string, kv: string): [string, string] {
  const eq = kv.indexOf('=');
  if (eq <= 0) throw new CliError(`${flag} needs Key=Value, got "${kv}".`, EXIT.usage);
  return [kv.slice(0, eq), kv.slice(eq + 1)];
}

function parseArgs(raw: readonly string[]): PlanArgs {
  const { argv, noColor } = takeColourFlag(raw);
  const positional: string[] = [];
  const parameters: Record<string, string> = {};
  const stackTags: Record<string, string> = {};
  let account: string | undefined;
  let region: string | undefined;
  let resource: string | undefined;
  let endpoint: string | undefined;
  let json = false;
  let diff = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] =
      arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || v.startsWith('--'))
        throw new CliError(`${flag} needs a value; run "servicekmskeys plan --help" for the options.`, EXIT.usage);
      return v;
    };
    if (flag === '--json') json = true;
    else if (flag === '--diff') diff = true;
    else if (flag === '--account') account = value();
    else if (flag === '--region') region = value();
    else if (flag === '--resource') resource = value();
    else if (flag === '--endpoint') endpoint = value();
    else if (flag === '--parameter') {
      const [k, v] = keyValue(flag, value());
      parameters[k] = v;
    } else if (flag === '--stack-tag') {
      const [k, v] = keyValue(flag, value());
      stackTags[k] = v;
    } else if (flag.startsWith('-'))
      throw new CliError(`Unknown option "${flag}"; run "servicekmskeys plan --help" for the options.`, EXIT.usage);
    else positional.push(arg);
  }
  if (positional.length !== 1)
    throw new CliError(`plan needs exactly one input file; run "servicekmskeys plan --help" for the options.`, EXIT.usage);
  if (!account) throw new CliError(`--account is required; run "servicekmskeys plan --help" for the options.`, EXIT.usage);
  if (!region) throw new CliError(`--region is required; run "servicekmskeys plan --help" for the options.`, EXIT.usage);
  if (!/^[0-9]{12}$/.test(account)) throw new CliError(`--account must be a 12-digit account id, got "${account}".`, EXIT.usage);
  if (!/^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-[0-9]$/.test(region))
    throw new CliError(`--region must be a Region name such as eu-west-1, got "${region}".`, EXIT.usage);
  if (endpoint !== undefined && !/^https?:\/\/[^\s]+$/.test(endpoint))
    throw new CliError(`--endpoint must be a URL such as http://127.0.0.1:4566, got "${endpoint}".`, EXIT.usage);
  if ((endpoint !== undefined || Object.keys(stackTags).length > 0) && !diff)
    throw new CliError('--endpoint and --stack-tag only apply with --diff.', EXIT.usage);
  return {
    file: positional[0]!,
    account,
    region,
    ...(resource ? { resource } : {}),
    parameters,
    stackTags,
    json,
    diff,
    ...(endpoint ? { endpoint } : {}),
    noColor,
  };
}

/**
 * --diff reads the account of the credentials; a different --account would show a misleading diff ("does not
 * exist"). STS is asked who we are (same endpoint as KMS with --endpoint); when STS cannot answer, the diff goes on.
 */
async function assertCallerAccount(args: PlanArgs, target: DeploymentTarget): Promise<void> {
  const sts = new STSClient({ region: target.region, maxAttempts: 1, ...(args.endpoint ? { endpoint: args.endpoint } : {}) });
  let account: string | undefined;
  try {
    account = (await sts.send(new GetCallerIdentityCommand({}))).Account;
  } catch {
    return;
  } finally {
    sts.destroy();
  }
  if (account && account !== target.accountId) {
    throw new CliError(
      `--account is ${target.accountId}, but your credentials are for account ${account}: --diff reads the account of the credentials. Use --account ${account} or other credentials.`,
      EXIT.usage,
    );
  }
}

export const command: CliCommand = {
  name: 'plan',
  summary: 'Validate a key set and show its keys, who can do what, warnings (--diff: vs live)',
  help: HELP,
  async run(argv, io) {
    const args = parseArgs(argv);
    const style = styleFor({ env: io.env, stream: io.stdout, noColorFlag: args.noColor });
    const target: DeploymentTarget = { accountId: args.account, region: args.region, partition: partitionOf(args.region) };
    const properties = evaluateKeySetProperties(readInput(args.file, io.cwd), {
      target,
      parameters: args.parameters,
      resource: args.resource,
      stackName: 'plan',
    });
    let plan: Plan;
    try {
      plan = buildPlan(properties, target);
    } catch (error) {
      if (error instanceof ValidationError) throw new CliError(error.message, EXIT.invalidInput);
      throw error;
    }
    if (!args.diff) {
      io.stdout.write(`${args.json ? planJson(plan) : planText(plan, style)}\n`);
      return EXIT.ok;
    }
    const endpoint = args.endpoint ?? io.env.AWS_ENDPOINT_URL_KMS ?? io.env.AWS_ENDPOINT_URL;
    await assertCallerAccount(args, target);
    let diff;
    try {
      diff = await liveDiff(plan.spec, target, { endpoint, stackTags: args.stackTags });
    } catch (error) {
      throw new CliError(`plan --diff could not read the key set in ${target.region}: ${(error as Error).message}`, EXIT.failure);
    }
    if (args.json) io.stdout.write(`${diffJson(diff)}\n`);
    else io.stdout.write(`${planText(plan, style)}\n\n${diffText(plan, diff, endpoint ?? 'the SDK default endpoint', style)}\n`);
    return EXIT.ok;
  },
};
