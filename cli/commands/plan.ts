/**
 * `servicekmskeys plan <file> --account <id> --region <region> [--json]`: validates a key set and
 * prints what would be created: per key the alias, Region, policy size and who may do what. No AWS
 * calls. <file> is JSON/YAML of the resource's Properties, or a CloudFormation template with an
 * Org::Security::ServiceKmsKeys resource (short tags such as !Ref parse; Ref/Sub/Join/Select/Split/
 * FindInMap resolve from pseudo parameters, parameter defaults and --parameter values).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { getServiceDefinition } from '../../resource-type/catalog';
import { ValidationError } from '../../resource-type/core/errors';
import { partitionOf } from '../../resource-type/core/partition';
import type { DeploymentTarget, KeySetSpec, ResourceProperties } from '../../resource-type/core/types';
import { describeAccess, MAX_KEY_POLICY_BYTES, maxTrustedAccountsThatFit, renderKeySet, type AccessSummary, type RenderedKey } from '../../resource-type/policy';
import { validateProperties } from '../../resource-type/validation';
import { CliError, EXIT, type CliCommand, type CliIo } from '../command';

const TYPE_NAME = 'Org::Security::ServiceKmsKeys';

const HELP = `Usage: servicekmskeys plan <file> --account <12-digit id> --region <region> [options]

Validates a key set and shows, without calling AWS, the keys and key policies it would create.

<file>  JSON or YAML: the resource's Properties, or a CloudFormation template containing an
        ${TYPE_NAME} resource.

Options:
  --account <id>          Account the key set is deployed to (required).
  --region <region>       Region the key set is deployed to (required); the partition follows from it.
  --resource <LogicalId>  Which ${TYPE_NAME} resource of the template (when it has several).
  --parameter <K=V>       Template parameter value (repeatable); parameters with a Default need none.
  --json                  Print {"keys":[{"service","region","alias","policy","bytes"}]} instead of the table.

Exit codes: 0 ok, 2 usage error, 3 invalid input (the messages name each property).`;

interface PlanArgs {
  readonly file: string;
  readonly account: string;
  readonly region: string;
  readonly resource?: string;
  readonly parameters: Readonly<Record<string, string>>;
  readonly json: boolean;
}

function parseArgs(argv: readonly string[]): PlanArgs {
  const positional: string[] = [];
  const parameters: Record<string, string> = {};
  let account: string | undefined;
  let region: string | undefined;
  let resource: string | undefined;
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || v.startsWith('--')) throw new CliError(`${flag} needs a value.\n\n${HELP}`, EXIT.usage);
      return v;
    };
    if (flag === '--json') json = true;
    else if (flag === '--account') account = value();
    else if (flag === '--region') region = value();
    else if (flag === '--resource') resource = value();
    else if (flag === '--parameter') {
      const kv = value();
      const eq = kv.indexOf('=');
      if (eq <= 0) throw new CliError(`--parameter needs Key=Value, got "${kv}".`, EXIT.usage);
      parameters[kv.slice(0, eq)] = kv.slice(eq + 1);
    } else if (flag.startsWith('-')) throw new CliError(`Unknown option "${flag}".\n\n${HELP}`, EXIT.usage);
    else positional.push(arg);
  }
  if (positional.length !== 1) throw new CliError(`plan needs exactly one input file.\n\n${HELP}`, EXIT.usage);
  if (!account) throw new CliError(`--account is required.\n\n${HELP}`, EXIT.usage);
  if (!region) throw new CliError(`--region is required.\n\n${HELP}`, EXIT.usage);
  if (!/^[0-9]{12}$/.test(account)) throw new CliError(`--account must be a 12-digit account id, got "${account}".`, EXIT.usage);
  if (!/^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-[0-9]$/.test(region)) throw new CliError(`--region must be a Region name such as eu-west-1, got "${region}".`, EXIT.usage);
  return { file: positional[0]!, account, region, ...(resource ? { resource } : {}), parameters, json };
}

// ---------- Input: Properties or a CloudFormation template ----------

const SHORT_TAGS = ['Ref', 'Sub', 'GetAtt', 'Join', 'Select', 'Split', 'If', 'FindInMap', 'Base64', 'ImportValue', 'Equals', 'And', 'Or', 'Not', 'Condition', 'GetAZs', 'Cidr', 'Transform'];
const CFN_TAGS = SHORT_TAGS.flatMap((name) =>
  (['scalar', 'seq', 'map'] as const).map((kind) => ({
    tag: `!${name}`,
    ...(kind === 'scalar' ? {} : { collection: kind }),
    resolve: (value: unknown) => {
      const v = kind === 'scalar' ? value : (value as { toJSON(): unknown }).toJSON();
      const key = name === 'Ref' || name === 'Condition' ? name : `Fn::${name}`;
      return { [key]: name === 'GetAtt' && typeof v === 'string' ? v.split('.') : v };
    },
  })),
);

function readDocument(file: string, io: CliIo): unknown {
  const absolute = path.resolve(io.cwd, file);
  let text: string;
  try {
    text = fs.readFileSync(absolute, 'utf8');
  } catch (error) {
    throw new CliError(`Cannot read ${file}: ${(error as Error).message}`, EXIT.invalidInput);
  }
  try {
    // YAML 1.2 is a superset of JSON, so one parser serves both.
    return parseYaml(text, { customTags: CFN_TAGS as never, uniqueKeys: false });
  } catch (error) {
    throw new CliError(`${file} is neither valid JSON nor YAML: ${(error as Error).message}`, EXIT.invalidInput);
  }
}

type Scope = { readonly vars: Readonly<Record<string, unknown>>; readonly mappings: Readonly<Record<string, unknown>> };

function resolveIntrinsics(value: unknown, scope: Scope, where: string): unknown {
  if (Array.isArray(value)) return value.map((v, i) => resolveIntrinsics(v, scope, `${where}/${i}`));
  if (!value || typeof value !== 'object') return value;
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 1) {
    const [fn, arg] = entries[0]!;
    const fail = (why: string): never => {
      throw new CliError(`${where}: cannot resolve ${fn} offline (${why}); give the value with --parameter or plan the Properties directly.`, EXIT.invalidInput);
    };
    switch (fn) {
      case 'Ref': {
        const name = String(arg);
        if (!(name in scope.vars)) fail(`"${name}" is not a pseudo parameter or a template parameter with a value`);
        return scope.vars[name];
      }
      case 'Fn::Sub': {
        const [template, extra] = Array.isArray(arg) ? [arg[0], (resolveIntrinsics(arg[1] ?? {}, scope, where) as Record<string, unknown>)] : [arg, {}];
        if (typeof template !== 'string') return fail('the template is not a string');
        return template.replace(/\$\{([^}!]+)\}/g, (_m, name: string) => {
          const v = name in extra ? extra[name] : scope.vars[name];
          if (v === undefined || typeof v === 'object') return fail(`\${${name}} has no value`);
          return String(v);
        });
      }
      case 'Fn::Join': {
        const [sep, list] = resolveIntrinsics(arg, scope, where) as [string, unknown[]];
        return (Array.isArray(list) ? list : []).map(String).join(sep);
      }
      case 'Fn::Select': {
        const [i, list] = resolveIntrinsics(arg, scope, where) as [string | number, unknown[]];
        return Array.isArray(list) ? list[Number(i)] : fail('the list is not a list');
      }
      case 'Fn::Split': {
        const [sep, s] = resolveIntrinsics(arg, scope, where) as [string, string];
        return String(s).split(sep);
      }
      case 'Fn::FindInMap': {
        const [m, k1, k2] = resolveIntrinsics(arg, scope, where) as string[];
        const v = (((scope.mappings[m!] ?? {}) as Record<string, unknown>)[k1!] as Record<string, unknown> | undefined)?.[k2!];
        return v === undefined ? fail(`mapping ${m}/${k1}/${k2} not found`) : v;
      }
      default:
        if (fn.startsWith('Fn::') || fn === 'Condition') return fail('not supported by plan');
    }
  }
  return Object.fromEntries(entries.map(([k, v]) => [k, resolveIntrinsics(v, scope, `${where}/${k}`)]));
}

function propertiesFromInput(doc: unknown, args: PlanArgs, target: DeploymentTarget): ResourceProperties {
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) throw new CliError(`${args.file} must hold an object (Properties or a template).`, EXIT.invalidInput);
  const top = doc as Record<string, unknown>;
  if (!('Resources' in top)) return top;
  const resources = (top.Resources ?? {}) as Record<string, { Type?: string; Properties?: unknown }>;
  const ours = Object.entries(resources).filter(([, r]) => r && r.Type === TYPE_NAME);
  if (ours.length === 0) throw new CliError(`${args.file} has no ${TYPE_NAME} resource.`, EXIT.invalidInput);
  let chosen = ours[0]!;
  if (args.resource) {
    const hit = ours.find(([id]) => id === args.resource);
    if (!hit) throw new CliError(`${args.file} has no ${TYPE_NAME} resource "${args.resource}"; it has: ${ours.map(([id]) => id).join(', ')}.`, EXIT.usage);
    chosen = hit;
  } else if (ours.length > 1) {
    throw new CliError(`${args.file} has ${ours.length} ${TYPE_NAME} resources (${ours.map(([id]) => id).join(', ')}); choose one with --resource.`, EXIT.usage);
  }
  const vars: Record<string, unknown> = {
    'AWS::AccountId': target.accountId, 'AWS::Region': target.region, 'AWS::Partition': target.partition,
    'AWS::URLSuffix': target.partition === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com', 'AWS::StackName': 'plan', 'AWS::NoValue': undefined,
  };
  for (const [name, p] of Object.entries((top.Parameters ?? {}) as Record<string, { Type?: string; Default?: unknown }>)) {
    const raw = name in args.parameters ? args.parameters[name] : p?.Default;
    if (raw === undefined) continue;
    vars[name] = typeof p?.Type === 'string' && (p.Type.startsWith('List<') || p.Type === 'CommaDelimitedList') ? String(raw).split(',').map((s) => s.trim()).filter(Boolean) : raw;
  }
  const scope: Scope = { vars, mappings: (top.Mappings ?? {}) as Record<string, unknown> };
  const props = resolveIntrinsics(chosen[1].Properties ?? {}, scope, `Resources/${chosen[0]}/Properties`);
  return dropNoValue(props) as ResourceProperties;
}

function dropNoValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.filter((v) => v !== undefined).map(dropNoValue);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined).map(([k, v]) => [k, dropNoValue(v)]));
  return value;
}

// ---------- The plan (pure) and its formatters ----------

export interface PlannedKey extends RenderedKey {
  readonly spec: KeySetSpec['services'][number];
  readonly statements: number;
  readonly access: readonly AccessSummary[];
}

export interface Plan {
  readonly target: DeploymentTarget;
  readonly spec: KeySetSpec;
  readonly keys: readonly PlannedKey[];
  /** Largest explicit TrustedAccountIds list that fits every key policy (worst case). */
  readonly maxTrustedAccounts: number;
}

export function buildPlan(properties: ResourceProperties, target: DeploymentTarget): Plan {
  const spec = validateProperties(properties, target);
  const rendered = renderKeySet(spec, target);
  const keys = rendered.map((k, i) => ({
    ...k,
    spec: spec.services[i]!,
    statements: k.policy.Statement.length,
    access: describeAccess(spec, spec.services[i]!, target),
  }));
  return { target, spec, keys, maxTrustedAccounts: maxTrustedAccountsThatFit(spec, target) };
}

/** The --json shape: policy as an object, exactly what would be sent (canonical). */
export function planJson(plan: Plan): string {
  return JSON.stringify({ keys: plan.keys.map((k) => ({ service: k.service, region: k.region, alias: k.aliasName, policy: JSON.parse(k.policyText), bytes: k.bytes })) }, null, 2);
}

/** Text styling hooks (plain today; a colour/diff issue can pass another). */
export interface Style {
  heading(s: string): string;
  warn(s: string): string;
}
export const PLAIN: Style = { heading: (s) => s, warn: (s) => s };

const n = (x: number) => x.toLocaleString('en-US');

function table(rows: readonly (readonly string[])[]): string[] {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows.map((r) => r.map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c]!))).join('  ').trimEnd());
}

export function planText(plan: Plan, style: Style = PLAIN): string {
  const { spec, target } = plan;
  const out: string[] = [];
  const replica = spec.primaryRegion !== undefined && spec.primaryRegion !== target.region;
  out.push(style.heading(`Key set "${spec.projectCode}" in account ${target.accountId}, ${target.region} (${target.partition}): ${plan.keys.length} key(s)${replica ? `, replicas of ${spec.primaryRegion}` : ''}`));
  out.push('');
  out.push(
    ...table([
      ['SERVICE', 'ALIAS', 'REGION', 'ENABLED', 'MULTI-REGION', 'ROTATION', 'STATEMENTS', 'POLICY BYTES'],
      ...plan.keys.map((k) => [
        k.service,
        k.aliasName,
        k.region,
        k.spec.enabled ? 'yes' : 'no',
        k.spec.multiRegion ? 'yes' : 'no',
        k.spec.enableKeyRotation ? `${k.spec.rotationPeriodInDays} days` : 'off',
        String(k.statements),
        `${n(k.bytes)} / ${n(MAX_KEY_POLICY_BYTES)}`,
      ]),
    ]),
  );
  out.push('');
  out.push(`Explicit TrustedAccountIds that fit every policy: up to ${n(plan.maxTrustedAccounts)} (you list ${spec.trustedAccountIds.length}).`);
  for (const k of plan.keys) {
    const def = getServiceDefinition(k.service)!;
    out.push('', style.heading(`${k.service} — ${def.displayName} (${k.aliasName}, ${n(k.bytes)} bytes)`));
    if (!def.supportsAlias) out.push(style.warn(`  Note: ${def.displayName} accepts only the key id or ARN, not the alias.`));
    for (const a of k.access) {
      out.push(`  ${a.effect === 'Deny' ? 'DENY ' : ''}${a.who}`);
      out.push(`    may: ${a.actions.join(', ')}`);
      out.push(`    when: ${a.when}`);
    }
  }
  return out.join('\n');
}

export const command: CliCommand = {
  name: 'plan',
  summary: 'Validate a key set and show its keys and key policies (no AWS calls)',
  help: HELP,
  async run(argv, io) {
    const args = parseArgs(argv);
    const target: DeploymentTarget = { accountId: args.account, region: args.region, partition: partitionOf(args.region) };
    const properties = propertiesFromInput(readDocument(args.file, io), args, target);
    let plan: Plan;
    try {
      plan = buildPlan(properties, target);
    } catch (error) {
      if (error instanceof ValidationError) throw new CliError(error.message, EXIT.invalidInput);
      throw error;
    }
    io.stdout.write(`${args.json ? planJson(plan) : planText(plan)}\n`);
    return EXIT.ok;
  },
};
