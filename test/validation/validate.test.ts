/** One test per validation rule, each checking the exact property named in the error. */
import { ValidationError, type ValidationIssue } from '../../resource-type/core/errors';
import type { DeploymentTarget } from '../../resource-type/core/types';
import { validateProperties } from '../../resource-type/validation';

const target: DeploymentTarget = { accountId: '111111111111', region: 'eu-west-1', partition: 'aws' };
const ADMIN = 'arn:aws:iam::111111111111:role/KeyAdmin';
const valid = (extra: Record<string, unknown> = {}, service: Record<string, unknown> = {}) => ({
  ProjectCode: 'app',
  KeyAdministratorArns: [ADMIN],
  Services: [{ Service: 's3', ...service }],
  ...extra,
});

function issuesOf(props: Record<string, unknown>, t: DeploymentTarget = target): ValidationIssue[] {
  try {
    validateProperties(props, t);
  } catch (error) {
    if (error instanceof ValidationError) return [...error.issues];
    throw error;
  }
  throw new Error('expected a ValidationError');
}

function expectIssue(props: Record<string, unknown>, property: string, message: RegExp, t: DeploymentTarget = target): void {
  const issues = issuesOf(props, t);
  const hit = issues.find((i) => i.property === property);
  if (!hit) throw new Error(`no issue for ${property}; got ${JSON.stringify(issues)}`);
  expect(hit.message).toMatch(message);
}

describe('defaults and coercion', () => {
  test('defaults from the schema and the catalog', () => {
    const spec = validateProperties(valid(), target);
    expect(spec).toMatchObject({
      projectCode: 'app',
      pendingWindowInDays: 30,
      crossAccountAccessViaService: false,
      trustedAccountIds: [],
      keyUserArns: [],
      tags: [],
    });
    expect(spec.services[0]).toMatchObject({
      service: 's3',
      enabled: true,
      enableKeyRotation: true,
      rotationPeriodInDays: 365,
      multiRegion: false,
      globalTables: false,
      autoScalingGrants: false,
      description: 'KMS key for Amazon S3 server-side encryption (SSE-KMS)',
      additionalPolicyStatements: [],
      eventSourceServices: [],
    });
  });
  test('integers and booleans as strings (custom resource)', () => {
    const spec = validateProperties(
      valid(
        { PendingWindowInDays: '7', CrossAccountAccessViaService: 'true', TrustedAccountIds: ['222222222222'] },
        { RotationPeriodInDays: '90', Enabled: 'false', MultiRegion: 'TRUE' },
      ),
      target,
    );
    expect(spec.pendingWindowInDays).toBe(7);
    expect(spec.crossAccountAccessViaService).toBe(true);
    expect(spec.services[0]).toMatchObject({ rotationPeriodInDays: 90, enabled: false, multiRegion: true });
  });
  test('the owner account is dropped from TrustedAccountIds (one StackSet list for all accounts)', () => {
    expect(validateProperties(valid({ TrustedAccountIds: ['111111111111', '222222222222'] }), target).trustedAccountIds).toEqual([
      '222222222222',
    ]);
  });
  test('Keys (read-only output) and ServiceToken are ignored', () => {
    expect(() =>
      validateProperties(valid({ Keys: { KeyArns: {} }, ServiceToken: 'arn:aws:lambda:eu-west-1:111111111111:function:x' }), target),
    ).not.toThrow();
  });
  test('all problems are reported at once', () => {
    const issues = issuesOf({ ProjectCode: 'aws', KeyAdministratorArns: ['nope'], PendingWindowInDays: 3, Services: [{ Service: 'acm' }] });
    expect(issues.map((i) => i.property).sort()).toEqual([
      'KeyAdministratorArns/0',
      'PendingWindowInDays',
      'ProjectCode',
      'Services/0/Service',
    ]);
  });
});

describe('top level', () => {
  test('unknown property', () => expectIssue(valid({ Foo: 1 }), 'Foo', /is not a property of Org::Security::ServiceKmsKeys/));
  test('ProjectCode required', () =>
    expectIssue({ KeyAdministratorArns: [ADMIN], Services: [{ Service: 's3' }] }, 'ProjectCode', /is required/));
  test('ProjectCode charset', () => expectIssue(valid({ ProjectCode: 'a/b' }), 'ProjectCode', /1-64 letters, digits, _ or -/));
  test('ProjectCode aws is reserved', () => expectIssue(valid({ ProjectCode: 'AWS' }), 'ProjectCode', /alias\/aws\/ is reserved/));
  test('KeyAdministratorArns required', () =>
    expectIssue({ ProjectCode: 'a', Services: [{ Service: 's3' }] }, 'KeyAdministratorArns', /is required/));
  test('KeyAdministratorArns not empty', () => expectIssue(valid({ KeyAdministratorArns: [] }), 'KeyAdministratorArns', /at least one/));
  test('administrator ARN format', () =>
    expectIssue(valid({ KeyAdministratorArns: ['arn:aws:iam::1111:role/x'] }), 'KeyAdministratorArns/0', /not an IAM principal ARN/));
  test('administrator in another partition', () =>
    expectIssue(
      valid({ KeyAdministratorArns: ['arn:aws-us-gov:iam::111111111111:role/A'] }),
      'KeyAdministratorArns/0',
      /partition aws-us-gov .* same partition/,
    ));
  test('administrator in another account', () =>
    expectIssue(
      valid({ KeyAdministratorArns: ['arn:aws:iam::222222222222:role/A'] }),
      'KeyAdministratorArns/0',
      /only from the key's own account 111111111111/,
    ));
  test('duplicate administrator', () =>
    expectIssue(valid({ KeyAdministratorArns: [ADMIN, ADMIN] }), 'KeyAdministratorArns/1', /listed twice/));
  test('key user partition', () =>
    expectIssue(valid({ KeyUserArns: ['arn:aws-cn:iam::222222222222:role/U'] }), 'KeyUserArns/0', /partition aws-cn/));
  test('trusted account format', () => expectIssue(valid({ TrustedAccountIds: ['12345'] }), 'TrustedAccountIds/0', /12-digit/));
  test('too many trusted accounts', () =>
    expectIssue(
      valid({ TrustedAccountIds: Array.from({ length: 501 }, (_, i) => String(200000000000 + i)) }),
      'TrustedAccountIds',
      /at most 500/,
    ));
  test('organization id format', () =>
    expectIssue(valid({ TrustedOrganizationId: 'o-ABC' }), 'TrustedOrganizationId', /o- followed by 10-32/));
  test('OU path needs the organization', () =>
    expectIssue(
      valid({ TrustedOrganizationalUnitPaths: ['o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/'] }),
      'TrustedOrganizationalUnitPaths/0',
      /needs TrustedOrganizationId/,
    ));
  test('OU path must start with the organization', () =>
    expectIssue(
      valid({ TrustedOrganizationId: 'o-zzzzzzzzzz', TrustedOrganizationalUnitPaths: ['o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/'] }),
      'TrustedOrganizationalUnitPaths/0',
      /must start with the TrustedOrganizationId "o-zzzzzzzzzz\/"/,
    ));
  test('OU path format', () =>
    expectIssue(
      valid({ TrustedOrganizationId: 'o-a1b2c3d4e5', TrustedOrganizationalUnitPaths: ['ou-1'] }),
      'TrustedOrganizationalUnitPaths/0',
      /must be an OU path/,
    ));
  test('CrossAccountAccessViaService type', () =>
    expectIssue(valid({ CrossAccountAccessViaService: 'yes' }), 'CrossAccountAccessViaService', /must be a boolean/));
  test('PendingWindowInDays range', () => expectIssue(valid({ PendingWindowInDays: 31 }), 'PendingWindowInDays', /from 7 to 30/));
  test('PendingWindowInDays integer', () =>
    expectIssue(valid({ PendingWindowInDays: '7.5' }), 'PendingWindowInDays', /integer from 7 to 30/));
  test('PrimaryRegion format', () => expectIssue(valid({ PrimaryRegion: 'Europe' }), 'PrimaryRegion', /Region name/));
  test('ISO and sovereign-cloud Regions are not supported (no partition table entry), as PrimaryRegion or as the target', () => {
    expectIssue(valid({ PrimaryRegion: 'us-iso-east-1' }), 'PrimaryRegion', /Region name/);
    for (const region of ['us-iso-east-1', 'us-isob-east-1', 'eusc-de-east-1']) {
      expectIssue(valid(), '(target)', /supports aws, aws-cn and aws-us-gov Regions only/, { ...target, region });
    }
  });
  test('PrimaryRegion in another partition', () =>
    expectIssue(valid({ PrimaryRegion: 'cn-north-1' }), 'PrimaryRegion', /partition aws-cn.*within a partition/));
  test('Services required', () => expectIssue({ ProjectCode: 'a', KeyAdministratorArns: [ADMIN] }, 'Services', /is required/));
  test('target Region and partition must agree', () =>
    expectIssue(valid(), '(target)', /in partition aws-us-gov, not aws/, { ...target, region: 'us-gov-west-1' }));
});

describe('tags', () => {
  test('aws: prefix reserved', () => expectIssue(valid({ Tags: [{ Key: 'aws:cost', Value: 'x' }] }), 'Tags/0/Key', /"aws:".*reserves/));
  test('ownership prefix reserved', () =>
    expectIssue(
      valid({}, { Tags: [{ Key: 'servicekmskeys:project', Value: 'x' }] }),
      'Services/0/Tags/0/Key',
      /reserves for its ownership tags/,
    ));
  test('key length', () => expectIssue(valid({ Tags: [{ Key: 'k'.repeat(129), Value: 'x' }] }), 'Tags/0/Key', /1-128 characters/));
  test('value length', () => expectIssue(valid({ Tags: [{ Key: 'k', Value: 'v'.repeat(257) }] }), 'Tags/0/Value', /0-256 characters/));
  test('duplicate key', () =>
    expectIssue(
      valid({
        Tags: [
          { Key: 'a', Value: '1' },
          { Key: 'a', Value: '2' },
        ],
      }),
      'Tags/1/Key',
      /used twice/,
    ));
  test('charset', () => expectIssue(valid({ Tags: [{ Key: 'a#b', Value: '1' }] }), 'Tags/0/Key', /only letters, digits/));
  test('at most 50 per key including per-key tags and the 3 ownership tags', () => {
    const setTags = Array.from({ length: 40 }, (_, i) => ({ Key: `s${i}`, Value: 'v' }));
    const keyTags = Array.from({ length: 8 }, (_, i) => ({ Key: `k${i}`, Value: 'v' }));
    expectIssue(valid({ Tags: setTags }, { Tags: keyTags }), 'Services/0/Tags', /would carry 51 tags .*KMS allows 50/);
    expect(() => validateProperties(valid({ Tags: setTags }, { Tags: keyTags.slice(0, 7) }), target)).not.toThrow();
    // A per-key tag overriding a set tag counts once.
    expect(() =>
      validateProperties(valid({ Tags: setTags }, { Tags: [...keyTags.slice(0, 7), { Key: 's0', Value: 'other' }] }), target),
    ).not.toThrow();
  });
});

describe('services', () => {
  test('unknown service', () =>
    expectIssue(valid({}, { Service: 'sagemaker' }), 'Services/0/Service', /not a supported service; use one of: s3, ebs/));
  test('acm is rejected with an explanation', () =>
    expectIssue(valid({}, { Service: 'acm' }), 'Services/0/Service', /no customer managed key option.*aws\/acm/));
  test('duplicate service', () =>
    expectIssue(valid({ Services: [{ Service: 's3' }, { Service: 's3' }] }), 'Services/1/Service', /listed twice \(also Services\/0\)/));
  test('unknown service property', () => expectIssue(valid({}, { Colour: 'red' }), 'Services/0/Colour', /not a property of a service key/));
  test('RotationPeriodInDays range', () =>
    expectIssue(valid({}, { RotationPeriodInDays: 89 }), 'Services/0/RotationPeriodInDays', /from 90 to 2560/));
  test('Description length', () => expectIssue(valid({}, { Description: 'd'.repeat(8193) }), 'Services/0/Description', /at most 8192/));
  test('MWAA cannot be multi-Region', () =>
    expectIssue(valid({}, { Service: 'mwaa', MultiRegion: true }), 'Services/0/MultiRegion', /does not support multi-Region keys/));
  test('ElastiCache is not offered in GovCloud', () =>
    expectIssue(
      valid({ KeyAdministratorArns: ['arn:aws-us-gov:iam::111111111111:role/A'] }, { Service: 'elasticache' }),
      'Services/0/Service',
      /no customer managed key option in partition aws-us-gov/,
      { ...target, region: 'us-gov-west-1', partition: 'aws-us-gov' },
    ));
  test('EventSourceServices only on sns/sqs', () =>
    expectIssue(valid({}, { EventSourceServices: ['s3'] }), 'Services/0/EventSourceServices', /only sns, sqs take EventSourceServices/));
  test('EventSourceServices values from the catalog', () =>
    expectIssue(
      valid({}, { Service: 'sqs', EventSourceServices: ['cloudwatch'] }),
      'Services/0/EventSourceServices/0',
      /allowed: events, s3, sns/,
    ));
  test('NodeRoleArns only on session', () =>
    expectIssue(
      valid({}, { NodeRoleArns: ['arn:aws:iam::111111111111:role/N'] }),
      'Services/0/NodeRoleArns',
      /only session take NodeRoleArns/,
    ));
  test('GlobalTables only on dynamodb', () =>
    expectIssue(valid({}, { GlobalTables: true }), 'Services/0/GlobalTables', /only dynamodb take GlobalTables/));
  test('AutoScalingGrants only on ebs', () =>
    expectIssue(valid({}, { AutoScalingGrants: 'true' }), 'Services/0/AutoScalingGrants', /only ebs take AutoScalingGrants/));
  test('AutoScalingGrants needs trusted accounts', () =>
    expectIssue(valid({}, { Service: 'ebs', AutoScalingGrants: true }), 'Services/0/AutoScalingGrants', /needs TrustedAccountIds/));
  test('GlobalTables false is fine anywhere', () =>
    expect(() => validateProperties(valid({}, { GlobalTables: false }), target)).not.toThrow());
  test('SourceArns only where a service principal uses them', () =>
    expectIssue(valid({}, { SourceArns: ['arn:aws:s3:::b'] }), 'Services/0/SourceArns', /take SourceArns/));
  test('SourceArns partition', () =>
    expectIssue(valid({}, { Service: 'sns', SourceArns: ['arn:aws-cn:s3:::b'] }), 'Services/0/SourceArns/0', /partition aws-cn/));
  test('SourceArns allowed on cloudtrail', () =>
    expect(() =>
      validateProperties(valid({}, { Service: 'cloudtrail', SourceArns: ['arn:aws:cloudtrail:eu-west-1:111111111111:trail/org'] }), target),
    ).not.toThrow());
  test('replica key sets need MultiRegion on every service, disabled ones too', () => {
    expectIssue(
      valid({ PrimaryRegion: 'us-east-1', Services: [{ Service: 's3', MultiRegion: true }, { Service: 'logs' }] }),
      'Services/1/MultiRegion',
      /replica key set \(PrimaryRegion us-east-1 differs from eu-west-1\)/,
    );
    // A disabled key is replicated too (then disabled), so it needs MultiRegion: true like the others.
    expectIssue(
      valid({
        PrimaryRegion: 'us-east-1',
        Services: [
          { Service: 's3', MultiRegion: true },
          { Service: 'logs', Enabled: false },
        ],
      }),
      'Services/1/MultiRegion',
      /disabled ones too\. Set MultiRegion: true for logs, as in the primary key set/,
    );
    expect(() =>
      validateProperties(
        valid({
          PrimaryRegion: 'us-east-1',
          Services: [
            { Service: 's3', MultiRegion: true },
            { Service: 'logs', Enabled: false, MultiRegion: true },
          ],
        }),
        target,
      ),
    ).not.toThrow();
    expect(() => validateProperties(valid({ PrimaryRegion: 'eu-west-1' }), target)).not.toThrow();
  });
});

describe('KeyPolicy and AdditionalPolicyStatements shape', () => {
  test('KeyPolicy invalid JSON text', () =>
    expectIssue(valid({}, { KeyPolicy: '{"Version": ' }), 'Services/0/KeyPolicy', /not valid JSON/));
  test('KeyPolicy Version', () =>
    expectIssue(
      valid({}, { KeyPolicy: { Version: '2008-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 'kms:*' }] } }),
      'Services/0/KeyPolicy/Version',
      /"2012-10-17"/,
    ));
  test('KeyPolicy without statements', () =>
    expectIssue(
      valid({}, { KeyPolicy: { Version: '2012-10-17', Statement: [] } }),
      'Services/0/KeyPolicy/Statement',
      /at least one statement/,
    ));
  test('statement needs Principal', () =>
    expectIssue(
      valid({}, { AdditionalPolicyStatements: [{ Sid: 'x', Effect: 'Allow', Action: 'kms:Decrypt' }] }),
      'Services/0/AdditionalPolicyStatements/0/Principal',
      /exactly one of Principal or NotPrincipal/,
    ));
  test('statement Effect', () =>
    expectIssue(
      valid({}, { AdditionalPolicyStatements: [{ Sid: 'x', Effect: 'allow', Principal: '*', Action: 'kms:Decrypt' }] }),
      'Services/0/AdditionalPolicyStatements/0/Effect',
      /"Allow" or "Deny"/,
    ));
  test('statement actions are KMS actions', () =>
    expectIssue(
      valid({}, { AdditionalPolicyStatements: [{ Sid: 'x', Effect: 'Allow', Principal: '*', Action: ['s3:GetObject'] }] }),
      'Services/0/AdditionalPolicyStatements/0/Action/0',
      /KMS action/,
    ));
  test('statement Sid required and well-formed', () =>
    expectIssue(
      valid({}, { AdditionalPolicyStatements: [{ Sid: 'a/b', Effect: 'Allow', Principal: '*', Action: 'kms:Decrypt' }] }),
      'Services/0/AdditionalPolicyStatements/0/Sid',
      /letters, digits, spaces/,
    ));
  test('duplicate Sids', () =>
    expectIssue(
      valid(
        {},
        {
          AdditionalPolicyStatements: [
            { Sid: 'a', Effect: 'Allow', Principal: { AWS: ADMIN }, Action: 'kms:DescribeKey' },
            { Sid: 'a', Effect: 'Allow', Principal: { AWS: ADMIN }, Action: 'kms:DescribeKey' },
          ],
        },
      ),
      'Services/0/AdditionalPolicyStatements/1/Sid',
      /used by two statements/,
    ));
  test('reserved Sid prefix', () =>
    expectIssue(
      valid(
        {},
        {
          AdditionalPolicyStatements: [
            { Sid: 'ServiceKmsKeysMine', Effect: 'Allow', Principal: { AWS: ADMIN }, Action: 'kms:DescribeKey' },
          ],
        },
      ),
      'Services/0/AdditionalPolicyStatements/0/Sid',
      /reserved for generated statements/,
    ));
  test('condition shape', () =>
    expectIssue(
      valid(
        {},
        {
          AdditionalPolicyStatements: [
            { Sid: 'c', Effect: 'Allow', Principal: { AWS: ADMIN }, Action: 'kms:DescribeKey', Condition: { StringEquals: 'x' } },
          ],
        },
      ),
      'Services/0/AdditionalPolicyStatements/0/Condition/StringEquals',
      /condition keys/,
    ));
  test('unknown statement field', () =>
    expectIssue(
      valid(
        {},
        { AdditionalPolicyStatements: [{ Sid: 'c', Effect: 'Allow', Principal: { AWS: ADMIN }, Action: 'kms:DescribeKey', Foo: 1 }] },
      ),
      'Services/0/AdditionalPolicyStatements/0/Foo',
      /not a statement field/,
    ));
  test('too many statements', () =>
    expectIssue(
      valid(
        {},
        {
          AdditionalPolicyStatements: Array.from({ length: 51 }, (_, i) => ({
            Sid: `s${i}`,
            Effect: 'Allow',
            Principal: { AWS: ADMIN },
            Action: 'kms:DescribeKey',
          })),
        },
      ),
      'Services/0/AdditionalPolicyStatements',
      /at most 50/,
    ));
});

test('messages name the property, the value and what is allowed', () => {
  try {
    validateProperties(valid({ PendingWindowInDays: 99 }), target);
  } catch (error) {
    expect((error as Error).message).toBe('Invalid input: PendingWindowInDays = 99: must be from 7 to 30.');
    expect((error as ValidationError).code).toBe('InvalidRequest');
  }
  expect.assertions(2);
});

test('principal ARNs in AdditionalPolicyStatements must be in the target partition', () =>
  expectIssue(
    valid(
      {},
      {
        AdditionalPolicyStatements: [
          { Sid: 'x', Effect: 'Allow', Principal: { AWS: 'arn:aws-cn:iam::111111111111:role/R' }, Action: 'kms:Decrypt' },
        ],
      },
    ),
    'Services/0/AdditionalPolicyStatements',
    /partition aws-cn, but the s3 key is in aws/,
  ));

test('numeric account ids are refused with a hint to quote them', () =>
  expectIssue(valid({ TrustedAccountIds: [22222222222] }), 'TrustedAccountIds/0', /quote it \(numbers lose leading zeros/));
