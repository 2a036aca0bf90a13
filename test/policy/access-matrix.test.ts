/**
 * Access matrix: rendered policies evaluated by an independent IAM evaluator (iam-simulate, test
 * only). principal × action × key × context → expected decision, including negative cases.
 */
import type { DeploymentTarget, KeySetSpec, Partition, PolicyDocument } from '../../resource-type/core/types';
import { SERVICE_CATALOG } from '../../resource-type/catalog';
import { renderKeyPolicy } from '../../resource-type/policy';
import { validateProperties } from '../../resource-type/validation';
import { allowIdentity, decide, type Decision } from '../support/kms-eval';
import {
  keyArn,
  MODES,
  ORG,
  OTHER_ORG,
  OWNER,
  PARTITIONS,
  REGION_OF,
  role,
  root,
  session,
  specFor,
  targetFor,
  TRUSTED,
  UNTRUSTED,
} from './fixtures';

const KMS_ALL = [allowIdentity('kms:*')];
const GIFAR_TRUE = { 'kms:GrantIsForAWSResource': 'true' };

function policyOf(spec: KeySetSpec, service: string, target: DeploymentTarget): PolicyDocument {
  return renderKeyPolicy(
    spec,
    spec.services.find((k) => k.service === service)!,
    target,
  );
}

interface Row {
  readonly name: string;
  readonly service: string;
  readonly principal: (p: Partition) => string;
  readonly action: string;
  readonly identity?: readonly object[];
  readonly context?: (p: Partition, r: string) => Record<string, string | string[]>;
  readonly expected: Decision;
}

const via = (host: string) => (_p: Partition, r: string) => ({ 'kms:ViaService': `${host}.${r}.amazonaws.com` });

/** The key set of the matrix: via-service cross-account with one trusted account, several services. */
function matrixSpec(p: Partition, mode: 'via-service' | 'org' = 'via-service'): KeySetSpec {
  const props: Record<string, unknown> = {
    ProjectCode: 'matrix',
    KeyAdministratorArns: [role(p, OWNER, 'KeyAdmin')],
    KeyUserArns: [role(p, OWNER, 'AppRole')],
    CrossAccountAccessViaService: true,
    Services: ['s3', 'logs', 'mwaa', 'eks', 'secretsmanager', 'ebs', 'config', 'session', 'xray', 'codeartifact', 'stepfunctions'].map(
      (Service) => (Service === 'session' ? { Service, NodeRoleArns: [role(p, OWNER, 'NodeRole')] } : { Service }),
    ),
  };
  if (mode === 'via-service') props.TrustedAccountIds = [TRUSTED];
  else props.TrustedOrganizationId = ORG;
  return validateProperties(props, targetFor(p));
}

const ROWS: readonly Row[] = [
  // IAM delegation through the owner root statement.
  {
    name: 'same-account role, no key-policy entry, no IAM',
    service: 's3',
    principal: (p) => role(p, OWNER, 'Other'),
    action: 'kms:Decrypt',
    expected: 'ImplicitlyDenied',
  },
  {
    name: 'same-account role with IAM Decrypt',
    service: 's3',
    principal: (p) => role(p, OWNER, 'Other'),
    action: 'kms:Decrypt',
    identity: [allowIdentity('kms:Decrypt')],
    expected: 'Allowed',
  },
  {
    name: 'owner root keeps PutKeyPolicy (lockout safety)',
    service: 's3',
    principal: (p) => root(p, OWNER),
    action: 'kms:PutKeyPolicy',
    expected: 'Allowed',
  },
  // Named principals.
  {
    name: 'key user decrypts without IAM',
    service: 's3',
    principal: (p) => session(p, OWNER, 'AppRole'),
    action: 'kms:Decrypt',
    expected: 'Allowed',
  },
  {
    name: 'key user cannot change the policy',
    service: 's3',
    principal: (p) => session(p, OWNER, 'AppRole'),
    action: 'kms:PutKeyPolicy',
    expected: 'ImplicitlyDenied',
  },
  {
    name: 'key user creates grants for AWS resources',
    service: 's3',
    principal: (p) => session(p, OWNER, 'AppRole'),
    action: 'kms:CreateGrant',
    context: () => GIFAR_TRUE,
    expected: 'Allowed',
  },
  {
    name: 'administrator changes the policy',
    service: 's3',
    principal: (p) => session(p, OWNER, 'KeyAdmin'),
    action: 'kms:PutKeyPolicy',
    expected: 'Allowed',
  },
  {
    name: 'administrator cannot decrypt',
    service: 's3',
    principal: (p) => session(p, OWNER, 'KeyAdmin'),
    action: 'kms:Decrypt',
    expected: 'ImplicitlyDenied',
  },
  {
    name: 'administrator cannot generate data keys',
    service: 's3',
    principal: (p) => session(p, OWNER, 'KeyAdmin'),
    action: 'kms:GenerateDataKey',
    expected: 'ImplicitlyDenied',
  },
  {
    name: 'administrator grant for an AWS resource',
    service: 's3',
    principal: (p) => session(p, OWNER, 'KeyAdmin'),
    action: 'kms:CreateGrant',
    context: () => GIFAR_TRUE,
    expected: 'Allowed',
  },
  {
    name: 'administrator grant without GrantIsForAWSResource',
    service: 's3',
    principal: (p) => session(p, OWNER, 'KeyAdmin'),
    action: 'kms:CreateGrant',
    context: () => ({ 'kms:GrantIsForAWSResource': 'false' }),
    expected: 'ImplicitlyDenied',
  },
  {
    name: 'administrator grant, key absent',
    service: 's3',
    principal: (p) => session(p, OWNER, 'KeyAdmin'),
    action: 'kms:CreateGrant',
    expected: 'ImplicitlyDenied',
  },
  {
    name: 'administrator schedules deletion',
    service: 's3',
    principal: (p) => session(p, OWNER, 'KeyAdmin'),
    action: 'kms:ScheduleKeyDeletion',
    expected: 'Allowed',
  },
  // Trusted account, directly.
  {
    name: 'trusted role with IAM',
    service: 's3',
    principal: (p) => session(p, TRUSTED, 'R'),
    action: 'kms:Decrypt',
    identity: KMS_ALL,
    expected: 'Allowed',
  },
  {
    name: 'trusted role without IAM',
    service: 's3',
    principal: (p) => session(p, TRUSTED, 'R'),
    action: 'kms:Decrypt',
    expected: 'ImplicitlyDenied',
  },
  {
    name: 'trusted role, IAM kms:* but management action',
    service: 's3',
    principal: (p) => session(p, TRUSTED, 'R'),
    action: 'kms:ScheduleKeyDeletion',
    identity: KMS_ALL,
    expected: 'ImplicitlyDenied',
  },
  {
    name: 'trusted role, IAM only on another key',
    service: 's3',
    principal: (p) => session(p, TRUSTED, 'R'),
    action: 'kms:Decrypt',
    identity: [allowIdentity('kms:*', `arn:aws:kms:eu-west-1:${OWNER}:key/other`)],
    expected: 'ImplicitlyDenied',
  },
  {
    name: 'trusted grant for an AWS resource',
    service: 's3',
    principal: (p) => session(p, TRUSTED, 'R'),
    action: 'kms:CreateGrant',
    identity: KMS_ALL,
    context: () => GIFAR_TRUE,
    expected: 'Allowed',
  },
  {
    name: 'trusted grant without GrantIsForAWSResource',
    service: 's3',
    principal: (p) => session(p, TRUSTED, 'R'),
    action: 'kms:CreateGrant',
    identity: KMS_ALL,
    expected: 'ImplicitlyDenied',
  },
  // Untrusted account.
  {
    name: 'untrusted role with IAM kms:*',
    service: 's3',
    principal: (p) => session(p, UNTRUSTED, 'R'),
    action: 'kms:Decrypt',
    identity: KMS_ALL,
    expected: 'ImplicitlyDenied',
  },
  {
    name: 'untrusted role via S3 with IAM kms:*',
    service: 's3',
    principal: (p) => session(p, UNTRUSTED, 'R'),
    action: 'kms:GenerateDataKey',
    identity: KMS_ALL,
    context: via('s3'),
    expected: 'ImplicitlyDenied',
  },
  // Through the service.
  {
    name: 'owner role via S3, no IAM',
    service: 's3',
    principal: (p) => session(p, OWNER, 'Other'),
    action: 'kms:GenerateDataKey',
    context: via('s3'),
    expected: 'Allowed',
  },
  {
    name: 'owner role via EC2 on the S3 key (wrong service)',
    service: 's3',
    principal: (p) => session(p, OWNER, 'Other'),
    action: 'kms:GenerateDataKey',
    context: via('ec2'),
    expected: 'ImplicitlyDenied',
  },
  {
    name: 'owner role via S3 of another Region',
    service: 's3',
    principal: (p) => session(p, OWNER, 'Other'),
    action: 'kms:Decrypt',
    context: () => ({ 'kms:ViaService': 's3.ap-southeast-2.amazonaws.com' }),
    expected: 'ImplicitlyDenied',
  },
  {
    name: 'owner role without ViaService',
    service: 's3',
    principal: (p) => session(p, OWNER, 'Other'),
    action: 'kms:Decrypt',
    expected: 'ImplicitlyDenied',
  },
  {
    name: 'trusted role via S3 with IAM',
    service: 's3',
    principal: (p) => session(p, TRUSTED, 'R'),
    action: 'kms:Decrypt',
    identity: KMS_ALL,
    context: via('s3'),
    expected: 'Allowed',
  },
  {
    name: 'trusted role via S3 without IAM',
    service: 's3',
    principal: (p) => session(p, TRUSTED, 'R'),
    action: 'kms:Decrypt',
    context: via('s3'),
    expected: 'ImplicitlyDenied',
  },
  {
    name: 'Secrets Manager create: GenerateDataKey via the service',
    service: 'secretsmanager',
    principal: (p) => session(p, OWNER, 'Other'),
    action: 'kms:GenerateDataKey',
    context: via('secretsmanager'),
    expected: 'Allowed',
  },
  {
    name: 'EKS CreateCluster: CreateGrant via eks without GrantIsForAWSResource',
    service: 'eks',
    principal: (p) => session(p, OWNER, 'Other'),
    action: 'kms:CreateGrant',
    context: via('eks'),
    expected: 'Allowed',
  },
  {
    name: 'EKS key: no Decrypt via eks',
    service: 'eks',
    principal: (p) => session(p, OWNER, 'Other'),
    action: 'kms:Decrypt',
    context: via('eks'),
    expected: 'ImplicitlyDenied',
  },
  {
    name: 'EBS: CreateGrant via ec2 for an AWS resource',
    service: 'ebs',
    principal: (p) => session(p, OWNER, 'Other'),
    action: 'kms:CreateGrant',
    context: (q, r) => ({ ...via('ec2')(q, r), ...GIFAR_TRUE }),
    expected: 'Allowed',
  },
  {
    name: 'EBS: CreateGrant via ec2 without GrantIsForAWSResource',
    service: 'ebs',
    principal: (p) => session(p, OWNER, 'Other'),
    action: 'kms:CreateGrant',
    context: via('ec2'),
    expected: 'ImplicitlyDenied',
  },
  // CloudWatch Logs service principal.
  {
    name: 'Logs: own log group',
    service: 'logs',
    principal: (p) => logsPrincipal(p, REGION_OF[p]),
    action: 'kms:GenerateDataKey',
    context: (p, r) => ({ 'kms:EncryptionContext:aws:logs:arn': `arn:${p}:logs:${r}:${OWNER}:log-group:app` }),
    expected: 'Allowed',
  },
  {
    name: 'Logs: trusted account log group (via-service mode)',
    service: 'logs',
    principal: (p) => logsPrincipal(p, REGION_OF[p]),
    action: 'kms:Decrypt',
    context: (p, r) => ({ 'kms:EncryptionContext:aws:logs:arn': `arn:${p}:logs:${r}:${TRUSTED}:log-group:app` }),
    expected: 'Allowed',
  },
  {
    name: 'Logs: untrusted account log group',
    service: 'logs',
    principal: (p) => logsPrincipal(p, REGION_OF[p]),
    action: 'kms:GenerateDataKey',
    context: (p, r) => ({ 'kms:EncryptionContext:aws:logs:arn': `arn:${p}:logs:${r}:${UNTRUSTED}:log-group:app` }),
    expected: 'ImplicitlyDenied',
  },
  {
    name: 'Logs: log group ARN of another Region',
    service: 'logs',
    principal: (p) => logsPrincipal(p, REGION_OF[p]),
    action: 'kms:GenerateDataKey',
    context: (p) => ({ 'kms:EncryptionContext:aws:logs:arn': `arn:${p}:logs:us-west-2:${OWNER}:log-group:app` }),
    expected: 'ImplicitlyDenied',
  },
  {
    name: 'Logs: no encryption context',
    service: 'logs',
    principal: (p) => logsPrincipal(p, REGION_OF[p]),
    action: 'kms:GenerateDataKey',
    expected: 'ImplicitlyDenied',
  },
  {
    name: 'Logs: principal of another Region',
    service: 'logs',
    principal: (p) => logsPrincipal(p, 'us-west-2'),
    action: 'kms:GenerateDataKey',
    context: (p, r) => ({ 'kms:EncryptionContext:aws:logs:arn': `arn:${p}:logs:${r}:${OWNER}:log-group:app` }),
    expected: 'ImplicitlyDenied',
  },
  // MWAA: the reference's open statement is closed.
  {
    name: 'MWAA: owner execution role via SQS with the celery queue',
    service: 'mwaa',
    principal: (p) => session(p, OWNER, 'MwaaExec'),
    action: 'kms:GenerateDataKey',
    context: (p, r) => ({ ...via('sqs')(p, r), 'kms:EncryptionContext:aws:sqs:arn': `arn:${p}:sqs:${r}:999999999999:airflow-celery-abc` }),
    expected: 'Allowed',
  },
  {
    name: 'MWAA: untrusted account with the celery EC via SQS',
    service: 'mwaa',
    principal: (p) => session(p, UNTRUSTED, 'R'),
    action: 'kms:Decrypt',
    identity: KMS_ALL,
    context: (p, r) => ({ ...via('sqs')(p, r), 'kms:EncryptionContext:aws:sqs:arn': `arn:${p}:sqs:${r}:999999999999:airflow-celery-abc` }),
    expected: 'ImplicitlyDenied',
  },
  {
    name: 'MWAA: untrusted account with the celery EC, no ViaService',
    service: 'mwaa',
    principal: (p) => session(p, UNTRUSTED, 'R'),
    action: 'kms:Decrypt',
    identity: KMS_ALL,
    context: (p, r) => ({ 'kms:EncryptionContext:aws:sqs:arn': `arn:${p}:sqs:${r}:999999999999:airflow-celery-abc` }),
    expected: 'ImplicitlyDenied',
  },
  {
    name: 'MWAA: owner via SQS, other queue',
    service: 'mwaa',
    principal: (p) => session(p, OWNER, 'MwaaExec'),
    action: 'kms:Decrypt',
    context: (p, r) => ({ ...via('sqs')(p, r), 'kms:EncryptionContext:aws:sqs:arn': `arn:${p}:sqs:${r}:${OWNER}:orders` }),
    expected: 'ImplicitlyDenied',
  },
  // AWS Config service principal with confused-deputy protection.
  {
    name: 'Config: own account',
    service: 'config',
    principal: () => 'config.amazonaws.com',
    action: 'kms:GenerateDataKey',
    context: () => ({ 'aws:SourceAccount': OWNER }),
    expected: 'Allowed',
  },
  {
    name: 'Config: other account (confused deputy)',
    service: 'config',
    principal: () => 'config.amazonaws.com',
    action: 'kms:GenerateDataKey',
    context: () => ({ 'aws:SourceAccount': UNTRUSTED }),
    expected: 'ImplicitlyDenied',
  },
  {
    name: 'Config: no SourceAccount',
    service: 'config',
    principal: () => 'config.amazonaws.com',
    action: 'kms:GenerateDataKey',
    expected: 'ImplicitlyDenied',
  },
  // X-Ray (configure: CreateGrant + DescribeKey; read: Decrypt), CodeArtifact (CreateGrant + DescribeKey only), Step Functions.
  {
    name: 'X-Ray: configurer creates the grant via xray',
    service: 'xray',
    principal: (p) => session(p, OWNER, 'Other'),
    action: 'kms:CreateGrant',
    context: (q, r) => ({ ...via('xray')(q, r), ...GIFAR_TRUE }),
    expected: 'Allowed',
  },
  {
    name: 'X-Ray: trace reader decrypts via xray',
    service: 'xray',
    principal: (p) => session(p, OWNER, 'Other'),
    action: 'kms:Decrypt',
    context: via('xray'),
    expected: 'Allowed',
  },
  {
    name: 'X-Ray: no GenerateDataKey for people via xray',
    service: 'xray',
    principal: (p) => session(p, OWNER, 'Other'),
    action: 'kms:GenerateDataKey',
    context: via('xray'),
    expected: 'ImplicitlyDenied',
  },
  {
    name: 'CodeArtifact: CreateDomain grant via codeartifact',
    service: 'codeartifact',
    principal: (p) => session(p, OWNER, 'Other'),
    action: 'kms:CreateGrant',
    context: (q, r) => ({ ...via('codeartifact')(q, r), ...GIFAR_TRUE }),
    expected: 'Allowed',
  },
  {
    name: 'CodeArtifact: no Decrypt via codeartifact',
    service: 'codeartifact',
    principal: (p) => session(p, OWNER, 'Other'),
    action: 'kms:Decrypt',
    context: via('codeartifact'),
    expected: 'ImplicitlyDenied',
  },
  {
    name: 'Step Functions: CreateStateMachine generates a data key via states',
    service: 'stepfunctions',
    principal: (p) => session(p, OWNER, 'Other'),
    action: 'kms:GenerateDataKey',
    context: via('states'),
    expected: 'Allowed',
  },
  {
    name: 'Step Functions: execution role (direct call) needs IAM',
    service: 'stepfunctions',
    principal: (p) => session(p, OWNER, 'ExecRole'),
    action: 'kms:GenerateDataKey',
    expected: 'ImplicitlyDenied',
  },
  {
    name: 'Step Functions: execution role with IAM',
    service: 'stepfunctions',
    principal: (p) => session(p, OWNER, 'ExecRole'),
    action: 'kms:GenerateDataKey',
    identity: [allowIdentity('kms:GenerateDataKey')],
    expected: 'Allowed',
  },
  // Session Manager.
  {
    name: 'Session: node role decrypts',
    service: 'session',
    principal: (p) => session(p, OWNER, 'NodeRole'),
    action: 'kms:Decrypt',
    expected: 'Allowed',
  },
  {
    name: 'Session: node role cannot generate data keys',
    service: 'session',
    principal: (p) => session(p, OWNER, 'NodeRole'),
    action: 'kms:GenerateDataKey',
    expected: 'ImplicitlyDenied',
  },
  {
    name: 'Session: user starts a session',
    service: 'session',
    principal: (p) => session(p, OWNER, 'AppRole'),
    action: 'kms:GenerateDataKey',
    expected: 'Allowed',
  },
  {
    name: 'Session: administrator is not a session user',
    service: 'session',
    principal: (p) => session(p, OWNER, 'KeyAdmin'),
    action: 'kms:GenerateDataKey',
    expected: 'ImplicitlyDenied',
  },
];

function logsPrincipal(p: Partition, r: string): string {
  return `logs.${r}.amazonaws.com${p === 'aws-cn' ? '.cn' : ''}`;
}

/**
 * iam-simulate recognizes service principals only when they end in `amazonaws.com` (iam-utils
 * isServicePrincipal), so `logs.<r>.amazonaws.com.cn` cannot be evaluated: those rows run in aws and
 * aws-us-gov, and a pin below notices when the simulator learns the aws-cn suffix.
 */
const needsCnServicePrincipal = (row: Row, p: Partition) => p === 'aws-cn' && row.principal(p).endsWith('.amazonaws.com.cn');

describe.each(PARTITIONS)('access matrix in %s', (p) => {
  const target = targetFor(p);
  const spec = matrixSpec(p);
  test.each(ROWS.filter((r) => !needsCnServicePrincipal(r, p)).map((r) => [r.name, r] as const))('%s', (_name, row) => {
    const decision = decide({
      keyPolicy: policyOf(spec, row.service, target),
      keyArn: keyArn(target),
      principal: row.principal(p),
      action: row.action,
      identity: row.identity,
      context: row.context?.(p, target.region),
    });
    expect(decision).toBe(row.expected);
  });
});

describe('organization mode', () => {
  const p: Partition = 'aws';
  const target = targetFor(p);
  const spec = matrixSpec(p, 'org');
  const key = policyOf(spec, 's3', target);
  const ask = (org: string | undefined, context: Record<string, string | string[]> = {}, identity = KMS_ALL, action = 'kms:Decrypt') =>
    decide({
      keyPolicy: key,
      keyArn: keyArn(target),
      principal: session(p, UNTRUSTED, 'R'),
      action,
      identity,
      context: { ...(org ? { 'aws:PrincipalOrgID': org } : {}), ...context },
    });
  test('member of the organization with IAM → Allowed', () => expect(ask(ORG)).toBe('Allowed'));
  test('member without IAM → ImplicitlyDenied', () => expect(ask(ORG, {}, [])).toBe('ImplicitlyDenied'));
  test('other organization → ImplicitlyDenied', () => expect(ask(OTHER_ORG)).toBe('ImplicitlyDenied'));
  test('no organization in the request → ImplicitlyDenied', () => expect(ask(undefined)).toBe('ImplicitlyDenied'));
  test('member via S3 → Allowed', () =>
    expect(ask(ORG, { 'kms:ViaService': 's3.eu-west-1.amazonaws.com' }, KMS_ALL, 'kms:GenerateDataKey')).toBe('Allowed'));
  test('member cannot manage the key', () => expect(ask(ORG, {}, KMS_ALL, 'kms:ScheduleKeyDeletion')).toBe('ImplicitlyDenied'));
  test('OU paths: outside the OU → ImplicitlyDenied, inside → Allowed', () => {
    const ou = `${ORG}/r-ab12/ou-ab12-11111111/*`;
    const narrowed = validateProperties(
      {
        ProjectCode: 'ou',
        KeyAdministratorArns: [role(p, OWNER, 'KeyAdmin')],
        TrustedOrganizationId: ORG,
        TrustedOrganizationalUnitPaths: [ou],
        Services: [{ Service: 's3' }],
      },
      target,
    );
    const doc = policyOf(narrowed, 's3', target);
    const asks = (paths: string[]) =>
      decide({
        keyPolicy: doc,
        keyArn: keyArn(target),
        principal: session(p, UNTRUSTED, 'R'),
        action: 'kms:Decrypt',
        identity: KMS_ALL,
        context: { 'aws:PrincipalOrgID': ORG, 'aws:PrincipalOrgPaths': paths },
      });
    expect(asks([`${ORG}/r-ab12/ou-ab12-11111111/ou-ab12-22222222/`])).toBe('Allowed');
    expect(asks([`${ORG}/r-ab12/ou-ab12-99999999/`])).toBe('ImplicitlyDenied');
  });
});

describe('no public access: an untrusted account with IAM kms:* and every context key gets nothing', () => {
  const ACTIONS = [
    'kms:Decrypt',
    'kms:Encrypt',
    'kms:GenerateDataKey',
    'kms:ReEncryptFrom',
    'kms:CreateGrant',
    'kms:DescribeKey',
    'kms:PutKeyPolicy',
    'kms:ScheduleKeyDeletion',
  ];
  const services = SERVICE_CATALOG.filter((s) => !s.unsupportedReason && !(s.unavailableIn ?? []).includes('aws'));
  test.each(MODES)('%s mode, every service', (mode) => {
    const target = targetFor('aws');
    for (const def of services) {
      const spec = specFor(
        def.id,
        mode,
        'aws',
        def.id === 'sns' || def.id === 'sqs' ? { EventSourceServices: def.eventSources.map((e) => e.id) } : {},
      );
      const doc = policyOf(spec, def.id, target);
      const hosts = [...new Set(def.viaService.flatMap((v) => v.hosts))];
      const contexts: Record<string, string | string[]>[] = [
        {},
        ...hosts.map((h) => ({ 'kms:ViaService': `${h}.${target.region}.amazonaws.com` })),
      ].map((c) => ({
        ...c,
        ...GIFAR_TRUE,
        'kms:EncryptionContext:aws:logs:arn': `arn:aws:logs:${target.region}:${OWNER}:log-group:airflow-x`,
        'kms:EncryptionContext:aws:sqs:arn': `arn:aws:sqs:${target.region}:999999999999:airflow-celery-x`,
        'kms:EncryptionContext:aws:cloudtrail:arn': `arn:aws:cloudtrail:${target.region}:${OWNER}:trail/t`,
        'aws:PrincipalOrgID': OTHER_ORG,
      }));
      for (const action of ACTIONS) {
        for (const context of contexts) {
          const d = decide({
            keyPolicy: doc,
            keyArn: keyArn(target),
            principal: session('aws', UNTRUSTED, 'Attacker'),
            action,
            identity: KMS_ALL,
            context,
          });
          if (d !== 'ImplicitlyDenied') throw new Error(`${def.id}/${mode}: untrusted ${action} with ${JSON.stringify(context)} → ${d}`);
        }
      }
    }
  });
});

describe('replica Region: each policy is rendered for its own Region', () => {
  const p: Partition = 'aws';
  const replica = targetFor(p, 'us-east-1');
  const spec = validateProperties(
    {
      ProjectCode: 'rep',
      PrimaryRegion: 'eu-west-1',
      KeyAdministratorArns: [role(p, OWNER, 'KeyAdmin')],
      Services: [
        { Service: 's3', MultiRegion: true },
        { Service: 'logs', MultiRegion: true },
      ],
    },
    replica,
  );
  test('via S3 in the replica Region → Allowed; primary Region host → ImplicitlyDenied', () => {
    const doc = policyOf(spec, 's3', replica);
    const ask = (r: string) =>
      decide({
        keyPolicy: doc,
        keyArn: keyArn(replica),
        principal: session(p, OWNER, 'Other'),
        action: 'kms:Decrypt',
        context: { 'kms:ViaService': `s3.${r}.amazonaws.com` },
      });
    expect(ask('us-east-1')).toBe('Allowed');
    expect(ask('eu-west-1')).toBe('ImplicitlyDenied');
  });
  test('Logs principal of the replica Region only', () => {
    const doc = policyOf(spec, 'logs', replica);
    const ask = (r: string) =>
      decide({
        keyPolicy: doc,
        keyArn: keyArn(replica),
        principal: `logs.${r}.amazonaws.com`,
        action: 'kms:GenerateDataKey',
        context: { 'kms:EncryptionContext:aws:logs:arn': `arn:aws:logs:${r}:${OWNER}:log-group:g` },
      });
    expect(ask('us-east-1')).toBe('Allowed');
    expect(ask('eu-west-1')).toBe('ImplicitlyDenied');
  });
  test('owner root keeps PutKeyPolicy in the replica policy; administrators may replicate', () => {
    const doc = policyOf(spec, 's3', replica);
    expect(decide({ keyPolicy: doc, keyArn: keyArn(replica), principal: root(p, OWNER), action: 'kms:PutKeyPolicy' })).toBe('Allowed');
    expect(
      decide({ keyPolicy: doc, keyArn: keyArn(replica), principal: session(p, OWNER, 'KeyAdmin'), action: 'kms:UpdatePrimaryRegion' }),
    ).toBe('Allowed');
  });
});

describe('AdditionalPolicyStatements: a Deny is honoured', () => {
  const p: Partition = 'aws';
  const target = targetFor(p);
  const spec = validateProperties(
    {
      ProjectCode: 'deny',
      KeyAdministratorArns: [role(p, OWNER, 'KeyAdmin')],
      Services: [
        {
          Service: 's3',
          AdditionalPolicyStatements: [
            {
              Sid: 'DenyDeletionExceptAdmin',
              Effect: 'Deny',
              Principal: { AWS: '*' },
              Action: ['kms:ScheduleKeyDeletion'],
              Resource: '*',
              Condition: { ArnNotEquals: { 'aws:PrincipalArn': 'arn:${AWS::Partition}:iam::${AWS::AccountId}:role/KeyAdmin' } },
            },
          ],
        },
      ],
    },
    target,
  );
  const doc = policyOf(spec, 's3', target);
  test('other role with IAM kms:* → ExplicitlyDenied', () =>
    expect(
      decide({
        keyPolicy: doc,
        keyArn: keyArn(target),
        principal: session(p, OWNER, 'Other'),
        action: 'kms:ScheduleKeyDeletion',
        identity: KMS_ALL,
      }),
    ).toBe('ExplicitlyDenied'));
  test('administrator is exempt → Allowed', () =>
    expect(
      decide({ keyPolicy: doc, keyArn: keyArn(target), principal: session(p, OWNER, 'KeyAdmin'), action: 'kms:ScheduleKeyDeletion' }),
    ).toBe('Allowed'));
});

test('pin: the simulator does not evaluate aws-cn (.amazonaws.com.cn) service principals yet', () => {
  const target = targetFor('aws-cn');
  const doc = policyOf(matrixSpec('aws-cn'), 'logs', target);
  expect(JSON.stringify(doc)).toContain('"logs.cn-north-1.amazonaws.com.cn"');
  const d = decide({
    keyPolicy: doc,
    keyArn: keyArn(target),
    principal: 'logs.cn-north-1.amazonaws.com.cn',
    action: 'kms:GenerateDataKey',
    context: { 'kms:EncryptionContext:aws:logs:arn': `arn:aws-cn:logs:cn-north-1:${OWNER}:log-group:app` },
  });
  // If this flips to Allowed, iam-simulate handles the aws-cn suffix: drop needsCnServicePrincipal.
  expect(d).toBe('ImplicitlyDenied');
});

test("control: the reference solution's open MWAA statement is exploitable, so the oracle can see this bug class", () => {
  const target = targetFor('aws');
  const referenceStyle: PolicyDocument = {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'ReferenceMwaaSqs',
        Effect: 'Allow',
        Principal: { AWS: '*' },
        Action: ['kms:Decrypt*', 'kms:GenerateDataKey*'],
        Resource: '*',
        Condition: { ArnLike: { 'kms:EncryptionContext:aws:sqs:arn': 'arn:aws:sqs:eu-west-1:*:airflow-celery-*' } },
      },
    ],
  };
  const context = { 'kms:EncryptionContext:aws:sqs:arn': 'arn:aws:sqs:eu-west-1:999999999999:airflow-celery-abc' };
  expect(
    decide({
      keyPolicy: referenceStyle,
      keyArn: keyArn(target),
      principal: session('aws', UNTRUSTED, 'Attacker'),
      action: 'kms:Decrypt',
      identity: KMS_ALL,
      context,
    }),
  ).toBe('Allowed');
  const ours = policyOf(matrixSpec('aws'), 'mwaa', target);
  expect(
    decide({
      keyPolicy: ours,
      keyArn: keyArn(target),
      principal: session('aws', UNTRUSTED, 'Attacker'),
      action: 'kms:Decrypt',
      identity: KMS_ALL,
      context,
    }),
  ).toBe('ImplicitlyDenied');
});

test('ElastiCache: grants through the dax host are allowed, as the ElastiCache guide requires (aws; not offered in aws-us-gov)', () => {
  const target = targetFor('aws');
  const spec = specFor('elasticache', 'single-account', 'aws');
  const doc = policyOf(spec, 'elasticache', target);
  const ask = (host: string) =>
    decide({
      keyPolicy: doc,
      keyArn: keyArn(target),
      principal: session('aws', OWNER, 'Other'),
      action: 'kms:CreateGrant',
      context: { ...via(host)('aws', target.region), ...GIFAR_TRUE },
    });
  expect(ask('dax')).toBe('Allowed');
  expect(ask('elasticache')).toBe('Allowed');
  expect(ask('memorydb')).toBe('ImplicitlyDenied');
});
