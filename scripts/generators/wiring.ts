/**
 * stacksets/trusted-account-wiring.yaml from the service catalog: the Services rule, one `<Service>Chosen` condition
 * and one service-use statement per service used through a service (its kms:ViaService hosts and actions), and the
 * split of those statements over as many managed policies as IAM's size limit needs. Hand edits would drift from the
 * catalog; `npm run check:generated` fails when the file differs from what this renders.
 */
import { Document, Pair, Scalar, YAMLMap, YAMLSeq, type Node } from 'yaml';
import { supportedServices, type ServiceDefinition } from '../../resource-type/catalog';
import type { Partition } from '../../resource-type/core/types';
import type { GeneratedFile, Generator } from './types';

export const WIRING_PATH = 'stacksets/trusted-account-wiring.yaml';

/** IAM's limit for a customer managed policy, in characters without whitespace. */
export const MANAGED_POLICY_MAX_CHARS = 6144;

/** The ProjectCode parameter's longest value (its AllowedPattern): policies must fit with it. */
const LONGEST_PROJECT_CODE = 64;

/** Every partition the type supports, with its AWS::URLSuffix: a policy must fit in each. */
const URL_SUFFIX: Record<Partition, string> = { aws: 'amazonaws.com', 'aws-cn': 'amazonaws.com.cn', 'aws-us-gov': 'amazonaws.com' };

/** Prettier's print width for YAML in this repository: flow collections longer than this are written as blocks. */
const PRINT_WIDTH = 140;

// ---------------------------------------------------------------------------------------------------------------
// A small model of template values: intrinsics stay symbolic so they can be written as short tags (`!Sub ...`) and
// also resolved to concrete strings to measure policy sizes.

/** An intrinsic function, written with its short tag (`!Sub`, `!If`, ...). */
class Intrinsic {
  constructor(
    readonly name: string,
    readonly arg: Value,
  ) {}
}

/** A collection written in flow style (`[a, b]`, `{ L: x }`), everything inside it too. */
class Flow {
  constructor(readonly value: Value) {}
}

/** Text written single-quoted, as people write patterns, dates and `!Sub` strings. */
class Quoted {
  constructor(readonly text: string) {}
}

/** Long prose written as a folded block scalar (`>-`) wrapped at FOLD_WIDTH. */
class Folded {
  constructor(readonly text: string) {}
}

type Value = string | number | Intrinsic | Flow | Quoted | Folded | Value[] | { [key: string]: Value };

const fn = (name: string, arg: Value): Intrinsic => new Intrinsic(name, arg);
const ref = (name: string): Intrinsic => fn('Ref', name);
const sub = (text: string): Intrinsic => fn('Sub', new Quoted(text));
const condition = (name: string): Intrinsic => fn('Condition', name);
const flow = (value: Value): Flow => new Flow(value);

/** Where folded prose wraps (the hand-written templates wrap there). */
const FOLD_WIDTH = 116;

type StringifyContext = Parameters<YAMLSeq['toString']>[0];
const withOptions = (ctx: StringifyContext, changes: object): StringifyContext => ctx && { ...ctx, ...changes };

/** Prettier's flow style: `[a, b]` without padding... */
class FlowSeq extends YAMLSeq {
  override toString(ctx?: StringifyContext, onComment?: () => void, onChompKeep?: () => void): string {
    return super.toString(withOptions(ctx, { flowCollectionPadding: '' }), onComment, onChompKeep);
  }
}

/** ...and `{ a: b }` with it. */
class FlowMap extends YAMLMap {
  override toString(ctx?: StringifyContext, onComment?: () => void, onChompKeep?: () => void): string {
    return super.toString(withOptions(ctx, { flowCollectionPadding: ' ' }), onComment, onChompKeep);
  }
}

/** A key whose folded value wraps at FOLD_WIDTH (nothing else wraps: prettier keeps long lines as they are). */
class FoldedPair extends Pair {
  override toString(ctx?: StringifyContext, onComment?: () => void, onChompKeep?: () => void): string {
    return super.toString(withOptions(ctx, { options: { ...ctx?.options, lineWidth: FOLD_WIDTH } }), onComment, onChompKeep);
  }
}

/** Converts a value to a YAML node. */
function toNode(value: Value, inFlow = false): Node {
  if (value instanceof Intrinsic) {
    const node = toNode(value.arg, inFlow);
    node.tag = `!${value.name}`;
    return node;
  }
  if (value instanceof Flow) return toNode(value.value, true);
  if (value instanceof Quoted) return Object.assign(new Scalar(value.text), { type: Scalar.QUOTE_SINGLE });
  if (value instanceof Folded) return Object.assign(new Scalar(value.text), { type: Scalar.BLOCK_FOLDED });
  if (Array.isArray(value)) {
    const seq = inFlow ? new FlowSeq() : new YAMLSeq();
    seq.flow = inFlow;
    seq.items = value.map((item) => toNode(item, inFlow));
    return seq;
  }
  if (typeof value === 'object') {
    const map = inFlow ? new FlowMap() : new YAMLMap();
    map.flow = inFlow;
    map.items = Object.entries(value).map(([key, item]) =>
      item instanceof Folded ? new FoldedPair(new Scalar(key), toNode(item)) : new Pair(new Scalar(key), toNode(item, inFlow)),
    );
    return map;
  }
  return new Scalar(value);
}

/** How the document is written: no wrapping (prettier keeps long lines), quotes as prettier writes them. */
const TO_STRING = { lineWidth: 0, singleQuote: true, commentString: (comment: string) => comment.replace(/^/gm, '#') } as const;

/** A list or intrinsic in flow style when its line, `prefix` characters before it included, fits the print width. */
function flowIfFits(value: Value, prefix: number): Value {
  const text = new Document(toNode(flow(value))).toString(TO_STRING).trimEnd();
  return prefix + text.length <= PRINT_WIDTH ? flow(value) : value;
}

/** The JSON CloudFormation would send for a value, with `${...}` and `Ref` resolved from `variables`. */
function resolve(value: Value, variables: Record<string, string>): unknown {
  if (value instanceof Intrinsic) {
    const arg = value.arg instanceof Quoted ? value.arg.text : value.arg;
    if (value.name === 'Sub' && typeof arg === 'string') return arg.replace(/\$\{([^}]+)\}/g, (_, name: string) => lookup(variables, name));
    if (value.name === 'Ref' && typeof arg === 'string') return lookup(variables, arg);
    throw new Error(`The wiring generator cannot size !${value.name}; size policies only from !Sub and !Ref.`);
  }
  if (value instanceof Flow) return resolve(value.value, variables);
  if (value instanceof Quoted || value instanceof Folded) return value.text;
  if (Array.isArray(value)) return value.map((item) => resolve(item, variables));
  if (typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolve(v, variables)]));
  return value;
}

function lookup(variables: Record<string, string>, name: string): string {
  const found = variables[name];
  if (found === undefined) throw new Error(`The wiring generator has no sizing value for \${${name}}; add it to sizingVariables().`);
  return found;
}

// ---------------------------------------------------------------------------------------------------------------
// The catalog's view: which services are used through a service, with which hosts and actions.

/** kms:ViaService host stems of a service, in catalog order without repeats. */
const viaServiceHosts = (s: ServiceDefinition): string[] => [...new Set(s.viaService.flatMap((rule) => rule.hosts))];

/** Actions a service performs with its key, grant actions included (the service sends kms:ViaService for them too). */
const viaServiceActions = (s: ServiceDefinition): string[] => [
  ...new Set(s.viaService.flatMap((rule) => [...rule.actions, ...(rule.grantActions ?? [])])),
];

const KEYS_OF_SECURITY_ACCOUNT = sub('arn:${AWS::Partition}:kms:*:${SecurityAccountId}:key/*');

/** The statement letting a role use the key alias/<ProjectCode>/<service> only through that service, any Region. */
function serviceUseStatement(s: ServiceDefinition): { [key: string]: Value } {
  // Flow lists where they fit after `Action: ` (column 14) and `kms:ViaService: ` (column 18) in the policy.
  return {
    Sid: `${s.attributeName}ViaService`,
    Effect: 'Allow',
    Action: flowIfFits(viaServiceActions(s), 14 + 'Action: '.length),
    Resource: KEYS_OF_SECURITY_ACCOUNT,
    Condition: {
      StringLike: {
        'kms:ViaService': flowIfFits(
          viaServiceHosts(s).map((host) => sub(`${host}.*.\${AWS::URLSuffix}`)),
          18 + 'kms:ViaService: '.length,
        ),
      },
      'ForAnyValue:StringEquals': { 'kms:ResourceAliases': sub(`alias/\${ProjectCode}/${s.id}`) },
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Splitting the service-use statements over managed policies.

const policyDocument = (statements: Value[]): { [key: string]: Value } => ({ Version: new Quoted('2012-10-17'), Statement: statements });

/** Values that make a policy as long as it can get in one partition. */
function sizingVariables(partition: Partition): Record<string, string> {
  return {
    'AWS::Partition': partition,
    'AWS::URLSuffix': URL_SUFFIX[partition],
    SecurityAccountId: '0'.repeat(12),
    ProjectCode: 'P'.repeat(LONGEST_PROJECT_CODE),
  };
}

/** A policy's size as IAM counts it (JSON without whitespace) in the partition where it is longest. */
function policySize(statements: Value[]): number {
  return Math.max(
    ...(Object.keys(URL_SUFFIX) as Partition[]).map(
      (partition) => JSON.stringify(resolve(policyDocument(statements), sizingVariables(partition))).replace(/\s/g, '').length,
    ),
  );
}

/** The size of a service-use policy holding these services' statements, all chosen, the longest ProjectCode. */
export const serviceUsePolicySize = (services: readonly ServiceDefinition[]): number => policySize(services.map(serviceUseStatement));

/**
 * Splits the services, in catalog order, into as few consecutive groups as fit IAM's limit with every service chosen
 * and the longest ProjectCode, then evens the groups out so each keeps room for the catalog to grow.
 */
export function splitServices(services: readonly ServiceDefinition[], limit = MANAGED_POLICY_MAX_CHARS): ServiceDefinition[][] {
  if (services.length === 0) return [];
  const sizes = new Map<string, number>();
  const sizeOf = (from: number, to: number): number => {
    const key = `${from}-${to}`;
    if (!sizes.has(key)) sizes.set(key, serviceUsePolicySize(services.slice(from, to)));
    return sizes.get(key)!;
  };
  services.forEach((s, i) => {
    if (sizeOf(i, i + 1) > limit)
      throw new Error(
        `The service-use statement of ${s.id} alone exceeds ${limit} characters; shorten its hosts or actions in the catalog.`,
      );
  });
  // Fewest groups: fill each group in order until the next service does not fit.
  let groups = 0;
  for (let start = 0; start < services.length; groups++) {
    let end = start + 1;
    while (end < services.length && sizeOf(start, end + 1) <= limit) end++;
    start = end;
  }
  // Among the splits into that many groups, the one whose largest group is smallest (the earliest cut on ties).
  const best = (from: number, parts: number): { cuts: number[]; largest: number } => {
    if (parts === 1) return { cuts: [], largest: sizeOf(from, services.length) };
    let found = { cuts: [] as number[], largest: Infinity };
    for (let cut = from + 1; cut <= services.length - parts + 1 && sizeOf(from, cut) <= limit; cut++) {
      const rest = best(cut, parts - 1);
      const largest = Math.max(sizeOf(from, cut), rest.largest);
      if (largest < found.largest) found = { cuts: [cut, ...rest.cuts], largest };
    }
    return found;
  };
  const { cuts } = best(0, groups);
  return [0, ...cuts].map((start, i) => services.slice(start, cuts[i] ?? services.length));
}

// ---------------------------------------------------------------------------------------------------------------
// The template.

/** `ServiceUsePolicy`, `ServiceUsePolicy2`, ...: the first keeps the unnumbered names stacks already have. */
const suffix = (index: number): string => (index === 0 ? '' : String(index + 1));

/** Is <id> an entry of Services? (see the comment on Conditions) */
function listed(id: string, prefix: number): Value {
  const test = fn('Not', [
    fn('Equals', [
      fn('Select', [1, fn('Split', [`,${id},`, fn('Sub', [new Quoted(`,\${L},|,${id},`), { L: fn('Join', [',', ref('Services')]) }])])]),
      '',
    ]),
  ]);
  return flowIfFits(test, prefix);
}

/** Fn::Or over conditions, 2 to 10 operands each: past ten, the tenth operand is an Fn::Or of the rest. */
function anyOf(conditions: readonly string[], prefix: number): Value {
  const operands: Value[] = conditions.map(condition);
  if (conditions.length <= 10) return flowIfFits(fn('Or', operands), prefix);
  return fn('Or', [...operands.slice(0, 9), anyOf(conditions.slice(9), 4 + '- '.length)]);
}

const chosen = (s: ServiceDefinition) => `${s.attributeName}Chosen`;
const list = (ids: readonly string[]) => ids.join(', ');
/** `a, b, c and d` */
const prose = (ids: readonly string[]) => (ids.length < 2 ? list(ids) : `${list(ids.slice(0, -1))} and ${ids[ids.length - 1]}`);

const HEADER = 'generated from resource-type/catalog by scripts/generators/wiring.ts — do not edit (npm run generate)';

const SELECTION_COMMENT = [
  "Service selection. Conditions cannot test list membership directly: ',<Services joined>,|,<id>,' split at ',<id>,'",
  "has an empty second piece exactly when its only ',<id>,' is the sentinel after '|', i.e. when <id> is not chosen.",
  "'*' chooses every service.",
];

function resourcesComment(groups: number): string[] {
  return [
    'Direct use selects keys by alias: kms:ResourceAliases holds every alias of the key (IAM policies only, matched even',
    'when the request names the key by ARN). ForAnyValue picks keys having an alias alias/*/<service> for a chosen',
    "service; ForAllValues requires all of the key's aliases to be alias/<ProjectCode>/..., so only this project's keys",
    'qualify (a key with no alias fails ForAnyValue). The per-service list is built with Join/Split because',
    'CloudFormation cannot prefix each list element with a parameter. Alias changes take up to 5 minutes to affect',
    'authorization.',
    '',
    "Use through services: one statement per service ties the key alias/<ProjectCode>/<service> to that service's",
    'kms:ViaService hosts in any Region (ending in AWS::URLSuffix: amazonaws.com.cn in China), with the actions of the',
    "service catalog's ViaService rules (resource-type/catalog). A service that uses a key for the role always sends",
    "kms:ViaService, also for CreateGrant, so grants too are made only by the key's own service. IAM limits a managed",
    `policy to ${MANAGED_POLICY_MAX_CHARS.toLocaleString('en-US')} characters (without whitespace); the generator splits the statements, in catalog order, over`,
    `as few policies as fit with every service chosen and the longest ProjectCode in every partition (${groups} now), each`,
    'exists only when one of its services is chosen, and a role using services of several parts gets all of them.',
  ];
}

export function renderWiring(services: readonly ServiceDefinition[] = supportedServices()): string {
  const via = services.filter((s) => s.viaService.length > 0);
  if (via.length === 0)
    throw new Error('No catalog service is used through a service: the wiring template would have no service-use policy.');
  const withoutServiceUse = services.filter((s) => s.viaService.length === 0).map((s) => s.id);
  const groups = splitServices(via);
  const ids = ['*', ...services.map((s) => s.id)];

  const conditions: { [key: string]: Value } = {
    HasDirectUseRoles: flow(fn('Not', [fn('Equals', [fn('Join', ['', ref('DirectUseRoleNames')]), ''])])),
    HasServiceUseRoles: flow(fn('Not', [fn('Equals', [fn('Join', ['', ref('ServiceUseRoleNames')]), ''])])),
    AllServices: listed('*', '  AllServices: '.length),
  };
  // Operands of a condition's Fn::Or are written at column 4 (`    - `).
  const isChosen = (s: ServiceDefinition) => fn('Or', [condition('AllServices'), listed(s.id, '    - '.length)]);
  for (const s of via) conditions[chosen(s)] = isChosen(s);
  groups.forEach((group, i) => {
    // Fn::Or needs two operands: a policy of one service exists when that service is chosen.
    conditions[`HasServiceUse${suffix(i)}`] = group.length === 1 ? isChosen(group[0]!) : anyOf(group.map(chosen), '    - '.length);
  });

  const resources: { [key: string]: Value } = {
    DirectUsePolicy: {
      Type: 'AWS::IAM::ManagedPolicy',
      Properties: {
        ManagedPolicyName: sub('ServiceKmsKeys-${ProjectCode}-DirectUse'),
        Description: sub(
          'Direct cryptographic use of the ${ProjectCode} service keys in the Security account ${SecurityAccountId}, any Region.',
        ),
        Roles: flow(fn('If', ['HasDirectUseRoles', ref('DirectUseRoleNames'), ref('AWS::NoValue')])),
        PolicyDocument: policyDocument([
          {
            Sid: 'UseSecurityAccountKeysByAlias',
            Effect: 'Allow',
            Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'],
            Resource: KEYS_OF_SECURITY_ACCOUNT,
            Condition: {
              'ForAnyValue:StringLike': {
                'kms:ResourceAliases': fn('Split', [
                  ',',
                  fn('Sub', [new Quoted('alias/*/${ServiceList}'), { ServiceList: flow(fn('Join', [',alias/*/', ref('Services')])) }]),
                ]),
              },
              'ForAllValues:StringLike': { 'kms:ResourceAliases': sub('alias/${ProjectCode}/*') },
            },
          },
        ]),
      },
    },
  };
  groups.forEach((group, i) => {
    resources[`ServiceUsePolicy${suffix(i)}`] = {
      Type: 'AWS::IAM::ManagedPolicy',
      Condition: `HasServiceUse${suffix(i)}`,
      Properties: {
        ManagedPolicyName: sub(`ServiceKmsKeys-\${ProjectCode}-ServiceUse${suffix(i)}`),
        Description: sub(
          `Use of the \${ProjectCode} keys of the Security account \${SecurityAccountId} only through their own AWS service: ${list(group.map((s) => s.id))}.`,
        ),
        Roles: flow(fn('If', ['HasServiceUseRoles', ref('ServiceUseRoleNames'), ref('AWS::NoValue')])),
        PolicyDocument: policyDocument(group.map((s) => fn('If', [chosen(s), serviceUseStatement(s), ref('AWS::NoValue')]))),
      },
    };
  });

  const outputs: { [key: string]: Value } = {
    DirectUsePolicyArn: {
      Description: 'Managed policy for direct use; attach it to more roles as needed.',
      Value: ref('DirectUsePolicy'),
    },
  };
  groups.forEach((group, i) => {
    const range = group.length === 1 ? group[0]!.id : `${group[0]!.id} ... ${group[group.length - 1]!.id}`;
    outputs[`ServiceUsePolicy${suffix(i)}Arn`] = {
      Condition: `HasServiceUse${suffix(i)}`,
      Description: `Managed policy for use through AWS services (${range}); attach it to more roles as needed.`,
      Value: ref(`ServiceUsePolicy${suffix(i)}`),
    };
  });

  const roleNames = (description: Value): { [key: string]: Value } => ({
    Type: 'CommaDelimitedList',
    Description: description,
    AllowedPattern: new Quoted('^([\\w+=,.@-]{1,64})?$'),
    ConstraintDescription: 'each entry must be an IAM role name (no path).',
    Default: '',
  });

  const template: { [key: string]: Value } = {
    AWSTemplateFormatVersion: new Quoted('2010-09-09'),
    Description: new Folded(
      'Trusted-account wiring for Org::Security::ServiceKmsKeys, deployed by a SERVICE_MANAGED StackSet to the member ' +
        'accounts of the trusted OUs in ONE Region (IAM is global). Customer-managed IAM policies let chosen roles use the ' +
        "Security account's keys in every Region, selected by alias (kms:ResourceAliases) so no key id or ARN has to be " +
        "passed around: direct use (Encrypt/Decrypt/GenerateDataKey*) and use of each service's key only through that " +
        'service (kms:ViaService). The key policies in the Security account must also allow these accounts.',
    ),
    Parameters: {
      SecurityAccountId: {
        Type: 'String',
        Description: 'Id of the Security account that owns the keys.',
        AllowedPattern: new Quoted('^[0-9]{12}$'),
        ConstraintDescription: 'a 12-digit account id.',
      },
      ProjectCode: {
        Type: 'String',
        Description: 'Project code of the key set; its keys have aliases alias/<ProjectCode>/<service>.',
        AllowedPattern: new Quoted(`^[A-Za-z0-9_-]{1,${LONGEST_PROJECT_CODE}}$`),
        ConstraintDescription: `1-${LONGEST_PROJECT_CODE} letters, digits, underscores or hyphens.`,
      },
      Services: {
        Type: 'CommaDelimitedList',
        Description: new Folded(
          'Comma-separated services whose keys the roles may use (e.g. s3,sqs), or * for every key of the project. Roles ' +
            'for use through services get each chosen key only through its own service (the s3 key through S3, the ebs key ' +
            `through EC2, ...); ${prose(withoutServiceUse)} keys have no such use.`,
        ),
        AllowedPattern: new Quoted('^(\\*|[a-z0-9]{1,32})$'),
        ConstraintDescription: 'each entry must be a service name such as s3, or *.',
        Default: new Quoted('*'),
      },
      DirectUseRoleNames: roleNames(
        'Comma-separated names of roles in the member account that use the keys directly. Leave empty to attach the policy later.',
      ),
      ServiceUseRoleNames: roleNames(
        new Folded(
          'Comma-separated names of roles in the member account that use the keys only through AWS services (S3, EBS, RDS ' +
            '...), each key only through its own service. Leave empty to attach the policies later.',
        ),
      ),
    },
    Rules: {
      KnownServices: {
        Assertions: [
          {
            AssertDescription: new Folded(`Each entry of Services must be * or a service that can have a key: ${list(ids.slice(1))}.`),
            Assert: { 'Fn::EachMemberIn': [ref('Services'), flowIfFits(ids, '            - '.length)] },
          },
        ],
      },
    },
    Conditions: conditions,
    Resources: resources,
    Outputs: outputs,
  };

  const doc = new Document(null);
  doc.contents = toNode(template) as YAMLMap;
  doc.commentBefore = ` ${HEADER}`;
  const root = doc.contents as YAMLMap<Scalar, Node>;
  const keyOf = (map: YAMLMap<Scalar, Node>, key: string): Scalar => map.items.find((pair) => pair.key.value === key)!.key;
  for (const section of ['Parameters', 'Rules', 'Conditions', 'Resources', 'Outputs']) keyOf(root, section).spaceBefore = true;
  keyOf(root, 'Conditions').commentBefore = SELECTION_COMMENT.map((line) => ` ${line}`).join('\n');
  keyOf(root, 'Resources').commentBefore = resourcesComment(groups.length)
    .map((line) => (line ? ` ${line}` : ''))
    .join('\n');
  const conditionMap = root.get('Conditions') as YAMLMap<Scalar, Node>;
  keyOf(conditionMap, 'HasServiceUse').commentBefore =
    ' A managed policy needs at least one statement: each service-use policy exists only when one of its services is chosen.';
  const resourceMap = root.get('Resources') as YAMLMap<Scalar, Node>;
  for (const pair of resourceMap.items.slice(1)) pair.key.spaceBefore = true;

  return doc.toString(TO_STRING);
}

export const wiringGenerator: Generator = {
  name: 'wiring',
  generate(): GeneratedFile[] {
    return [{ path: WIRING_PATH, content: renderWiring() }];
  },
};
