/**
 * Per service × access mode × partition: the rendered statements, asserted one by one (CDK style).
 * Expectations are written out here, independently of the catalog, so a catalog change shows up.
 */
import { SERVICE_CATALOG } from '../../resource-type/catalog';
import type { Partition, PolicyStatement } from '../../resource-type/core/types';
import { renderKeyPolicy, serializePolicy } from '../../resource-type/policy';
import { MODES, ORG, OWNER, PARTITIONS, REGION_OF, TRUSTED, role, root, specFor, targetFor, type Mode } from './fixtures';

const E = 'kms:Encrypt';
const D = 'kms:Decrypt';
const RE = 'kms:ReEncrypt*';
const GDK = 'kms:GenerateDataKey*';
const DK = 'kms:DescribeKey';
const CG = 'kms:CreateGrant';
const LG = 'kms:ListGrants';
const RVG = 'kms:RevokeGrant';
const RTG = 'kms:RetireGrant';
const USAGE = [D, DK, E, GDK, RE];
const LOGS_ACTIONS = ['kms:Decrypt*', 'kms:Describe*', 'kms:Encrypt*', GDK, RE];

interface Via {
  hosts: string[];
  actions: string[];
  grants?: string[];
  grantsUngated?: boolean;
  ec?: [string, string, (p: Partition, r: string, accounts: string[]) => string[]];
}
interface Sp {
  stem: string;
  regional?: boolean;
  actions: string[];
  sourceAccount?: boolean;
  ec?: [string, string, (p: Partition, r: string, accounts: string[]) => string[]];
}
interface Expect {
  via: Record<string, Via>;
  sp: Record<string, Sp>;
  users?: string[];
  cross?: string[];
  directGrants?: boolean;
}

const logGroups = (suffix: string) => (p: Partition, r: string, accounts: string[]) =>
  accounts.map((a) => `arn:${p}:logs:${r}:${a}:log-group:${suffix}`);

const EXPECTED: Record<string, Expect> = {
  s3: { via: { ViaS3: { hosts: ['s3'], actions: USAGE } }, sp: {} },
  ebs: { via: { ViaEc2: { hosts: ['ec2'], actions: USAGE, grants: [CG] } }, sp: {} },
  efs: { via: { ViaEfs: { hosts: ['elasticfilesystem'], actions: USAGE, grants: [CG] } }, sp: {} },
  rds: { via: { ViaRds: { hosts: ['rds'], actions: USAGE, grants: [CG, LG] } }, sp: {} },
  dynamodb: {
    via: { ViaDynamoDb: { hosts: ['dynamodb'], actions: USAGE, grants: [CG] } },
    sp: { DynamoDbService: { stem: 'dynamodb', actions: ['kms:Describe*', 'kms:Get*', 'kms:List*'] } },
  },
  lambda: { via: { ViaLambda: { hosts: ['lambda'], actions: USAGE, grants: [CG] } }, sp: {} },
  logs: {
    via: { ViaLogs: { hosts: ['logs'], actions: [D, GDK], ec: ['ArnLike', 'kms:EncryptionContext:aws:logs:arn', logGroups('*')] } },
    sp: {
      LogsService: {
        stem: 'logs',
        regional: true,
        actions: LOGS_ACTIONS,
        ec: ['ArnLike', 'kms:EncryptionContext:aws:logs:arn', logGroups('*')],
      },
    },
  },
  sns: { via: { ViaSns: { hosts: ['sns'], actions: [D, DK, GDK] } }, sp: {} },
  sqs: { via: { ViaSqs: { hosts: ['sqs'], actions: [D, DK, GDK] } }, sp: {} },
  backup: { via: { ViaBackup: { hosts: ['backup'], actions: [D, DK, GDK], grants: [CG] } }, sp: {} },
  ssm: { via: { ViaSsm: { hosts: ['ssm'], actions: [D, DK, E, GDK] } }, sp: {} },
  secretsmanager: { via: { ViaSecretsManager: { hosts: ['secretsmanager'], actions: [D, DK, GDK, RE], grants: [CG] } }, sp: {} },
  session: { via: {}, sp: {}, users: ['kms:GenerateDataKey'], cross: [D, 'kms:GenerateDataKey'], directGrants: false },
  kinesis: { via: { ViaKinesis: { hosts: ['kinesis'], actions: [D, DK, E, GDK] } }, sp: {} },
  glue: {
    via: {
      ViaGlue: { hosts: ['glue'], actions: [D, DK, E, GDK], grants: [CG] },
      ViaS3ForGlue: { hosts: ['s3'], actions: [D, DK, E, GDK] },
    },
    sp: {
      LogsServiceForGlue: {
        stem: 'logs',
        regional: true,
        actions: LOGS_ACTIONS,
        ec: ['ArnLike', 'kms:EncryptionContext:aws:logs:arn', logGroups('/aws-glue/*')],
      },
    },
  },
  mwaa: {
    via: {
      ViaSqsForMwaa: {
        hosts: ['sqs'],
        actions: [D, DK, E, GDK],
        ec: ['ArnLike', 'kms:EncryptionContext:aws:sqs:arn', (p, r) => [`arn:${p}:sqs:${r}:*:airflow-celery-*`]],
      },
      ViaS3ForMwaa: { hosts: ['s3'], actions: [D, DK, E, GDK] },
      ViaAirflow: { hosts: ['airflow'], actions: [DK], grants: [CG] },
    },
    sp: {
      LogsServiceForMwaa: {
        stem: 'logs',
        regional: true,
        actions: LOGS_ACTIONS,
        ec: ['ArnLike', 'kms:EncryptionContext:aws:logs:arn', logGroups('airflow-*')],
      },
    },
  },
  ecr: { via: { ViaEcr: { hosts: ['ecr'], actions: [DK, RTG], grants: [CG] } }, sp: {} },
  eks: { via: { ViaEks: { hosts: ['eks'], actions: [CG, DK], grantsUngated: true } }, sp: {} },
  cloudtrail: {
    via: {},
    sp: {
      CloudTrailEncrypt: {
        stem: 'cloudtrail',
        actions: [GDK],
        ec: ['StringLike', 'kms:EncryptionContext:aws:cloudtrail:arn', (p, _r, a) => a.map((x) => `arn:${p}:cloudtrail:*:${x}:trail/*`)],
      },
      CloudTrailDescribe: { stem: 'cloudtrail', actions: [DK] },
    },
    cross: [D, DK, 'kms:ReEncryptFrom'],
  },
  config: { via: {}, sp: { ConfigService: { stem: 'config', actions: [D, 'kms:GenerateDataKey'], sourceAccount: true } } },
  events: { via: {}, sp: { EventBridgeService: { stem: 'events', actions: [D, DK, 'kms:GenerateDataKey'], sourceAccount: true } } },
  firehose: { via: { ViaFirehose: { hosts: ['firehose'], actions: [D, DK, GDK], grants: [CG] } }, sp: {} },
  opensearch: { via: { ViaOpenSearch: { hosts: ['es'], actions: USAGE, grants: [CG, LG] } }, sp: {} },
  redshift: { via: { ViaRedshift: { hosts: ['redshift', 'redshift-serverless'], actions: USAGE, grants: [CG] } }, sp: {} },
  // ElastiCache guide: a ViaService condition must name both elasticache and dax.
  elasticache: { via: { ViaElastiCache: { hosts: ['elasticache', 'dax'], actions: USAGE, grants: [CG, LG] } }, sp: {} },
  stepfunctions: { via: { ViaStepFunctions: { hosts: ['states'], actions: [D, DK, GDK] } }, sp: {} },
  // X-Ray guide: configure = CreateGrant + DescribeKey, read traces = Decrypt; writes go through X-Ray's grant.
  xray: { via: { ViaXRay: { hosts: ['xray'], actions: [D, DK], grants: [CG] } }, sp: {} },
  // CodeArtifact's example key policy: only CreateGrant + DescribeKey through codeartifact.<region>.
  codeartifact: { via: { ViaCodeArtifact: { hosts: ['codeartifact'], actions: [DK], grants: [CG] } }, sp: {} },
  msk: { via: { ViaMsk: { hosts: ['kafka'], actions: [DK], grants: [CG] } }, sp: {} },
  athena: {
    via: { ViaAthena: { hosts: ['athena'], actions: [D, DK, E, GDK] }, ViaS3ForAthena: { hosts: ['s3'], actions: [D, DK, GDK] } },
    sp: {},
  },
};

const ADMIN_ACTIONS = [
  'kms:CancelKeyDeletion',
  'kms:CreateAlias',
  'kms:DeleteAlias',
  'kms:DescribeKey',
  'kms:DisableKey',
  'kms:DisableKeyRotation',
  'kms:EnableKey',
  'kms:EnableKeyRotation',
  'kms:GetKeyPolicy',
  'kms:GetKeyRotationStatus',
  'kms:ListAliases',
  'kms:ListGrants',
  'kms:ListKeyPolicies',
  'kms:ListKeyRotations',
  'kms:ListResourceTags',
  'kms:PutKeyPolicy',
  'kms:RevokeGrant',
  'kms:RotateKeyOnDemand',
  'kms:ScheduleKeyDeletion',
  'kms:TagResource',
  'kms:UntagResource',
  'kms:UpdateAlias',
  'kms:UpdateKeyDescription',
];
const CRYPTO = [E, D, RE, GDK, 'kms:GenerateDataKey', 'kms:ReEncryptFrom', 'kms:ReEncryptTo', 'kms:*'];

const asList = (v: string | readonly string[] | undefined): string[] => (v === undefined ? [] : typeof v === 'string' ? [v] : [...v]);
const sorted = (v: readonly string[]) => [...v].sort();

function find(statements: readonly PolicyStatement[], name: string): PolicyStatement {
  const st = statements.find((s) => s.Sid === `ServiceKmsKeys${name}`);
  if (!st) throw new Error(`statement ${name} missing; have ${statements.map((s) => s.Sid).join(', ')}`);
  return st;
}
const has = (statements: readonly PolicyStatement[], name: string) => statements.some((s) => s.Sid === `ServiceKmsKeys${name}`);
const principalPart = (p: Partition, stem: string, r: string, regional?: boolean) =>
  `${regional ? `${stem}.${r}` : stem}.amazonaws.com${p === 'aws-cn' && stem === 'logs' ? '.cn' : ''}`;

const SERVICES = Object.keys(EXPECTED);

test('the expectations cover every supported catalog service', () => {
  expect(sorted(SERVICES)).toEqual(sorted(SERVICE_CATALOG.filter((s) => !s.unsupportedReason).map((s) => s.id)));
});

describe.each(PARTITIONS)('partition %s', (p) => {
  const r = REGION_OF[p];
  describe.each(SERVICES)('%s', (service) => {
    const exp = EXPECTED[service]!;
    test.each(MODES)('%s mode', (mode: Mode) => {
      const target = targetFor(p);
      const extra = service === 'elasticache' && p === 'aws-us-gov' ? null : {};
      if (extra === null) return expect(() => specFor(service, mode, p)).toThrow(/no customer managed key option in partition aws-us-gov/);
      const spec = specFor(service, mode, p);
      const doc = renderKeyPolicy(spec, spec.services[0]!, target);
      const st = doc.Statement;
      const text = serializePolicy(doc);
      const callers = mode === 'via-service' ? [OWNER, TRUSTED] : [OWNER];

      // Partition: every ARN is built from the partition.
      for (const m of text.matchAll(/"arn:([a-z-]+):/g)) expect(m[1]).toBe(p);

      // Owner root: kms:* always, no condition.
      expect(find(st, 'OwnerAccountRoot')).toEqual({
        Sid: 'ServiceKmsKeysOwnerAccountRoot',
        Effect: 'Allow',
        Principal: { AWS: root(p, OWNER) },
        Action: 'kms:*',
        Resource: '*',
      });

      // Administrators: manage, never use; CreateGrant only for AWS resources.
      const admin = find(st, 'KeyAdministrators');
      expect(admin.Principal).toEqual({ AWS: role(p, OWNER, 'KeyAdmin') });
      expect(sorted(asList(admin.Action))).toEqual(sorted(ADMIN_ACTIONS));
      expect(admin.Condition).toBeUndefined();
      for (const c of [...CRYPTO, CG]) expect(asList(admin.Action)).not.toContain(c);
      expect(find(st, 'KeyAdministratorsGrants')).toEqual({
        Sid: 'ServiceKmsKeysKeyAdministratorsGrants',
        Effect: 'Allow',
        Principal: { AWS: role(p, OWNER, 'KeyAdmin') },
        Action: CG,
        Resource: '*',
        Condition: { Bool: { 'kms:GrantIsForAWSResource': 'true' } },
      });

      // Key users.
      const users = find(st, 'KeyUsers');
      expect(users.Principal).toEqual({ AWS: role(p, OWNER, 'AppRole') });
      expect(sorted(asList(users.Action))).toEqual(sorted(exp.users ?? USAGE));
      expect(has(st, 'KeyUsersGrants')).toBe(exp.directGrants !== false);
      if (exp.directGrants !== false) {
        expect(sorted(asList(find(st, 'KeyUsersGrants').Action))).toEqual([CG, LG, RVG]);
        expect(find(st, 'KeyUsersGrants').Condition).toEqual({ Bool: { 'kms:GrantIsForAWSResource': 'true' } });
      }

      // Trusted accounts (root delegation), present whenever TrustedAccountIds are listed.
      const trustedMode = mode === 'trusted-account' || mode === 'via-service';
      expect(has(st, 'TrustedAccounts')).toBe(trustedMode);
      if (trustedMode) {
        const t = find(st, 'TrustedAccounts');
        expect(t.Principal).toEqual({ AWS: root(p, TRUSTED) });
        expect(sorted(asList(t.Action))).toEqual(sorted(exp.cross ?? USAGE));
        expect(t.Condition).toBeUndefined();
        expect(has(st, 'TrustedAccountsGrants')).toBe(exp.directGrants !== false);
        if (exp.directGrants !== false)
          expect(find(st, 'TrustedAccountsGrants').Condition).toEqual({ Bool: { 'kms:GrantIsForAWSResource': 'true' } });
      }

      // Organization.
      expect(has(st, 'Organization')).toBe(mode === 'org');
      if (mode === 'org') {
        const o = find(st, 'Organization');
        expect(o.Principal).toEqual({ AWS: '*' });
        expect(o.Condition).toEqual({ StringEquals: { 'aws:PrincipalOrgID': ORG } });
        expect(sorted(asList(o.Action))).toEqual(sorted(exp.cross ?? USAGE));
      }

      // Through the service: ViaService in this Region, caller accounts.
      for (const [sid, via] of Object.entries(exp.via)) {
        const hosts = via.hosts.map((h) => `${h}.${r}.amazonaws.com`);
        const s = find(st, sid);
        expect(s.Principal).toEqual({ AWS: '*' });
        const expectedMain = via.grantsUngated ? via.actions : via.actions;
        expect(sorted(asList(s.Action))).toEqual(sorted(expectedMain));
        const cond: Record<string, Record<string, unknown>> = {
          StringEquals: {
            'kms:ViaService': hosts.length === 1 ? hosts[0] : sorted(hosts),
            'kms:CallerAccount': callers.length === 1 ? callers[0] : callers,
          },
        };
        if (via.ec)
          cond[via.ec[0]] = {
            ...(cond[via.ec[0]] ?? {}),
            [via.ec[1]]: (() => {
              const v = via.ec![2](p, r, callers);
              return v.length === 1 ? v[0] : sorted(v);
            })(),
          };
        expect(s.Condition).toEqual(cond);
        expect(has(st, `${sid}Grants`)).toBe(!!via.grants);
        if (via.grants) {
          const g = find(st, `${sid}Grants`);
          expect(sorted(asList(g.Action))).toEqual(sorted(via.grants));
          expect(g.Condition).toEqual({ ...cond, Bool: { 'kms:GrantIsForAWSResource': 'true' } });
        }
        expect(has(st, `${sid}Organization`)).toBe(mode === 'org');
        if (mode === 'org') {
          const so = find(st, `${sid}Organization`);
          expect((so.Condition as Record<string, Record<string, unknown>>).StringEquals).toEqual({
            'kms:ViaService': hosts.length === 1 ? hosts[0] : sorted(hosts),
            'aws:PrincipalOrgID': ORG,
          });
        }
      }
      if (service === 'eks') expect(JSON.stringify(find(st, 'ViaEks'))).not.toContain('GrantIsForAWSResource');

      // Service principals: partition-specific names, conditions.
      for (const [sid, sp] of Object.entries(exp.sp)) {
        const s = find(st, sid);
        expect(s.Principal).toEqual({ Service: principalPart(p, sp.stem, r, sp.regional) });
        expect(sorted(asList(s.Action))).toEqual(sorted(sp.actions));
        const cond: Record<string, Record<string, unknown>> = {};
        if (sp.sourceAccount) cond.StringEquals = { 'aws:SourceAccount': callers.length === 1 ? callers[0] : callers };
        if (sp.ec) {
          const v = sp.ec[2](p, r, callers);
          cond[sp.ec[0]] = { [sp.ec[1]]: v.length === 1 ? v[0] : sorted(v) };
        }
        expect(s.Condition ?? {}).toEqual(cond);
      }

      // Nothing else is generated.
      const expectedSids = new Set<string>(['OwnerAccountRoot', 'KeyAdministrators', 'KeyAdministratorsGrants', 'KeyUsers']);
      if (exp.directGrants !== false) expectedSids.add('KeyUsersGrants');
      if (trustedMode) {
        expectedSids.add('TrustedAccounts');
        if (exp.directGrants !== false) expectedSids.add('TrustedAccountsGrants');
      }
      if (mode === 'org') {
        expectedSids.add('Organization');
        if (exp.directGrants !== false) expectedSids.add('OrganizationGrants');
      }
      for (const [sid, via] of Object.entries(exp.via)) {
        expectedSids.add(sid);
        if (via.grants && !via.grantsUngated) expectedSids.add(`${sid}Grants`);
        if (mode === 'org') {
          expectedSids.add(`${sid}Organization`);
          if (via.grants && !via.grantsUngated) expectedSids.add(`${sid}OrganizationGrants`);
        }
      }
      for (const sid of Object.keys(exp.sp)) expectedSids.add(sid);
      expect(sorted(st.map((s) => s.Sid!.replace('ServiceKmsKeys', '')))).toEqual(sorted([...expectedSids]));

      // No statement open to everyone: Principal * always carries an account, org or ViaService condition.
      for (const s of st) {
        if (JSON.stringify(s.Principal) !== JSON.stringify({ AWS: '*' }) && s.Principal !== '*') continue;
        const keys = Object.values(s.Condition ?? {}).flatMap((b) => Object.keys(b));
        expect(keys.some((k) => ['kms:CallerAccount', 'aws:PrincipalOrgID', 'aws:PrincipalAccount'].includes(k))).toBe(true);
        expect(keys).toContain(
          s.Sid!.endsWith('Organization') || s.Sid!.endsWith('OrganizationGrants') ? 'aws:PrincipalOrgID' : 'kms:CallerAccount',
        );
      }
    });
  });
});

test('multi-Region keys give administrators ReplicateKey and UpdatePrimaryRegion, and only then', () => {
  const single = specFor('s3', 'single-account', 'aws');
  const mr = specFor('s3', 'single-account', 'aws', { MultiRegion: true });
  const t = targetFor('aws');
  const adminOf = (spec: typeof single) => asList(find(renderKeyPolicy(spec, spec.services[0]!, t).Statement, 'KeyAdministrators').Action);
  expect(adminOf(single)).not.toContain('kms:ReplicateKey');
  expect(adminOf(mr)).toEqual(expect.arrayContaining(['kms:ReplicateKey', 'kms:UpdatePrimaryRegion']));
});

test('DynamoDB global tables use StringLike dynamodb.*.amazonaws.com', () => {
  const spec = specFor('dynamodb', 'single-account', 'aws', { GlobalTables: true });
  const s = find(renderKeyPolicy(spec, spec.services[0]!, targetFor('aws')).Statement, 'ViaDynamoDb');
  expect(s.Condition).toEqual({
    StringLike: { 'kms:ViaService': 'dynamodb.*.amazonaws.com' },
    StringEquals: { 'kms:CallerAccount': OWNER },
  });
});

test('EBS AutoScalingGrants: trusted roots may grant only to their Auto Scaling / Spot service-linked roles', () => {
  const spec = specFor('ebs', 'trusted-account', 'aws-us-gov', { AutoScalingGrants: true });
  const s = find(renderKeyPolicy(spec, spec.services[0]!, targetFor('aws-us-gov')).Statement, 'TrustedAccountsAutoScalingGrants');
  expect(s).toEqual({
    Sid: 'ServiceKmsKeysTrustedAccountsAutoScalingGrants',
    Effect: 'Allow',
    Principal: { AWS: root('aws-us-gov', TRUSTED) },
    Action: CG,
    Resource: '*',
    Condition: {
      StringEquals: {
        'kms:GranteePrincipal': [
          `arn:aws-us-gov:iam::${TRUSTED}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling`,
          `arn:aws-us-gov:iam::${TRUSTED}:role/aws-service-role/spot.amazonaws.com/AWSServiceRoleForEC2Spot`,
        ],
      },
    },
  });
});

test('session: node roles get Decrypt only; no ViaService statement', () => {
  const spec = specFor('session', 'single-account', 'aws', { NodeRoleArns: [role('aws', OWNER, 'Node')] });
  const st = renderKeyPolicy(spec, spec.services[0]!, targetFor('aws')).Statement;
  expect(find(st, 'NodeRoles')).toEqual({
    Sid: 'ServiceKmsKeysNodeRoles',
    Effect: 'Allow',
    Principal: { AWS: role('aws', OWNER, 'Node') },
    Action: D,
    Resource: '*',
  });
  expect(JSON.stringify(st)).not.toContain('kms:ViaService');
});

describe('event sources (SNS/SQS) carry source conditions', () => {
  test('SNS: s3 requires SourceAccount and SourceArns; events only when present', () => {
    const arnS3 = 'arn:aws:s3:::my-bucket';
    const spec = specFor('sns', 'single-account', 'aws', { EventSourceServices: ['s3', 'events'], SourceArns: [arnS3] });
    const st = renderKeyPolicy(spec, spec.services[0]!, targetFor('aws')).Statement;
    expect(find(st, 'EventSourceS3')).toEqual({
      Sid: 'ServiceKmsKeysEventSourceS3',
      Effect: 'Allow',
      Principal: { Service: 's3.amazonaws.com' },
      Action: [D, GDK],
      Resource: '*',
      Condition: { StringEquals: { 'aws:SourceAccount': OWNER }, ArnLike: { 'aws:SourceArn': arnS3 } },
    });
    expect(find(st, 'EventSourceEvents').Condition).toEqual({
      StringEqualsIfExists: { 'aws:SourceAccount': OWNER },
      ArnLikeIfExists: { 'aws:SourceArn': arnS3 },
    });
  });
  test('SQS: sns source in aws-cn uses the general suffix', () => {
    const spec = specFor('sqs', 'via-service', 'aws-cn', { EventSourceServices: ['sns'] });
    const s = find(renderKeyPolicy(spec, spec.services[0]!, targetFor('aws-cn')).Statement, 'EventSourceSns');
    expect(s.Principal).toEqual({ Service: 'sns.amazonaws.com' });
    expect(s.Condition).toEqual({ StringEquals: { 'aws:SourceAccount': [OWNER, TRUSTED] } });
  });
});

test('OU paths narrow the organization statements', () => {
  const path = `${ORG}/r-ab12/ou-ab12-11111111/*`;
  const spec = specFor('s3', 'org', 'aws', {});
  const withPaths = { ...spec, trustedOrganizationalUnitPaths: [path] };
  const st = renderKeyPolicy(withPaths, withPaths.services[0]!, targetFor('aws')).Statement;
  expect(find(st, 'Organization').Condition).toEqual({
    StringEquals: { 'aws:PrincipalOrgID': ORG },
    'ForAnyValue:StringLike': { 'aws:PrincipalOrgPaths': path },
  });
});
