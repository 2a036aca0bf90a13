import {
  canonicalizePolicyText,
  policiesEquivalent,
  policyByteSize,
  serializePolicy,
  MAX_KEY_POLICY_BYTES,
} from '../../resource-type/policy';
import type { PolicyDocument } from '../../resource-type/core/types';

const doc: PolicyDocument = {
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'B',
      Effect: 'Allow',
      Principal: { AWS: ['arn:aws:iam::2:root', 'arn:aws:iam::1:root', 'arn:aws:iam::1:root'] },
      Action: ['kms:Encrypt', 'kms:Decrypt'],
      Resource: '*',
      Condition: { StringEquals: { 'kms:ViaService': ['b', 'a'] }, Bool: { 'kms:GrantIsForAWSResource': true } },
    },
    { Sid: 'A', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::1:root' }, Action: 'kms:*', Resource: '*' },
  ],
};

test('serializePolicy: compact, fixed key order, sorted de-duplicated values, booleans as strings, statement order kept', () => {
  expect(serializePolicy(doc)).toBe(
    '{"Version":"2012-10-17","Statement":[' +
      '{"Sid":"B","Effect":"Allow","Principal":{"AWS":["arn:aws:iam::1:root","arn:aws:iam::2:root"]},"Action":["kms:Decrypt","kms:Encrypt"],"Resource":"*","Condition":{"Bool":{"kms:GrantIsForAWSResource":"true"},"StringEquals":{"kms:ViaService":["a","b"]}}},' +
      '{"Sid":"A","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::1:root"},"Action":"kms:*","Resource":"*"}]}',
  );
});

test('serializePolicy is deterministic and idempotent', () => {
  const once = serializePolicy(doc);
  expect(serializePolicy(JSON.parse(once))).toBe(once);
});

test('serializePolicy drops exact duplicate statements', () => {
  const st = doc.Statement[1]!;
  expect(JSON.parse(serializePolicy({ Version: '2012-10-17', Statement: [st, { ...st }] })).Statement).toHaveLength(1);
});

test('canonicalizePolicyText ignores statement order, list order, whitespace and Principal "*" vs {"AWS":"*"}', () => {
  const live = JSON.stringify(
    {
      Version: '2012-10-17',
      Statement: [
        { Sid: 'A', Effect: 'Allow', Principal: '*', Action: ['kms:*'], Resource: ['*'] },
        {
          Effect: 'Allow',
          Sid: 'B',
          Principal: { AWS: ['arn:aws:iam::2:root', 'arn:aws:iam::1:root'] },
          Action: ['kms:Encrypt', 'kms:Decrypt'],
          Resource: '*',
          Condition: { Bool: { 'kms:GrantIsForAWSResource': 'true' }, StringEquals: { 'kms:ViaService': ['a', 'b'] } },
        },
      ],
    },
    null,
    2,
  );
  const desired = serializePolicy({ ...doc, Statement: [doc.Statement[0]!, { ...doc.Statement[1]!, Principal: { AWS: '*' } }] });
  expect(canonicalizePolicyText(live)).toBe(canonicalizePolicyText(desired));
  expect(policiesEquivalent(live, desired)).toBe(true);
});

test('policiesEquivalent notices a real difference', () => {
  const a = serializePolicy(doc);
  const b = a.replace('kms:Encrypt', 'kms:ReEncrypt*');
  expect(policiesEquivalent(a, b)).toBe(false);
  expect(policiesEquivalent(a, a.replace('"2012-10-17"', '"2008-10-17"'))).toBe(false);
});

test('policiesEquivalent on unparseable text falls back to exact comparison', () => {
  expect(policiesEquivalent('{not json', '{not json')).toBe(true);
  expect(policiesEquivalent('{not json', serializePolicy(doc))).toBe(false);
});

test('policyByteSize counts UTF-8 bytes, as KMS does', () => {
  expect(policyByteSize('abc')).toBe(3);
  expect(policyByteSize('é')).toBe(2);
  expect(policyByteSize('€')).toBe(3);
  expect(MAX_KEY_POLICY_BYTES).toBe(32768);
});
