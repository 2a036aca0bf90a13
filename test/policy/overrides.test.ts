import type { PolicyStatement } from '../../resource-type/core/types';
import { renderKeyPolicy, principalsKeepingPutKeyPolicy, isGeneratedSid } from '../../resource-type/policy';
import { validateProperties } from '../../resource-type/validation';
import { ValidationError } from '../../resource-type/core/errors';
import { ORG, OWNER, role, targetFor } from './fixtures';

const t = targetFor('aws-us-gov');
const admin = role('aws-us-gov', OWNER, 'KeyAdmin');
const base = { ProjectCode: 'ovr', KeyAdministratorArns: [admin], TrustedOrganizationId: ORG };

test('AdditionalPolicyStatements: placeholders substituted per Region and partition, appended after generated statements', () => {
  const extra = {
    Sid: 'Audit',
    Effect: 'Allow',
    Principal: { AWS: 'arn:${AWS::Partition}:iam::${AWS::AccountId}:role/Audit' },
    Action: 'kms:DescribeKey',
    Condition: { StringEquals: { 'aws:PrincipalOrgID': '${OrganizationId}', 'aws:RequestedRegion': '${AWS::Region}' } },
  };
  const spec = validateProperties({ ...base, Services: [{ Service: 's3', AdditionalPolicyStatements: [extra] }] }, t);
  const st = renderKeyPolicy(spec, spec.services[0]!, t).Statement;
  expect(st[st.length - 1]).toEqual({
    Sid: 'Audit',
    Effect: 'Allow',
    Principal: { AWS: `arn:aws-us-gov:iam::${OWNER}:role/Audit` },
    Action: 'kms:DescribeKey',
    Resource: '*',
    Condition: { StringEquals: { 'aws:PrincipalOrgID': ORG, 'aws:RequestedRegion': 'us-gov-west-1' } },
  });
  expect(st[0]!.Sid).toBe('ServiceKmsKeysOwnerAccountRoot');
});

test('KeyPolicy override (string) replaces the generated policy; AdditionalPolicyStatements merge by Sid', () => {
  const override = JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'Root',
        Effect: 'Allow',
        Principal: { AWS: 'arn:${AWS::Partition}:iam::${AWS::AccountId}:root' },
        Action: 'kms:*',
        Resource: '*',
      },
      {
        Sid: 'Use',
        Effect: 'Allow',
        Principal: { AWS: 'arn:${AWS::Partition}:iam::${AWS::AccountId}:role/Old' },
        Action: 'kms:Decrypt',
        Resource: '*',
      },
    ],
  });
  const replacement = {
    Sid: 'Use',
    Effect: 'Allow',
    Principal: { AWS: 'arn:${AWS::Partition}:iam::${AWS::AccountId}:role/New' },
    Action: 'kms:Decrypt',
  };
  const spec = validateProperties(
    { ...base, Services: [{ Service: 'ssm', KeyPolicy: override, AdditionalPolicyStatements: [replacement] }] },
    t,
  );
  const doc = renderKeyPolicy(spec, spec.services[0]!, t);
  expect(doc.Statement.map((s) => s.Sid)).toEqual(['Root', 'Use']);
  expect(doc.Statement[1]!.Principal).toEqual({ AWS: `arn:aws-us-gov:iam::${OWNER}:role/New` });
  expect(doc.Statement.some((s: PolicyStatement) => isGeneratedSid(s.Sid))).toBe(false);
});

test('override that drops every PutKeyPolicy holder is rejected (lockout)', () => {
  const override = {
    Version: '2012-10-17',
    Statement: [{ Sid: 'Use', Effect: 'Allow', Principal: { AWS: admin }, Action: 'kms:Decrypt', Resource: '*' }],
  };
  expect(() => validateProperties({ ...base, Services: [{ Service: 's3', KeyPolicy: override }] }, t)).toThrow(
    /Services\/0\/KeyPolicy .*would lock the key/s,
  );
});

test('an administrator keeping PutKeyPolicy satisfies the lockout rule', () => {
  const override = {
    Version: '2012-10-17',
    Statement: [
      { Sid: 'Admin', Effect: 'Allow', Principal: { AWS: admin }, Action: ['kms:PutKeyPolicy', 'kms:DescribeKey'], Resource: '*' },
    ],
  };
  const spec = validateProperties({ ...base, Services: [{ Service: 's3', KeyPolicy: override }] }, t);
  expect(principalsKeepingPutKeyPolicy(renderKeyPolicy(spec, spec.services[0]!, t), t, spec.keyAdministratorArns)).toEqual([admin]);
});

test('a Deny of PutKeyPolicy for everyone locks the key; a Deny exempting the administrator does not', () => {
  const denyAll = { Sid: 'NoChanges', Effect: 'Deny', Principal: { AWS: '*' }, Action: 'kms:PutKeyPolicy' };
  expect(() => validateProperties({ ...base, Services: [{ Service: 's3', AdditionalPolicyStatements: [denyAll] }] }, t)).toThrow(
    /AdditionalPolicyStatements .*would lock the key/s,
  );
  const exempt = { ...denyAll, Condition: { ArnNotEquals: { 'aws:PrincipalArn': admin } } };
  expect(() => validateProperties({ ...base, Services: [{ Service: 's3', AdditionalPolicyStatements: [exempt] }] }, t)).not.toThrow();
});

test('Sid collisions with generated statements are rejected, naming the property', () => {
  const clash = { Sid: 'ServiceKmsKeysOwnerAccountRoot', Effect: 'Allow', Principal: { AWS: admin }, Action: 'kms:DescribeKey' };
  try {
    validateProperties({ ...base, Services: [{ Service: 's3', AdditionalPolicyStatements: [clash] }] }, t);
    throw new Error('expected a ValidationError');
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues[0]).toMatchObject({
      property: 'Services/0/AdditionalPolicyStatements/0/Sid',
      value: 'ServiceKmsKeysOwnerAccountRoot',
    });
  }
});

test('${OrganizationId} without TrustedOrganizationId is rejected', () => {
  const extra = {
    Sid: 'Org',
    Effect: 'Allow',
    Principal: { AWS: '*' },
    Action: 'kms:Decrypt',
    Condition: { StringEquals: { 'aws:PrincipalOrgID': '${OrganizationId}' } },
  };
  expect(() =>
    validateProperties(
      { ProjectCode: 'x', KeyAdministratorArns: [admin], Services: [{ Service: 's3', AdditionalPolicyStatements: [extra] }] },
      t,
    ),
  ).toThrow(/Services\/0\/AdditionalPolicyStatements.*TrustedOrganizationId is not set/s);
});

test('a Deny with NotPrincipal exempts exactly the principals it names from the lockout check', () => {
  const denyOthers = {
    Sid: 'OnlyAdminChangesPolicy',
    Effect: 'Deny',
    NotPrincipal: { AWS: admin },
    Action: 'kms:PutKeyPolicy',
    Resource: '*',
  };
  const spec = validateProperties({ ...base, Services: [{ Service: 's3', AdditionalPolicyStatements: [denyOthers] }] }, t);
  expect(principalsKeepingPutKeyPolicy(renderKeyPolicy(spec, spec.services[0]!, t), t, spec.keyAdministratorArns)).toEqual([admin]);
  const denyAllButOther = { ...denyOthers, NotPrincipal: { AWS: role('aws-us-gov', OWNER, 'Someone') } };
  expect(() => validateProperties({ ...base, Services: [{ Service: 's3', AdditionalPolicyStatements: [denyAllButOther] }] }, t)).toThrow(
    /would lock the key/,
  );
});

test('Resource and NotResource together are rejected', () => {
  const both = {
    Sid: 'Both',
    Effect: 'Allow',
    Principal: { AWS: admin },
    Action: 'kms:DescribeKey',
    Resource: '*',
    NotResource: 'arn:aws-us-gov:kms:*:*:key/x',
  };
  expect(() => validateProperties({ ...base, Services: [{ Service: 's3', AdditionalPolicyStatements: [both] }] }, t)).toThrow(
    /AdditionalPolicyStatements\/0\/NotResource .*cannot be combined with Resource/s,
  );
});

test('unknown ${AWS::...} placeholders are rejected (they would reach KMS as text); IAM policy variables are kept', () => {
  const typo = {
    Sid: 'Typo',
    Effect: 'Allow',
    Principal: { AWS: 'arn:${AWS::Partition}:iam::${AWS::AccountID}:role/App' },
    Action: 'kms:Decrypt',
  };
  expect(() => validateProperties({ ...base, Services: [{ Service: 's3', AdditionalPolicyStatements: [typo] }] }, t)).toThrow(
    /Services\/0\/AdditionalPolicyStatements = "\$\{AWS::AccountID\}": is not a supported placeholder; use \$\{AWS::AccountId\}/,
  );
  const variable = {
    Sid: 'Own',
    Effect: 'Allow',
    Principal: { AWS: admin },
    Action: 'kms:Decrypt',
    Condition: { StringEquals: { 'aws:PrincipalTag/team': '${aws:username}' } },
  };
  const spec = validateProperties({ ...base, Services: [{ Service: 's3', AdditionalPolicyStatements: [variable] }] }, t);
  expect(JSON.stringify(renderKeyPolicy(spec, spec.services[0]!, t))).toContain('${aws:username}');
});
