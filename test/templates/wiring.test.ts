/**
 * Trusted-account wiring: the member-side IAM policies select the Security account's keys by alias
 * (kms:ResourceAliases). Direct use covers the chosen services' keys; use through services ties each service's key to
 * that service's own kms:ViaService hosts, as the service catalog says. Evaluated with the IAM simulator against a
 * key policy that trusts the organization, they allow exactly the intended requests; the service-use statements
 * match the catalog, and every policy stays within IAM's managed-policy size limit for the largest selection.
 * The template is generated from the catalog (scripts/generators/wiring.ts); `npm run check:generated` catches a stale file.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadCfnTemplate, parseCfnYaml, type CfnTemplate } from '../../cli/cloudformation/yaml';
import { GENERATORS } from '../../scripts/generators';
import { MANAGED_POLICY_MAX_CHARS, WIRING_PATH, renderWiring, serviceUsePolicySize, splitServices } from '../../scripts/generators/wiring';
import { decide, type Decision } from '../support/kms-eval';
import { SERVICE_CATALOG, supportedServices, type ServiceDefinition } from '../../resource-type/catalog';
import type { PolicyDocument } from '../../resource-type/core/types';
import { renderTemplate, type RenderedStack } from '../../cli/cloudformation/evaluator';
import { MEMBER_ACCOUNT, ORG_ID, REPO_ROOT, SECURITY_ACCOUNT } from './lib/template-files';

const FILE = 'stacksets/trusted-account-wiring.yaml';
const template = loadCfnTemplate(path.join(REPO_ROOT, FILE));

/** The service-use policies in template order (ServiceUsePolicy, ServiceUsePolicy2, ...): the generator decides how many. */
const serviceUsePoliciesOf = (t: CfnTemplate): string[] => Object.keys(t.Resources).filter((id) => /^ServiceUsePolicy\d*$/.test(id));
const SERVICE_USE_POLICIES = serviceUsePoliciesOf(template);

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
/** The Sids each service-use policy holds, in template order. */
const sidsByPolicy = (stack: RenderedStack): string[][] => SERVICE_USE_POLICIES.map((id) => statementsOf(stack, id).map((s) => s.Sid));

/** Services whose keys are used through the service (the catalog has ViaService rules for them). */
const VIA_SERVICES: readonly ServiceDefinition[] = supportedServices().filter((s) => s.viaService.length > 0);
const hostsOf = (s: ServiceDefinition): string[] => [...new Set(s.viaService.flatMap((rule) => rule.hosts))];
const actionsOf = (s: ServiceDefinition): string[] => [
  ...new Set(s.viaService.flatMap((rule) => [...rule.actions, ...(rule.grantActions ?? [])])),
];
const byId = (id: string): ServiceDefinition => SERVICE_CATALOG.find((s) => s.id === id)!;

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

    test('the chosen services get their statements only, in catalog order', () => {
      const some = render({ Services: 'sqs,s3,session' });
      expect(serviceUseStatements(some).map((s) => s.Sid)).toEqual(['S3ViaService', 'SqsViaService']);
    });

    /** Which services each service-use policy holds, read from the template with every service chosen. */
    const parts = sidsByPolicy(all).map((sids, i) => ({ id: SERVICE_USE_POLICIES[i]!, sids }));
    const idOfSid = (sid: string) => VIA_SERVICES.find((s) => `${s.attributeName}ViaService` === sid)!.id;

    test.each(parts.map((part) => [part.id, part.sids]))(
      'each service-use policy exists only when one of its services is chosen (%s), with its output and roles',
      (id, sids) => {
        // Its last and first services, in that order, and a service without service use.
        const services = [idOfSid(sids[sids.length - 1]!), idOfSid(sids[0]!), 'session'];
        const stack = render({ Services: services.join(','), ServiceUseRoleNames: 'Web' });
        expect(SERVICE_USE_POLICIES.filter((other) => policyOf(stack, other))).toEqual([id]);
        expect(statementsOf(stack, id).map((s) => s.Sid)).toEqual([...new Set([sids[0], sids[sids.length - 1]])]);
        expect(policyOf(stack, id)!.properties.Roles).toEqual(['Web']);
        expect(stack.outputs).toEqual({ DirectUsePolicyArn: 'DirectUsePolicy-physical-id', [`${id}Arn`]: `${id}-physical-id` });
      },
    );

    test('no service-use policy when no chosen service is used through a service; * chooses them all', () => {
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
      expect(none.resources).toHaveLength(1 + SERVICE_USE_POLICIES.length);
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
    const sizeOf = (document: unknown): number => JSON.stringify(document).replace(/\s/g, '').length;
    const documentOf = (stack: RenderedStack, id: string) => policyOf(stack, id)!.properties.PolicyDocument as { Statement: Statement[] };
    const longestProject = 'P'.repeat(64);
    const largest = (partition: string) => render({ ProjectCode: longestProject, Services: '*' }, partition);
    const partitions = ['aws', 'aws-us-gov', 'aws-cn'];

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
        expect(sizeOf(documentOf(stack, id))).toBeLessThanOrEqual(MANAGED_POLICY_MAX_CHARS);
    });

    test('the split is needed: the statements of two neighbouring service-use policies do not fit in one', () => {
      expect(SERVICE_USE_POLICIES.length).toBeGreaterThan(0);
      for (const [first, second] of SERVICE_USE_POLICIES.slice(1).map((id, i) => [SERVICE_USE_POLICIES[i]!, id])) {
        const merged = partitions.map((partition) => {
          const stack = largest(partition);
          return sizeOf({
            ...documentOf(stack, first!),
            Statement: [...documentOf(stack, first!).Statement, ...documentOf(stack, second!).Statement],
          });
        });
        expect(Math.max(...merged)).toBeGreaterThan(MANAGED_POLICY_MAX_CHARS);
      }
      // All of today's catalog does not fit in one policy.
      const all = Math.max(
        ...partitions.map((partition) => sizeOf({ Version: '2012-10-17', Statement: serviceUseStatements(largest(partition)) })),
      );
      expect(all > MANAGED_POLICY_MAX_CHARS).toBe(SERVICE_USE_POLICIES.length > 1);
    });
  });

  describe('generated from the service catalog', () => {
    test('the wiring generator is registered for this file (npm run check:generated fails when it is stale)', () => {
      const generator = GENERATORS.find((g) => g.name === 'wiring');
      expect(generator?.generate().map((f) => f.path)).toEqual([FILE]);
      expect(WIRING_PATH).toBe(FILE);
      expect(readFileSync(path.join(REPO_ROOT, FILE), 'utf8')).toMatch(
        /^# generated from resource-type\/catalog by scripts\/generators\/wiring\.ts — do not edit/,
      );
    });

    test('a service added to the catalog gets its Rules entry, condition and statement without anyone editing the template', () => {
      const added: ServiceDefinition = {
        ...byId('sqs'),
        id: 'newsvc',
        attributeName: 'NewSvc',
        viaService: [{ ...byId('sqs').viaService[0]!, hosts: ['newsvc'], actions: ['kms:Decrypt'] }],
      };
      const rendered = parseCfnYaml(renderWiring([...supportedServices(), added])) as CfnTemplate;
      const stack = renderTemplate(rendered, {
        env: { accountId: MEMBER_ACCOUNT, region: 'us-east-1', partition: 'aws' },
        parameters: { SecurityAccountId: SECURITY_ACCOUNT, ProjectCode: 'org', Services: 'newsvc' },
      });
      // Rendering with Services=newsvc passes the KnownServices rule only because the generated list names it.
      expect(Object.keys(rendered.Conditions ?? {})).toContain('NewSvcChosen');
      const [id, ...others] = serviceUsePoliciesOf(rendered).filter((p) => policyOf(stack, p));
      expect(others).toEqual([]);
      expect(statementsOf(stack, id!)).toEqual([
        {
          Sid: 'NewSvcViaService',
          Effect: 'Allow',
          Action: ['kms:Decrypt'],
          Resource: `arn:aws:kms:*:${SECURITY_ACCOUNT}:key/*`,
          Condition: {
            StringLike: { 'kms:ViaService': ['newsvc.*.amazonaws.com'] },
            'ForAnyValue:StringEquals': { 'kms:ResourceAliases': 'alias/org/newsvc' },
          },
        },
      ]);
    });

    test('the split: catalog order, the fewest policies within the limit, evened out', () => {
      const limit = 4000;
      const groups = splitServices(VIA_SERVICES, limit);
      expect(groups.flat()).toEqual(VIA_SERVICES);
      for (const group of groups) expect(serviceUsePolicySize(group)).toBeLessThanOrEqual(limit);
      // Filling each policy in turn until the next service does not fit needs the fewest policies (contiguous groups).
      const filled: ServiceDefinition[][] = [];
      for (const service of VIA_SERVICES) {
        const last = filled[filled.length - 1];
        if (last && serviceUsePolicySize([...last, service]) <= limit) last.push(service);
        else filled.push([service]);
      }
      expect(groups.length).toBe(filled.length);
      expect(groups.length).toBeGreaterThan(2);
      // Evened out: the largest policy is no larger, usually smaller, than with filling (room for the catalog to grow).
      const largestOf = (g: ServiceDefinition[][]) => Math.max(...g.map(serviceUsePolicySize));
      expect(largestOf(groups)).toBeLessThanOrEqual(largestOf(filled));
      // With IAM's limit: the policies the template on disk has.
      expect(splitServices(VIA_SERVICES).map((g) => g.map((s) => `${s.attributeName}ViaService`))).toEqual(sidsByPolicy(render({})));
    });

    test('a service whose statement alone exceeds the limit is refused with a sentence naming it', () => {
      expect(() => splitServices(VIA_SERVICES, 300)).toThrow(/service-use statement of s3 alone exceeds 300 characters/);
    });
  });
});
