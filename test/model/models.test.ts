import * as fs from 'node:fs';
import * as path from 'node:path';
import { MODELS_PATH, modelsGenerator } from '../../scripts/generators/models';
import { ResourceModel, ServiceKey, Tag } from '../../resource-type/model/models';
import { modelToProperties, propertiesToModel, toPlain } from '../../resource-type/model/properties';

const root = path.resolve(__dirname, '..', '..');

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const item of Object.values(value)) deepFreeze(item);
    Object.freeze(value);
  }
  return value;
}

/** A model using every property kind of the schema. */
const FULL = {
  ProjectCode: 'org',
  Services: [
    {
      Service: 's3',
      Enabled: true,
      EnableKeyRotation: false,
      RotationPeriodInDays: 180,
      MultiRegion: true,
      Description: 'S3 key',
      KeyPolicy: {
        Version: '2012-10-17',
        Statement: [{ Sid: 'Root', Effect: 'Allow', Principal: { AWS: 'root' }, Action: 'kms:*', Resource: '*' }],
      },
      AdditionalPolicyStatements: [
        {
          Sid: 'Extra',
          Effect: 'Allow',
          Principal: { AWS: ['a', 'b'] },
          Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
          Resource: '*',
          Condition: { StringEquals: { 'kms:ViaService': 's3.eu-west-1.amazonaws.com' }, Bool: { 'aws:SecureTransport': 'true' } },
        },
        { Sid: 'Star', Effect: 'Deny', NotPrincipal: '*', NotAction: 'kms:Decrypt', Resource: ['*'] },
        { Sid: 'NotRes', Effect: 'Deny', Principal: '*', Action: 'kms:ScheduleKeyDeletion', NotResource: 'arn:aws:kms:*:*:key/other' },
      ],
      KeyUserArns: ['arn:aws:iam::111122223333:role/App'],
      EventSourceServices: ['events'],
      SourceArns: ['arn:aws:s3:::bucket'],
      NodeRoleArns: ['arn:aws:iam::111122223333:role/Node'],
      GlobalTables: false,
      AutoScalingGrants: true,
      Tags: [{ Key: 'k', Value: 'v' }],
    },
    { Service: 'logs', KeyPolicy: '{"Version":"2012-10-17","Statement":[]}' },
  ],
  KeyAdministratorArns: ['arn:aws:iam::111122223333:role/Admin'],
  KeyUserArns: ['arn:aws:iam::111122223333:role/User'],
  TrustedAccountIds: ['444455556666'],
  TrustedOrganizationId: 'o-abcdefghij',
  TrustedOrganizationalUnitPaths: ['o-abcdefghij/r-ab12/ou-ab12-11111111/*'],
  CrossAccountAccessViaService: true,
  PendingWindowInDays: 7,
  PrimaryRegion: 'eu-west-1',
  Tags: [{ Key: 'env', Value: 'prod' }],
  Keys: { KeyArns: { S3: 'arn-s3', DynamoDb: 'arn-ddb', XRay: 'arn-xray' }, KeyIds: { S3: 'id-s3' }, AliasNames: { S3: 'alias/org/s3' } },
};

/** FULL as CloudFormation sends it: every scalar a string. */
function stringified(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stringified);
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, k === 'KeyPolicy' || k === 'Condition' || k === 'Principal' ? v : stringified(v)]),
    );
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : value;
}

/** Every property name used anywhere in `value` (free-form objects included, which only adds names). */
function namesIn(value: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((v) => namesIn(v, out));
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) {
      out.add(k);
      namesIn(v, out);
    }
  return out;
}

test('FULL really uses every property of the schema, nested ones included', () => {
  const schema = JSON.parse(fs.readFileSync(path.join(root, 'schema', 'org-security-servicekmskeys.json'), 'utf8'));
  const used = namesIn(FULL);
  const expected = [
    ...Object.keys(schema.properties),
    ...['Tag', 'PolicyStatement', 'ServiceKey'].flatMap((d) => Object.keys(schema.definitions[d].properties)),
  ];
  expect(expected.filter((name) => !used.has(name))).toEqual([]);
});

describe('generated models', () => {
  test('models.ts is up to date with the schema', () => {
    const [file] = modelsGenerator.generate();
    expect(file.path).toBe(MODELS_PATH);
    expect(fs.readFileSync(path.join(root, MODELS_PATH), 'utf8')).toBe(file.content);
    expect(file.content.split('\n')[0]).toMatch(/do not edit/);
  });

  test('deserialize → serialize keeps every field', () => {
    expect(modelToProperties(ResourceModel.deserialize(FULL))).toEqual(FULL);
  });

  test('strings from CloudFormation are recast to integers (bigint) and booleans', () => {
    const model = ResourceModel.deserialize(stringified(FULL) as Record<string, unknown>);
    expect(model.pendingWindowInDays).toBe(7n);
    expect(model.crossAccountAccessViaService).toBe(true);
    const s3 = model.services![0];
    expect(s3).toBeInstanceOf(ServiceKey);
    expect(s3.rotationPeriodInDays).toBe(180n);
    expect(s3.enableKeyRotation).toBe(false);
    expect(s3.autoScalingGrants).toBe(true);
    expect(modelToProperties(model)).toEqual(FULL);
  });

  test('a boolean that is neither "true" nor "false" is rejected', () => {
    expect(() => ResourceModel.deserialize({ CrossAccountAccessViaService: 'yes' })).toThrow(/not boolean/);
  });

  test('unordered unique string lists become Sets, free-form objects Maps, sub-models classes', () => {
    const model = ResourceModel.deserialize(FULL);
    expect(model.keyAdministratorArns).toBeInstanceOf(Set);
    expect(model.tags![0]).toBeInstanceOf(Tag);
    expect(model.tags![0].value_).toBe('prod');
    const statement = model.services![0].additionalPolicyStatements![0];
    expect(statement.condition).toBeInstanceOf(Map);
    expect(model.keys?.keyArns?.xRay).toBe('arn-xray');
    expect(model.keys?.keyArns?.dynamoDb).toBe('arn-ddb');
  });

  test('union-typed fields (object or string, string or array) survive unchanged', () => {
    const out = modelToProperties(ResourceModel.deserialize(FULL)) as typeof FULL;
    expect(out.Services[0].KeyPolicy).toEqual(FULL.Services[0].KeyPolicy);
    expect(out.Services[1].KeyPolicy).toBe(FULL.Services[1].KeyPolicy);
    expect(out.Services[0].AdditionalPolicyStatements).toEqual(FULL.Services[0].AdditionalPolicyStatements);
  });

  test('new ResourceModel(partial) keeps the fields it is given', () => {
    const model = new ResourceModel({ projectCode: 'org', pendingWindowInDays: 7n });
    expect(model.projectCode).toBe('org');
    expect(model.serialize()).toEqual({ ProjectCode: 'org', PendingWindowInDays: 7 });
  });

  test('a deep-frozen request model can be copied and the copy changed', () => {
    const frozen = deepFreeze(ResourceModel.deserialize(FULL));
    const copy = propertiesToModel(modelToProperties(frozen));
    copy.services![0].description = 'changed';
    (copy.services![0].additionalPolicyStatements![0].principal as Record<string, unknown>).AWS = 'x';
    expect(frozen.services![0].description).toBe('S3 key');
    expect(modelToProperties(frozen)).toEqual(FULL);
  });

  test('properties not in the schema are dropped', () => {
    expect(
      modelToProperties(ResourceModel.deserialize({ ProjectCode: 'org', Bogus: 1, Services: [{ Service: 's3', Extra: true }] })),
    ).toEqual({
      ProjectCode: 'org',
      Services: [{ Service: 's3' }],
    });
  });

  test('primary identifier is reported only when set', () => {
    expect(ResourceModel.deserialize(FULL).getPrimaryIdentifier()).toEqual({ '/properties/ProjectCode': 'org' });
    expect(ResourceModel.deserialize({}).getPrimaryIdentifier()).toBeNull();
    expect(ResourceModel.deserialize(FULL).serialize()).not.toHaveProperty('IDENTIFIER_KEY_PROJECTCODE');
  });
});

describe('toPlain', () => {
  test('converts Map, Set and bigint and drops nulls at every depth', () => {
    const value = {
      a: new Map<string, unknown>([
        ['x', 1n],
        ['y', null],
      ]),
      b: new Set(['p', 'q']),
      c: [1n, null, { d: undefined, e: 'f' }],
      g: null,
    };
    expect(toPlain(value)).toEqual({ a: { x: 1 }, b: ['p', 'q'], c: [1, { e: 'f' }] });
  });

  test('modelToProperties of an absent model is {}', () => {
    expect(modelToProperties(undefined)).toEqual({});
    expect(modelToProperties(null)).toEqual({});
  });
});
