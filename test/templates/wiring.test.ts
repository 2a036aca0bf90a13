/**
 * Trusted-account wiring: the member-side IAM policies select the Security account's keys by alias
 * (kms:ResourceAliases). Direct use covers the chosen services' keys; use through services ties each service's key to
 * that service's own kms:ViaService hosts, as the service catalog says. Evaluated with the IAM simulator against a
 * key policy that trusts the organization, they allow exactly the intended requests; the service-use statements
 * match the catalog, and every policy stays within IAM's managed-policy size limit for the largest selection.
 */
import path from 'node:path';
import { loadCfnTemplate } from '../../cli/cloudformation/yaml';
import { decide, type Decision } from '../support/kms-eval';
import { SERVICE_CATALOG, supportedServices, type ServiceDefinition } from '../../resource-type/catalog';
import type { PolicyDocument } from '../../resource-type/core/types';
import { renderTemplate, type RenderedStack } from '../../cli/cloudformation/evaluator';
import { MEMBER_ACCOUNT, ORG_ID, REPO_ROOT, SECURITY_ACCOUNT } from './lib/template-files';

const FILE = 'stacksets/trusted-account-wiring.yaml';
const template = loadCfnTemplate(path.join(REPO_ROOT, FILE));

/** IAM's limit for a customer managed policy, in characters without whitespace. */
const MANAGED_POLICY_MAX_CHARS = 6144;
const SERVICE_USE_POLICIES = ['ServiceUsePolicy', 'ServiceUsePolicy2'];

interface Statement {
  Sid: string;
  Effect: string;
  Action: string | string[];
  Resource: string;
  Condition: Record<string, Record<string, string | string[]>>;
}

function render(parameters: Record<string, string>, partition = 'aws'): RenderedStack {
  return renderTemplate(template, {
    env: { accountId: MEMBER_ACCOUNT, region: 'us-east-1', partition },
    parameters: { SecurityAccountId: SECURITY_ACCOUNT, ProjectCode: 'org', ...parameters },
  });
}

const policyOf = (stack: RenderedStack, id: string) => stack.resources.find((r) => r.logicalId === id);
const statementsOf = (stack: RenderedStack, id: string): Statement[] =>
  (policyOf(stack, id)!.properties.PolicyDocument as { Statement: Statement[] }).Statement;
const serviceUseStatements = (stack: RenderedStack): Statement[] =>
  SERVICE_USE_POLICIES.filter((id) => policyOf(stack, id)).flatMap((id) => statementsOf(stack, id));

/** Services whose keys are used through the service (the catalog has ViaService rules for them). */
const VIA_SERVICES: readonly ServiceDefinition[] = supportedServices().filter((s) => s.viaService.length > 0);
const hostsOf = (s: ServiceDefinition): string[] => [...new Set(s.viaService.flatMap((rule) => rule.hosts))];
const actionsOf = (s: ServiceDefinition): string[] => [
  ...new Set(s.viaService.flatMap((rule) => [...rule.actions, ...(rule.grantActions ?? [])])),
];
const byId = (id: string): ServiceDefinition => SERVICE_CATALOG.find((s) => s.id === id)!;

/** The template lines of a service's statement that follow the catalog (actions and kms:ViaService hosts). */
const statementYaml = (s: ServiceDefinition): string =>
  [
    `              Action: [${actionsOf(s).join(', ')}]`,
    `                  kms:ViaService: [${hostsOf(s)
      .map((h) => `!Sub '${h}.*.\${AWS::URLSuffix}'`)
      .join(', ')}]`,
  ].join('\n');

/** A key policy trusting the whole organization, so the decision rests on the member's IAM policy. */
const ORG_KEY_POLICY = {
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'OrganizationUse',
      Effect: 'Allow',
      Principal: { AWS: '*' },
      Action: [
        'kms:Encrypt',
        'kms:Decrypt',
        'kms:ReEncrypt*',
        'kms:GenerateDataKey*',
        'kms:DescribeKey',
        'kms:CreateGrant',
        'kms:ListGrants',
        'kms:ScheduleKeyDeletion',
      ],
      Resource: '*',
      Condition: { StringEquals: { 'aws:PrincipalOrgID': ORG_ID } },
    },
  ],
} as unknown as PolicyDocument;

const APP = `arn:aws:iam::${MEMBER_ACCOUNT}:role/App`;
const keyArn = (account = SECURITY_ACCOUNT, region = 'us-east-1') =>
  `arn:aws:kms:${region}:${account}:key/mrk-0123456789abcdef0123456789abcdef`;
const via = (host: string, region = 'us-east-1') => ({ 'kms:ViaService': `${host}.${region}.amazonaws.com` });

function ask(identity: Statement[], action: string, aliases: string[], extra: Record<string, string> = {}, key = keyArn()): Decision {
  return decide({
    keyPolicy: ORG_KEY_POLICY,
    keyArn: key,
    principal: APP,
    action,
    identity,
    context: { 'aws:PrincipalOrgID': ORG_ID, 'kms:ResourceAliases': aliases, ...extra },
  });
}

describe('trusted-account wiring', () => {
  describe('direct use', () => {
    test('selects keys of the Security account by alias with ForAnyValue:StringLike kms:ResourceAliases, project keys only', () => {
      const [statement, ...more] = statementsOf(render({}), 'DirectUsePolicy');
      expect(more).toEqual([]);
      expect(statement.Resource).toBe(`arn:aws:kms:*:${SECURITY_ACCOUNT}:key/*`);
      expect(statement.Condition['ForAnyValue:StringLike']['kms:ResourceAliases']).toEqual(['alias/*/*']);
      expect(statement.Condition['ForAllValues:StringLike']['kms:ResourceAliases']).toBe('alias/org/*');
    });

    test('the chosen services become one alias pattern each, and the partition follows the stack', () => {
      const [direct] = statementsOf(render({ Services: 's3,sqs' }, 'aws-cn'), 'DirectUsePolicy');
      expect(direct.Condition['ForAnyValue:StringLike']['kms:ResourceAliases']).toEqual(['alias/*/s3', 'alias/*/sqs']);
      expect(direct.Resource).toBe(`arn:aws-cn:kms:*:${SECURITY_ACCOUNT}:key/*`);
    });

    const direct = statementsOf(render({ Services: 's3,sqs' }), 'DirectUsePolicy');

    test('allows the project keys of the chosen services in any Region', () => {
      expect(ask(direct, 'kms:Decrypt', ['alias/org/s3'])).toBe('Allowed');
      expect(ask(direct, 'kms:GenerateDataKey', ['alias/org/sqs'], {}, keyArn(SECURITY_ACCOUNT, 'eu-west-1'))).toBe('Allowed');
    });

    test('denies other services, other projects, keys without alias and keys of other accounts', () => {
      expect(ask(direct, 'kms:Decrypt', ['alias/org/ebs'])).toBe('ImplicitlyDenied');
      expect(ask(direct, 'kms:Decrypt', ['alias/other/s3'])).toBe('ImplicitlyDenied');
      expect(ask(direct, 'kms:Decrypt', ['alias/org/s3', 'alias/other/x'])).toBe('ImplicitlyDenied');
      expect(ask(direct, 'kms:Decrypt', [])).toBe('ImplicitlyDenied');
      expect(ask(direct, 'kms:Decrypt', ['alias/org/s3'], {}, keyArn('333333333333'))).toBe('ImplicitlyDenied');
    });

    test('grants no management or grant actions', () => {
      expect(ask(direct, 'kms:ScheduleKeyDeletion', ['alias/org/s3'])).toBe('ImplicitlyDenied');
      expect(ask(direct, 'kms:CreateGrant', ['alias/org/s3'])).toBe('ImplicitlyDenied');
    });
  });

  describe('use through services: one statement per service, as the service catalog says', () => {
    const all = render({});

    test('every catalog service used through a service has one statement: its alias, its ViaService hosts in any Region, its actions', () => {
      const statements = serviceUseStatements(all);
      expect(statements.map((s) => s.Sid).sort()).toEqual(VIA_SERVICES.map((s) => `${s.attributeName}ViaService`).sort());
      const drifted = VIA_SERVICES.filter((service) => {
        const statement = statements.find((s) => s.Sid === `${service.attributeName}ViaService`);
        const hosts = statement?.Condition.StringLike['kms:ViaService'];
        const actions = statement ? [...(Array.isArray(statement.Action) ? statement.Action : [statement.Action])].sort() : [];
        return (
          JSON.stringify(hosts) !== JSON.stringify(hostsOf(service).map((h) => `${h}.*.amazonaws.com`)) ||
          JSON.stringify(actions) !== JSON.stringify([...actionsOf(service)].sort())
        );
      });
      // The catalog changes now and then: say exactly what to paste into the template.
      if (drifted.length > 0) {
        throw new Error(
          `${FILE} differs from the service catalog; use these lines in the statements of ${drifted.map((s) => s.id).join(', ')}:\n` +
            drifted.map((s) => `  ${s.attributeName}ViaService\n${statementYaml(s)}`).join('\n'),
        );
      }
      for (const service of VIA_SERVICES) {
        const statement = statements.find((s) => s.Sid === `${service.attributeName}ViaService`)!;
        expect({ service: service.id, statement }).toEqual({
          service: service.id,
          statement: {
            Sid: `${service.attributeName}ViaService`,
            Effect: 'Allow',
            Action: expect.arrayContaining(actionsOf(service)),
            Resource: `arn:aws:kms:*:${SECURITY_ACCOUNT}:key/*`,
            Condition: {
              StringLike: { 'kms:ViaService': hostsOf(service).map((host) => `${host}.*.amazonaws.com`) },
              'ForAnyValue:StringEquals': { 'kms:ResourceAliases': `alias/org/${service.id}` },
            },
          },
        });
        expect(statement.Action).toHaveLength(actionsOf(service).length);
      }
    });

    test('the template offers exactly the catalog services that can have a key (Rules) and a condition per ViaService service', () => {
      const rules = (template as unknown as { Rules: Record<string, { Assertions: Array<{ Assert: Record<string, unknown[]> }> }> }).Rules;
      const [, allowed] = rules.KnownServices.Assertions[0].Assert['Fn::EachMemberIn'] as [unknown, string[]];
      expect([...allowed].sort()).toEqual(['*', ...supportedServices().map((s) => s.id)].sort());
      const chosen = Object.keys(template.Conditions ?? {}).filter((name) => name.endsWith('Chosen'));
      expect(chosen.sort()).toEqual(VIA_SERVICES.map((s) => `${s.attributeName}Chosen`).sort());
    });

    test('the chosen services get their statements only; each service-use policy exists only when one of its services is chosen', () => {
      const some = render({ Services: 'sqs,s3,session', ServiceUseRoleNames: 'Web' });
      expect(statementsOf(some, 'ServiceUsePolicy').map((s) => s.Sid)).toEqual(['S3ViaService', 'SqsViaService']);
      expect(policyOf(some, 'ServiceUsePolicy2')).toBeUndefined();
      expect(some.outputs).toEqual({
        DirectUsePolicyArn: 'DirectUsePolicy-physical-id',
        ServiceUsePolicyArn: 'ServiceUsePolicy-physical-id',
      });

      const second = render({ Services: 'athena,glue', ServiceUseRoleNames: 'Web' });
      expect(policyOf(second, 'ServiceUsePolicy')).toBeUndefined();
      expect(statementsOf(second, 'ServiceUsePolicy2').map((s) => s.Sid)).toEqual(['GlueViaService', 'AthenaViaService']);
      expect(policyOf(second, 'ServiceUsePolicy2')!.properties.Roles).toEqual(['Web']);

      const noServiceUse = render({ Services: 'session,cloudtrail' });
      expect(noServiceUse.resources.map((r) => r.logicalId)).toEqual(['DirectUsePolicy']);

      const star = render({ Services: 's3,*' });
      expect(serviceUseStatements(star)).toHaveLength(VIA_SERVICES.length);
    });

    test('a service name is chosen only as a whole list entry', () => {
      const stack = render({ Services: 'redshift,ssm' });
      expect(serviceUseStatements(stack).map((s) => s.Sid)).toEqual(['SsmViaService', 'RedshiftViaService']);
    });

    test.each([['s4'], ['acm'], ['s3,sqs,unknown']])('refuses services that cannot have a key: %s', (services) => {
      expect(() => render({ Services: services })).toThrow(/Rule KnownServices failed/);
    });

    test('policies attach to the chosen roles, or to none', () => {
      const withRoles = render({ DirectUseRoleNames: 'App,Batch', ServiceUseRoleNames: 'Web,Worker' });
      expect(policyOf(withRoles, 'DirectUsePolicy')!.properties.Roles).toEqual(['App', 'Batch']);
      for (const id of SERVICE_USE_POLICIES) expect(policyOf(withRoles, id)!.properties.Roles).toEqual(['Web', 'Worker']);
      const none = render({});
      expect(none.resources).toHaveLength(3);
      expect(none.resources.every((r) => r.properties.Roles === undefined)).toBe(true);
    });
  });

  describe('use through services: decisions', () => {
    const service = serviceUseStatements(render({}));

    test('allows each key through its own service in any Region, denies direct calls', () => {
      expect(ask(service, 'kms:Decrypt', ['alias/org/s3'], via('s3'))).toBe('Allowed');
      expect(
        ask(service, 'kms:GenerateDataKey', ['alias/org/s3'], via('s3', 'ap-southeast-2'), keyArn(SECURITY_ACCOUNT, 'ap-southeast-2')),
      ).toBe('Allowed');
      expect(ask(service, 'kms:Decrypt', ['alias/org/sqs'], via('sqs'))).toBe('Allowed');
      expect(ask(service, 'kms:Decrypt', ['alias/org/s3'])).toBe('ImplicitlyDenied');
    });

    test("denies a key through another service's endpoint (the s3 key through SQS, the sqs key through S3)", () => {
      expect(ask(service, 'kms:Decrypt', ['alias/org/s3'], via('sqs'))).toBe('ImplicitlyDenied');
      expect(ask(service, 'kms:Decrypt', ['alias/org/sqs'], via('s3'))).toBe('ImplicitlyDenied');
      expect(ask(service, 'kms:Decrypt', ['alias/org/rds'], via('dynamodb'))).toBe('ImplicitlyDenied');
    });

    test('a service reaches its key through its catalog hosts (ebs through ec2, redshift also through redshift-serverless, glue also through s3)', () => {
      expect(ask(service, 'kms:GenerateDataKeyWithoutPlaintext', ['alias/org/ebs'], via('ec2'))).toBe('Allowed');
      expect(ask(service, 'kms:Decrypt', ['alias/org/ebs'], via('ebs'))).toBe('ImplicitlyDenied');
      expect(ask(service, 'kms:Decrypt', ['alias/org/redshift'], via('redshift-serverless'))).toBe('Allowed');
      expect(ask(service, 'kms:Decrypt', ['alias/org/glue'], via('s3'))).toBe('Allowed');
      expect(ask(service, 'kms:Decrypt', ['alias/org/s3'], via('glue'))).toBe('ImplicitlyDenied');
    });

    test('grants only through the key service that creates them, never directly', () => {
      expect(ask(service, 'kms:CreateGrant', ['alias/org/ebs'], { ...via('ec2'), 'kms:GrantIsForAWSResource': 'true' })).toBe('Allowed');
      expect(ask(service, 'kms:CreateGrant', ['alias/org/ebs'], { 'kms:GrantIsForAWSResource': 'true' })).toBe('ImplicitlyDenied');
      expect(ask(service, 'kms:CreateGrant', ['alias/org/ebs'], { ...via('rds'), 'kms:GrantIsForAWSResource': 'true' })).toBe(
        'ImplicitlyDenied',
      );
      expect(ask(service, 'kms:CreateGrant', ['alias/org/s3'], { ...via('s3'), 'kms:GrantIsForAWSResource': 'true' })).toBe(
        'ImplicitlyDenied',
      );
    });

    test("only the catalog's actions for the service (logs: Decrypt and GenerateDataKey*, not Encrypt)", () => {
      expect(actionsOf(byId('logs'))).not.toContain('kms:Encrypt');
      expect(ask(service, 'kms:GenerateDataKey', ['alias/org/logs'], via('logs'))).toBe('Allowed');
      expect(ask(service, 'kms:Encrypt', ['alias/org/logs'], via('logs'))).toBe('ImplicitlyDenied');
      expect(ask(service, 'kms:ScheduleKeyDeletion', ['alias/org/s3'], via('s3'))).toBe('ImplicitlyDenied');
    });

    test('the ViaService hosts follow the partition: China endpoints end in amazonaws.com.cn', () => {
      const cn = serviceUseStatements(render({ Services: 's3,ebs' }, 'aws-cn'));
      expect(cn.map((s) => s.Condition.StringLike['kms:ViaService'])).toEqual([['s3.*.amazonaws.com.cn'], ['ec2.*.amazonaws.com.cn']]);
      const cnKey = 'arn:aws-cn:kms:cn-north-1:111111111111:key/mrk-0123456789abcdef0123456789abcdef';
      const cnVia = { 'kms:ViaService': 's3.cn-north-1.amazonaws.com.cn' };
      const asCn = (statements: Statement[], extra: Record<string, string>) =>
        decide({
          keyPolicy: JSON.parse(JSON.stringify(ORG_KEY_POLICY)),
          keyArn: cnKey,
          principal: `arn:aws-cn:iam::${MEMBER_ACCOUNT}:role/App`,
          action: 'kms:Decrypt',
          identity: statements,
          context: { 'aws:PrincipalOrgID': ORG_ID, 'kms:ResourceAliases': ['alias/org/s3'], ...extra },
        });
      expect(asCn(cn, cnVia)).toBe('Allowed');
      // The commercial policy would never match a China endpoint (the reason the hosts are built from AWS::URLSuffix).
      const commercial = serviceUseStatements(render({ Services: 's3' }));
      expect(commercial[0]!.Condition.StringLike['kms:ViaService']).toEqual(['s3.*.amazonaws.com']);
      expect(
        asCn(
          commercial.map((st) => ({ ...st, Resource: cnKey })),
          cnVia,
        ),
      ).toBe('ImplicitlyDenied');
    });

    test('still only the project keys of the Security account, and only the chosen services', () => {
      expect(ask(service, 'kms:Decrypt', ['alias/other/s3'], via('s3'))).toBe('ImplicitlyDenied');
      expect(ask(service, 'kms:Decrypt', [], via('s3'))).toBe('ImplicitlyDenied');
      expect(ask(service, 'kms:Decrypt', ['alias/org/s3'], via('s3'), keyArn('333333333333'))).toBe('ImplicitlyDenied');
      const chosen = serviceUseStatements(render({ Services: 's3,sqs' }));
      expect(ask(chosen, 'kms:Decrypt', ['alias/org/s3'], via('s3'))).toBe('Allowed');
      expect(ask(chosen, 'kms:Decrypt', ['alias/org/ebs'], via('ec2'))).toBe('ImplicitlyDenied');
    });
  });

  describe("IAM's managed-policy size limit", () => {
    const sizeOf = (stack: RenderedStack, id: string): number =>
      JSON.stringify(policyOf(stack, id)!.properties.PolicyDocument).replace(/\s/g, '').length;
    const longestProject = 'P'.repeat(64);

    test.each([
      ['*', 'aws'],
      [
        supportedServices()
          .map((s) => s.id)
          .join(','),
        'aws-us-gov',
      ],
      ['*', 'aws-cn'],
    ])('every policy fits with the longest ProjectCode and every service chosen (%s, %s)', (services, partition) => {
      const stack = render({ ProjectCode: longestProject, Services: services }, partition);
      expect(stack.resources.map((r) => r.logicalId)).toEqual(['DirectUsePolicy', ...SERVICE_USE_POLICIES]);
      for (const id of ['DirectUsePolicy', ...SERVICE_USE_POLICIES])
        expect(sizeOf(stack, id)).toBeLessThanOrEqual(MANAGED_POLICY_MAX_CHARS);
      // The split is needed: all service-use statements together would not fit in one policy.
      expect(SERVICE_USE_POLICIES.reduce((sum, id) => sum + sizeOf(stack, id), 0)).toBeGreaterThan(MANAGED_POLICY_MAX_CHARS);
    });
  });
});
