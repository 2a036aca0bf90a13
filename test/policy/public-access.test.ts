/**
 * No key policy may open a key to every AWS account: every generated policy (service × access mode
 * × partition × service options) is checked with publicStatements, the checker is shown to catch
 * the bug class, and the validator refuses such statements from users.
 */
import { SERVICE_CATALOG } from '../../resource-type/catalog';
import { ValidationError } from '../../resource-type/core/errors';
import type { PolicyStatement } from '../../resource-type/core/types';
import { publicStatements, renderKeyPolicy } from '../../resource-type/policy';
import { validateProperties } from '../../resource-type/validation';
import { MODES, ORG, OWNER, PARTITIONS, TRUSTED, role, specFor, targetFor } from './fixtures';

const allow = (extra: Partial<PolicyStatement>): PolicyStatement => ({
  Sid: 'X',
  Effect: 'Allow',
  Principal: { AWS: '*' },
  Action: 'kms:Decrypt',
  Resource: '*',
  ...extra,
});
const VIA_S3 = { 'kms:ViaService': 's3.eu-west-1.amazonaws.com' };

describe('publicStatements', () => {
  test.each<[string, PolicyStatement]>([
    ['Principal "*" without condition', allow({ Principal: '*' })],
    ['{"AWS": "*"} without condition', allow({})],
    ['{"AWS": ["arn:...:role/A", "*"]}', allow({ Principal: { AWS: [role('aws', OWNER, 'A'), '*'] } })],
    ['ViaService only (the reference MWAA/ACM bug class)', allow({ Condition: { StringEquals: VIA_S3 } })],
    [
      'encryption context only',
      allow({ Condition: { ArnLike: { 'kms:EncryptionContext:aws:sqs:arn': 'arn:aws:sqs:eu-west-1:*:airflow-celery-*' } } }),
    ],
    ['CallerAccount "*"', allow({ Condition: { StringLike: { 'kms:CallerAccount': '*' } } })],
    ['CallerAccount …IfExists', allow({ Condition: { StringEqualsIfExists: { 'kms:CallerAccount': OWNER } } })],
    ['CallerAccount negated', allow({ Condition: { StringNotEquals: { 'kms:CallerAccount': OWNER } } })],
    [
      'ForAllValues on the org id (vacuous when absent)',
      allow({ Condition: { 'ForAllValues:StringEquals': { 'aws:PrincipalOrgID': ORG } } }),
    ],
    ['PrincipalOrgID "o-*"', allow({ Condition: { StringLike: { 'aws:PrincipalOrgID': 'o-*' } } })],
    ['PrincipalArn in any account', allow({ Condition: { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/App' } } })],
    ['one of several CallerAccount values is a wildcard', allow({ Condition: { StringLike: { 'kms:CallerAccount': [OWNER, '*'] } } })],
    [
      'Allow with NotPrincipal',
      { Sid: 'X', Effect: 'Allow', NotPrincipal: { AWS: role('aws', OWNER, 'A') }, Action: 'kms:Decrypt', Resource: '*' },
    ],
  ])('public: %s', (_name, st) => {
    expect(publicStatements([st])).toEqual([st]);
  });

  test.each<[string, PolicyStatement]>([
    ['ViaService + CallerAccount', allow({ Condition: { StringEquals: { ...VIA_S3, 'kms:CallerAccount': [OWNER, TRUSTED] } } })],
    ['PrincipalOrgID', allow({ Condition: { StringEquals: { 'aws:PrincipalOrgID': ORG } } })],
    ['PrincipalOrgPaths under the org', allow({ Condition: { 'ForAnyValue:StringLike': { 'aws:PrincipalOrgPaths': `${ORG}/r-ab12/*` } } })],
    ['PrincipalAccount', allow({ Condition: { StringEquals: { 'aws:PrincipalAccount': OWNER } } })],
    ['PrincipalArn of one account', allow({ Condition: { ArnLike: { 'aws:PrincipalArn': `arn:aws:iam::${OWNER}:role/*` } } })],
    ['a named principal', allow({ Principal: { AWS: role('aws', OWNER, 'A') } })],
    ['a service principal', allow({ Principal: { Service: 'logs.eu-west-1.amazonaws.com' } })],
    ['a Deny for everyone', { Sid: 'X', Effect: 'Deny', Principal: '*', Action: 'kms:ScheduleKeyDeletion', Resource: '*' }],
    [
      'a Deny with NotPrincipal',
      { Sid: 'X', Effect: 'Deny', NotPrincipal: { AWS: role('aws', OWNER, 'A') }, Action: 'kms:PutKeyPolicy', Resource: '*' },
    ],
  ])('not public: %s', (_name, st) => {
    expect(publicStatements([st])).toEqual([]);
  });
});

/** Every option a service takes, switched on, so option-only statements are covered too. */
function optionsFor(id: string): Record<string, unknown> {
  const def = SERVICE_CATALOG.find((s) => s.id === id)!;
  const extra: Record<string, unknown> = {};
  if (def.eventSources.length > 0) extra.EventSourceServices = def.eventSources.map((e) => e.id);
  if (def.options.includes('GlobalTables')) extra.GlobalTables = true;
  if (def.options.includes('NodeRoleArns')) extra.NodeRoleArns = ['NODE'];
  return extra;
}

describe.each(PARTITIONS)('no generated statement is public in %s', (p) => {
  const services = SERVICE_CATALOG.filter((s) => !s.unsupportedReason && !(s.unavailableIn ?? []).includes(p));
  test.each(MODES)('%s mode: every service, with and without its options', (mode) => {
    const target = targetFor(p);
    let checked = 0;
    for (const def of services) {
      const withOptions = JSON.parse(
        JSON.stringify(optionsFor(def.id)).replace('"NODE"', JSON.stringify(role(p, OWNER, 'Node'))),
      ) as Record<string, unknown>;
      if (def.options.includes('AutoScalingGrants') && mode !== 'single-account' && mode !== 'org') withOptions.AutoScalingGrants = true;
      for (const extra of [{}, withOptions]) {
        const spec = specFor(def.id, mode, p, extra);
        const open = publicStatements(renderKeyPolicy(spec, spec.services[0]!, target).Statement);
        if (open.length > 0) throw new Error(`${p}/${def.id}/${mode}: public statements ${JSON.stringify(open)}`);
        checked += 1;
      }
    }
    expect(checked).toBe(services.length * 2);
  });
});

test('the check can fail: a generated ViaService statement without its CallerAccount is caught', () => {
  const target = targetFor('aws');
  const spec = specFor('s3', 'via-service', 'aws');
  const doc = renderKeyPolicy(spec, spec.services[0]!, target);
  const broken = doc.Statement.map((st) => {
    if (st.Sid !== 'ServiceKmsKeysViaS3') return st;
    const { 'kms:CallerAccount': _dropped, ...rest } = st.Condition!.StringEquals!;
    return { ...st, Condition: { StringEquals: rest } };
  });
  expect(publicStatements(broken).map((s) => s.Sid)).toEqual(['ServiceKmsKeysViaS3']);
});

describe('the validator refuses public statements from users', () => {
  const t = targetFor('aws');
  const admin = role('aws', OWNER, 'KeyAdmin');
  const referenceMwaa = {
    Sid: 'OpenSqs',
    Effect: 'Allow',
    Principal: { AWS: '*' },
    Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
    Condition: { ArnLike: { 'kms:EncryptionContext:aws:sqs:arn': 'arn:${AWS::Partition}:sqs:${AWS::Region}:*:airflow-celery-*' } },
  };
  const messageOf = (props: Record<string, unknown>): string => {
    try {
      validateProperties(props, t);
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      return (error as ValidationError).issues.map((i) => `${i.property}: ${i.message}`).join('\n');
    }
    throw new Error('expected a ValidationError');
  };

  test('AdditionalPolicyStatements: Principal * with only an encryption context (the reference MWAA statement)', () => {
    expect(
      messageOf({
        ProjectCode: 'p',
        KeyAdministratorArns: [admin],
        Services: [{ Service: 'mwaa', AdditionalPolicyStatements: [referenceMwaa] }],
      }),
    ).toMatch(
      /Services\/0\/AdditionalPolicyStatements: statement "OpenSqs" of the mwaa key policy allows Principal "\*" without an account or organization condition/,
    );
  });

  test('KeyPolicy: ViaService alone is not enough; Allow with NotPrincipal is refused', () => {
    const root = { Sid: 'Root', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111111111111:root' }, Action: 'kms:*', Resource: '*' };
    const viaOnly = {
      Sid: 'Via',
      Effect: 'Allow',
      Principal: '*',
      Action: 'kms:Decrypt',
      Resource: '*',
      Condition: { StringEquals: VIA_S3 },
    };
    const notPrincipal = { Sid: 'AllBut', Effect: 'Allow', NotPrincipal: { AWS: admin }, Action: 'kms:Decrypt', Resource: '*' };
    const text = messageOf({
      ProjectCode: 'p',
      KeyAdministratorArns: [admin],
      Services: [{ Service: 's3', KeyPolicy: { Version: '2012-10-17', Statement: [root, viaOnly, notPrincipal] } }],
    });
    expect(text).toMatch(/Services\/0\/KeyPolicy: statement "Via" .*kms:ViaService alone does not limit accounts/);
    expect(text).toMatch(/Services\/0\/KeyPolicy: statement "AllBut" .*Allow with NotPrincipal/);
  });

  test('the same statement scoped to the organization is accepted', () => {
    const scoped = {
      ...referenceMwaa,
      Condition: { ...referenceMwaa.Condition, StringEquals: { 'aws:PrincipalOrgID': '${OrganizationId}' } },
    };
    expect(() =>
      validateProperties(
        {
          ProjectCode: 'p',
          KeyAdministratorArns: [admin],
          TrustedOrganizationId: ORG,
          Services: [{ Service: 'mwaa', AdditionalPolicyStatements: [scoped] }],
        },
        t,
      ),
    ).not.toThrow();
  });
});
