/**
 * The handler execution role of the registration and activation templates: trust (confused-deputy conditions),
 * session duration, and permissions exactly equal to the union of the schema's handler permissions.
 */
import path from 'node:path';
import { loadCfnTemplate, type CfnTemplate } from '../../cli/cloudformation/yaml';
import { SCHEMA } from './lib/schema-checks';
import { REPO_ROOT } from './lib/template-files';

interface Statement {
  Effect: string;
  Action: string | string[];
  Resource?: unknown;
  Principal?: unknown;
  Condition?: Record<string, Record<string, unknown>>;
}

const FILES = ['stacksets/register-type.yaml', 'stacksets/activate-public-type.yaml'];
const handlerUnion = [...new Set(Object.values(SCHEMA.handlers).flatMap((h) => h.permissions))].sort();
const maxTimeoutMinutes = Math.max(...Object.values(SCHEMA.handlers).map((h) => h.timeoutInMinutes ?? 0));

const asList = (v: string | string[]): string[] => (Array.isArray(v) ? v : [v]);

function roleStatements(template: CfnTemplate, roleId: string): Statement[] {
  const props = template.Resources[roleId].Properties as {
    Policies: Array<{ PolicyDocument: { Statement: Statement[] } }>;
    ManagedPolicyArns?: unknown;
  };
  expect(props.ManagedPolicyArns).toBeUndefined();
  return props.Policies.flatMap((p) => p.PolicyDocument.Statement);
}

function trust(template: CfnTemplate, roleId: string): Statement[] {
  return (template.Resources[roleId].Properties as { AssumeRolePolicyDocument: { Statement: Statement[] } }).AssumeRolePolicyDocument
    .Statement;
}

describe.each(FILES)('%s', (file) => {
  const template = loadCfnTemplate(path.join(REPO_ROOT, file));

  test('the execution role allows exactly the union of the schema handler permissions', () => {
    const statements = roleStatements(template, 'ExecutionRole');
    expect(statements.every((s) => s.Effect === 'Allow')).toBe(true);
    const actions = [...new Set(statements.flatMap((s) => asList(s.Action)))].sort();
    expect(actions).toEqual(handlerUnion);
    expect(actions.some((a) => a.includes('*'))).toBe(false);
  });

  test('iam:CreateServiceLinkedRole is limited to the KMS multi-Region keys role', () => {
    const slr = roleStatements(template, 'ExecutionRole').filter((s) => asList(s.Action).includes('iam:CreateServiceLinkedRole'));
    expect(slr).toHaveLength(1);
    expect(asList(slr[0].Action)).toEqual(['iam:CreateServiceLinkedRole']);
    expect(slr[0].Condition).toEqual({ StringEquals: { 'iam:AWSServiceName': 'mrk.kms.amazonaws.com' } });
    expect(JSON.stringify(slr[0].Resource)).toContain(
      'role/aws-service-role/mrk.kms.amazonaws.com/AWSServiceRoleForKeyManagementServiceMultiRegionKeys',
    );
  });

  test.each(['ExecutionRole', 'LogRole'])('%s trusts only CloudFormation acting for this type in this account and Region', (roleId) => {
    const statements = trust(template, roleId);
    expect(statements).toHaveLength(1);
    expect(statements[0]).toEqual({
      Effect: 'Allow',
      Principal: { Service: 'resources.cloudformation.amazonaws.com' },
      Action: 'sts:AssumeRole',
      Condition: {
        StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
        StringLike: {
          'aws:SourceArn': {
            'Fn::Sub': 'arn:${AWS::Partition}:cloudformation:${AWS::Region}:${AWS::AccountId}:type/resource/Org-Security-ServiceKmsKeys/*',
          },
        },
      },
    });
  });

  test('the execution role session outlasts the longest handler timeout', () => {
    const duration = (template.Resources.ExecutionRole.Properties as { MaxSessionDuration: number }).MaxSessionDuration;
    expect(duration).toBe(8400);
    expect(duration).toBeGreaterThanOrEqual(maxTimeoutMinutes * 60);
    expect(duration).toBeLessThanOrEqual(43200);
  });

  test('the log role can deliver logs and metrics and nothing else', () => {
    const actions = roleStatements(template, 'LogRole')
      .flatMap((s) => asList(s.Action))
      .sort();
    expect(actions).toEqual([
      'cloudwatch:ListMetrics',
      'cloudwatch:PutMetricData',
      'logs:CreateLogGroup',
      'logs:CreateLogStream',
      'logs:DescribeLogGroups',
      'logs:DescribeLogStreams',
      'logs:PutLogEvents',
    ]);
  });

  test('roles are unnamed so per-Region stack instances in one account do not collide (IAM is global)', () => {
    for (const id of ['ExecutionRole', 'LogRole'])
      expect((template.Resources[id].Properties as { RoleName?: string }).RoleName).toBeUndefined();
  });
});

test('the permission check would notice a missing or extra action', () => {
  const template = loadCfnTemplate(path.join(REPO_ROOT, FILES[0]));
  const actions = [...new Set(roleStatements(template, 'ExecutionRole').flatMap((s) => asList(s.Action)))].sort();
  expect(actions.filter((a) => a !== 'kms:ListKeys')).not.toEqual(handlerUnion);
  expect([...actions, 'kms:Decrypt'].sort()).not.toEqual(handlerUnion);
});
