/**
 * What `start` deploys: stacks of the scenario templates (or of --template), each rendered with the template
 * evaluator for every Region it is deployed to. The default run deploys
 *  - templates/scenario2-multi-region.yaml as "kms-multi-region" in the primary Region and again in the
 *    replica Region (same template and parameters, PrimaryRegion = the primary): multi-Region keys + replicas;
 *  - templates/scenario3-cross-account.yaml as "kms-cross-account" in the primary Region: keys shared with
 *    trusted accounts 222222222222 and 333333333333 and a key user role in 222222222222.
 */
import * as path from 'node:path';
import { partitionOf } from '../../resource-type/core/partition';
import type { DeploymentTarget, ResourceProperties } from '../../resource-type/core/types';
import { CliError, EXIT } from '../command';
import { evaluateKeySetProperties, keySetResources, readInput, templateParameters, type InputDocument } from '../plan/template';

declare const __REPO_ROOT__: string;
export const REPO_ROOT = typeof __REPO_ROOT__ === 'string' ? __REPO_ROOT__ : path.resolve(__dirname, '..', '..');

export const TRUSTED_ACCOUNTS = ['222222222222', '333333333333'] as const;
export const OUTSIDER_ACCOUNT = '444444444444';

/** One resource of one stack in one Region. */
export interface Deployment {
  readonly stackName: string;
  readonly templateFile: string;
  readonly logicalId: string;
  readonly target: DeploymentTarget;
  readonly parameters: Readonly<Record<string, string>>;
  readonly properties: ResourceProperties;
  readonly projectCode: string;
  /** 'primary' | 'replica' | 'single'. */
  readonly role: 'primary' | 'replica' | 'single';
}

export interface ScenarioOptions {
  readonly accountId: string;
  readonly primaryRegion: string;
  readonly replicaRegion: string;
  /** --template; unset = the scenario templates. */
  readonly template?: string;
  readonly parameters: Readonly<Record<string, string>>;
  /** Administrator ARN for the key sets (local: a KeyAdmin role; real AWS: the caller). */
  readonly adminArn: string;
  /** Local runs name made-up principals (the emulator and LocalStack do not check they exist); real AWS does not. */
  readonly fictionalPrincipals: boolean;
  readonly cwd: string;
}

function iamArn(accountId: string, region: string, resource: string): string {
  return `arn:${partitionOf(region)}:iam::${accountId}:${resource}`;
}

/** Values for parameters the templates declare without a Default. */
function knownParameters(options: ScenarioOptions, projectCode: string): Record<string, string> {
  const { accountId, primaryRegion } = options;
  const known: Record<string, string> = {
    ProjectCode: projectCode,
    PrimaryRegion: primaryRegion,
    KeyAdministratorArns: options.adminArn,
    KeyAdministratorArn: options.adminArn,
    EnvironmentTag: 'local',
  };
  if (options.fictionalPrincipals) {
    known.KeyUserArns = iamArn(accountId, primaryRegion, 'role/App');
    known.TrustedAccountIds = TRUSTED_ACCOUNTS.join(',');
    known.TrustedOrganizationId = 'o-exampleorg1';
  }
  return known;
}

interface StackSpec {
  readonly stackName: string;
  readonly file: string;
  /** Values for parameters without a Default (example values). */
  readonly known: Record<string, string>;
  /** Values this stack always sets (its scenario). */
  readonly fixed: Record<string, string>;
}

function defaultStacks(options: ScenarioOptions): StackSpec[] {
  const stacks: StackSpec[] = [
    {
      stackName: 'kms-multi-region',
      file: path.join(REPO_ROOT, 'templates', 'scenario2-multi-region.yaml'),
      known: knownParameters(options, 'demo'),
      fixed: options.fictionalPrincipals ? { KeyUserArns: iamArn(options.accountId, options.primaryRegion, 'role/App') } : {},
    },
  ];
  if (options.fictionalPrincipals) {
    stacks.push({
      stackName: 'kms-cross-account',
      file: path.join(REPO_ROOT, 'templates', 'scenario3-cross-account.yaml'),
      known: knownParameters(options, 'shared'),
      fixed: {
        KeyUserArns: iamArn(TRUSTED_ACCOUNTS[0], options.primaryRegion, 'role/AppRole'),
        TrustedAccountIds: TRUSTED_ACCOUNTS.join(','),
        CrossAccountAccessViaService: 'true',
      },
    });
  }
  return stacks;
}

/** Keeps the parameters the template declares; user --parameter values win. */
function parametersFor(doc: InputDocument, stack: StackSpec, given: Readonly<Record<string, string>>): Record<string, string> {
  const declared = templateParameters(doc);
  const out: Record<string, string> = {};
  for (const name of Object.keys(declared)) {
    if (name in given) out[name] = given[name]!;
    else if (name in stack.fixed) out[name] = stack.fixed[name]!;
    else if (declared[name]!.Default === undefined && name in stack.known) out[name] = stack.known[name]!;
  }
  for (const name of Object.keys(given))
    if (!(name in declared)) throw new CliError(`--parameter ${name}: ${doc.file} declares no parameter ${name}.`, EXIT.usage);
  return out;
}

/** Every deployment of the run, in creation order (a primary before its replica). */
export function buildDeployments(options: ScenarioOptions): Deployment[] {
  const stacks: StackSpec[] = options.template
    ? [
        {
          stackName:
            'kms-' +
            path
              .basename(options.template)
              .replace(/\.(ya?ml|json)$/, '')
              .replace(/[^A-Za-z0-9-]/g, '-'),
          file: path.resolve(options.cwd, options.template),
          known: knownParameters(options, 'demo'),
          fixed: {},
        },
      ]
    : defaultStacks(options);
  const out: Deployment[] = [];
  for (const stack of stacks) {
    const doc = readInput(stack.file, options.cwd);
    if (!('Resources' in doc.data)) throw new CliError(`${stack.file} is not a CloudFormation template (no Resources).`, EXIT.invalidInput);
    const ids = keySetResources(doc);
    if (ids.length === 0) throw new CliError(`${stack.file} has no Org::Security::ServiceKmsKeys resource.`, EXIT.invalidInput);
    const parameters = parametersFor(doc, stack, options.template ? options.parameters : {});
    // A replica Region only when the template really makes a multi-Region key set (its PrimaryRegion evaluates to a
    // Region): org-wide.yaml, for example, leaves PrimaryRegion empty by default and is single-Region then.
    const regions = [options.primaryRegion, options.replicaRegion];
    for (const region of regions) {
      const target: DeploymentTarget = { accountId: options.accountId, region, partition: partitionOf(region) };
      for (const logicalId of ids) {
        const properties = evaluateKeySetProperties(doc, { target, parameters, resource: logicalId, stackName: stack.stackName });
        const primary =
          typeof properties.PrimaryRegion === 'string' && properties.PrimaryRegion !== '' ? properties.PrimaryRegion : undefined;
        if (region !== options.primaryRegion && primary === undefined) continue;
        out.push({
          stackName: stack.stackName,
          templateFile: path.relative(options.cwd, stack.file) || stack.file,
          logicalId,
          target,
          parameters,
          properties,
          projectCode: String(properties.ProjectCode ?? ''),
          role: primary === undefined ? 'single' : primary === region ? 'primary' : 'replica',
        });
      }
    }
  }
  return out;
}
