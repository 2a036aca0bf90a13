/**
 * Trusted-account wiring: the member-side IAM policies select the Security account's keys by alias
 * (ForAnyValue kms:ResourceAliases), and, evaluated with the IAM simulator against a key policy that trusts the
 * organization, allow exactly the intended requests.
 */
import path from 'node:path';
import { loadCfnTemplate } from '../support/cfn-yaml';
import { decide, type Decision } from '../support/kms-eval';
import type { PolicyDocument } from '../../resource-type/core/types';
import { renderTemplate, type RenderedStack } from './lib/cfn-evaluator';
import { MEMBER_ACCOUNT, ORG_ID, REPO_ROOT, SECURITY_ACCOUNT } from './lib/template-files';

const FILE = 'stacksets/trusted-account-wiring.yaml';
const template = loadCfnTemplate(path.join(REPO_ROOT, FILE));

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

const statementsOf = (stack: RenderedStack, id: string): Statement[] =>
  (stack.resources.find((r) => r.logicalId === id)!.properties.PolicyDocument as { Statement: Statement[] }).Statement;

/** A key policy trusting the whole organization, so the decision rests on the member's IAM policy. */
const ORG_KEY_POLICY = {
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'OrganizationUse',
      Effect: 'Allow',
      Principal: { AWS: '*' },
      Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey', 'kms:CreateGrant'],
      Resource: '*',
      Condition: { StringEquals: { 'aws:PrincipalOrgID': ORG_ID } },
    },
  ],
} as unknown as PolicyDocument;

const APP = `arn:aws:iam::${MEMBER_ACCOUNT}:role/App`;
const keyArn = (account = SECURITY_ACCOUNT, region = 'us-east-1') =>
  `arn:aws:kms:${region}:${account}:key/mrk-0123456789abcdef0123456789abcdef`;

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
  test('every statement selects keys of the Security account by alias with ForAnyValue:StringLike kms:ResourceAliases', () => {
    const stack = render({});
    const statements = [...statementsOf(stack, 'DirectUsePolicy'), ...statementsOf(stack, 'ServiceUsePolicy')];
    expect(statements).toHaveLength(3);
    for (const s of statements) {
      expect(s.Resource).toBe(`arn:aws:kms:*:${SECURITY_ACCOUNT}:key/*`);
      expect(s.Condition['ForAnyValue:StringLike']['kms:ResourceAliases']).toEqual(['alias/*/*']);
      expect(s.Condition['ForAllValues:StringLike']['kms:ResourceAliases']).toBe('alias/org/*');
    }
  });

  test('the chosen services become one alias pattern each, and the partition follows the stack', () => {
    const stack = render({ Services: 's3,sqs' }, 'aws-cn');
    const [direct] = statementsOf(stack, 'DirectUsePolicy');
    expect(direct.Condition['ForAnyValue:StringLike']['kms:ResourceAliases']).toEqual(['alias/*/s3', 'alias/*/sqs']);
    expect(direct.Resource).toBe(`arn:aws-cn:kms:*:${SECURITY_ACCOUNT}:key/*`);
  });

  test('policies attach to the chosen roles, or to none', () => {
    const withRoles = render({ DirectUseRoleNames: 'App,Batch', ServiceUseRoleNames: 'Web' });
    expect(withRoles.resources.find((r) => r.logicalId === 'DirectUsePolicy')!.properties.Roles).toEqual(['App', 'Batch']);
    expect(withRoles.resources.find((r) => r.logicalId === 'ServiceUsePolicy')!.properties.Roles).toEqual(['Web']);
    const none = render({});
    expect(none.resources.every((r) => r.properties.Roles === undefined)).toBe(true);
  });

  describe('direct use (Services s3,sqs)', () => {
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

  describe('use through services (all project keys)', () => {
    const service = statementsOf(render({}), 'ServiceUsePolicy');

    test('allows requests a service makes for the role, denies direct calls', () => {
      expect(ask(service, 'kms:Decrypt', ['alias/org/s3'], { 'kms:ViaService': 's3.us-east-1.amazonaws.com' })).toBe('Allowed');
      expect(ask(service, 'kms:Decrypt', ['alias/org/s3'])).toBe('ImplicitlyDenied');
    });

    test('lets services create grants only for AWS resources', () => {
      expect(ask(service, 'kms:CreateGrant', ['alias/org/ebs'], { 'kms:GrantIsForAWSResource': 'true' })).toBe('Allowed');
      expect(ask(service, 'kms:CreateGrant', ['alias/org/ebs'], { 'kms:GrantIsForAWSResource': 'false' })).toBe('ImplicitlyDenied');
    });

    test('still only the project keys', () => {
      expect(ask(service, 'kms:Decrypt', ['alias/other/s3'], { 'kms:ViaService': 's3.us-east-1.amazonaws.com' })).toBe('ImplicitlyDenied');
    });
  });
});
