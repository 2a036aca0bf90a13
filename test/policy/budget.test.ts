import { maxTrustedAccountsThatFit, renderKeySet, MAX_KEY_POLICY_BYTES } from '../../resource-type/policy';
import { validateProperties } from '../../resource-type/validation';
import { ValidationError } from '../../resource-type/core/errors';
import { OWNER, role, targetFor } from './fixtures';

const t = targetFor('aws');
const accounts = (n: number) => Array.from({ length: n }, (_, i) => String(400000000000 + i));
const props = (n: number, services = ['s3', 'logs']) => ({
  ProjectCode: 'big',
  KeyAdministratorArns: [role('aws', OWNER, 'KeyAdmin')],
  TrustedAccountIds: accounts(n),
  CrossAccountAccessViaService: true,
  Services: services.map((Service) => ({ Service })),
});

test('maxTrustedAccountsThatFit is exact: N fits, N+1 does not', () => {
  const spec = validateProperties(props(1, ['s3']), t);
  const max = maxTrustedAccountsThatFit(spec, t, 's3');
  expect(max).toBeGreaterThan(50);
  expect(max).toBeLessThan(500);
  const fits = validateProperties(props(max, ['s3']), t);
  expect(renderKeySet(fits, t)[0]!.bytes).toBeLessThanOrEqual(MAX_KEY_POLICY_BYTES);
  expect(() => validateProperties(props(max + 1, ['s3']), t)).toThrow(ValidationError);
});

test('worst case over services is the smallest per-service maximum', () => {
  const spec = validateProperties(props(1), t);
  expect(maxTrustedAccountsThatFit(spec, t)).toBe(
    Math.min(maxTrustedAccountsThatFit(spec, t, 's3'), maxTrustedAccountsThatFit(spec, t, 'logs')),
  );
});

test('an oversized policy fails naming the service, the byte count and the way out', () => {
  try {
    validateProperties(props(500), t);
    throw new Error('expected a ValidationError');
  } catch (error) {
    const issues = (error as ValidationError).issues;
    const s3 = issues.find((i) => i.property === 'Services/0')!;
    expect(s3.value).toBe('s3');
    expect(s3.message).toMatch(/the s3 key policy for eu-west-1 is \d+ bytes; KMS allows at most 32768/);
    expect(s3.message).toMatch(/list at most \d+ TrustedAccountIds \(you have 500\) or use TrustedOrganizationId/);
    expect(issues.some((i) => i.property === 'Services/1' && i.value === 'logs')).toBe(true);
  }
});

test('characters KMS rejects are reported with the property', () => {
  const bad = {
    Sid: 'Note',
    Effect: 'Allow',
    Principal: { AWS: role('aws', OWNER, 'KeyAdmin') },
    Action: 'kms:DescribeKey',
    Condition: { StringEquals: { 'aws:PrincipalTag/team': 'crypto-\u2603' } },
  };
  expect(() =>
    validateProperties(
      {
        ProjectCode: 'c',
        KeyAdministratorArns: [role('aws', OWNER, 'KeyAdmin')],
        Services: [{ Service: 's3', AdditionalPolicyStatements: [bad] }],
      },
      t,
    ),
  ).toThrow(/Services\/0\/AdditionalPolicyStatements = "☃": the s3 key policy contains characters KMS rejects \(U\+2603\)/);
});

test('an oversized KeyPolicy override is told to shorten the override, not to list fewer accounts', () => {
  const admin = role('aws', OWNER, 'KeyAdmin');
  const big = {
    Version: '2012-10-17',
    Statement: [
      { Sid: 'Root', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${OWNER}:root` }, Action: 'kms:*', Resource: '*' },
      {
        Sid: 'Many',
        Effect: 'Allow',
        Principal: { AWS: accounts(1500).map((a) => `arn:aws:iam::${a}:root`) },
        Action: 'kms:Decrypt',
        Resource: '*',
      },
    ],
  };
  try {
    validateProperties(
      { ProjectCode: 'o', KeyAdministratorArns: [admin], TrustedAccountIds: accounts(2), Services: [{ Service: 's3', KeyPolicy: big }] },
      t,
    );
    throw new Error('expected a ValidationError');
  } catch (error) {
    const issue = (error as ValidationError).issues.find((i) => i.property === 'Services/0')!;
    expect(issue.message).toMatch(/the s3 key policy for eu-west-1 is \d+ bytes; KMS allows at most 32768\. Way out: shorten KeyPolicy/);
    expect(issue.message).not.toMatch(/TrustedAccountIds/);
  }
});
