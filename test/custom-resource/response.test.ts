import schema from '../../schema/org-security-servicekmskeys.json';
import { keySetData } from '../../handlers/custom-resource/data';
import type { CustomResourceResponse } from '../../handlers/custom-resource/protocol';
import { serializeResponse } from '../../handlers/custom-resource/response';

const ACCOUNT = '111111111111';
const REGION = 'ap-southeast-2';

/** Keys as the operations return them, for `count` services with realistic id lengths. */
function keysFor(names: readonly string[]) {
  const id = (i: number) => `mrk-${i.toString(16).padStart(32, '0')}`;
  return {
    KeyArns: Object.fromEntries(names.map((n, i) => [n, `arn:aws:kms:${REGION}:${ACCOUNT}:key/${id(i)}`])),
    KeyIds: Object.fromEntries(names.map((n, i) => [n, id(i)])),
    AliasNames: Object.fromEntries(names.map((n) => [n, `alias/a-long-project-code-for-size/${n.toLowerCase()}`])),
  };
}

/** Every service attribute name of the schema, plus one more: the largest key set the pattern allows (31). */
const ALL_31 = [...Object.keys(schema.definitions.KeyArns.properties), 'Acm'];

function response(extra: Partial<CustomResourceResponse>): CustomResourceResponse {
  return {
    Status: 'SUCCESS',
    PhysicalResourceId: `servicekmskeys/${ACCOUNT}/${REGION}/a-long-project-code-for-size`,
    StackId: `arn:aws:cloudformation:${REGION}:${ACCOUNT}:stack/a-stack-name-of-some-length/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b`,
    RequestId: '5d0b2c1e-1234-4cde-9f00-6a7b8c9d0e1f',
    LogicalResourceId: 'ProjectKeySetWithAFairlyLongLogicalId',
    ...extra,
  };
}

describe('keySetData', () => {
  it('flattens Keys into <Service>.KeyArn / .KeyId / .AliasName attributes', () => {
    expect(keySetData(keysFor(['S3', 'DynamoDb']))).toEqual({
      'DynamoDb.KeyArn': `arn:aws:kms:${REGION}:${ACCOUNT}:key/mrk-00000000000000000000000000000001`,
      'DynamoDb.KeyId': 'mrk-00000000000000000000000000000001',
      'DynamoDb.AliasName': 'alias/a-long-project-code-for-size/dynamodb',
      'S3.KeyArn': `arn:aws:kms:${REGION}:${ACCOUNT}:key/mrk-00000000000000000000000000000000`,
      'S3.KeyId': 'mrk-00000000000000000000000000000000',
      'S3.AliasName': 'alias/a-long-project-code-for-size/s3',
    });
  });

  it('ignores missing or malformed Keys', () => {
    expect(keySetData(undefined)).toEqual({});
    expect(keySetData({ KeyArns: { S3: 7 }, KeyIds: 'x' })).toEqual({});
  });
});

describe('serializeResponse', () => {
  it('keeps a small response whole', () => {
    const small = response({ Data: keySetData(keysFor(['S3', 'Logs'])) });
    expect(serializeResponse(small)).toBe(JSON.stringify(small));
  });

  it('drops whole attribute kinds (AliasName, then KeyId) to fit 4,096 bytes, keeping every KeyArn', () => {
    const body = serializeResponse(response({ Data: keySetData(keysFor(ALL_31.slice(0, 20))) }));
    expect(Buffer.byteLength(body)).toBeLessThanOrEqual(4096);
    const parsed = JSON.parse(body);
    const names = Object.keys(parsed.Data);
    expect(names.filter((n) => n.endsWith('.AliasName'))).toEqual([]);
    expect(names.filter((n) => n.endsWith('.KeyArn'))).toHaveLength(20);
    expect(parsed.Reason).toMatch(/omits the \.AliasName/);
  });

  it('keeps every KeyArn of a 31-service key set', () => {
    const body = serializeResponse(response({ Data: keySetData(keysFor(ALL_31)) }));
    expect(Buffer.byteLength(body)).toBeLessThanOrEqual(4096);
    const parsed = JSON.parse(body);
    expect(Object.keys(parsed.Data).sort()).toEqual(ALL_31.map((n) => `${n}.KeyArn`).sort());
    expect(parsed.Reason).toBe('Data omits the .AliasName and .KeyId attributes to fit the 4,096-byte response limit.');
  });

  it('keeps all 30 KeyArns even with the longest ids CloudFormation allows (ProjectCode 64, stack name 128, logical id 255)', () => {
    const names = Object.keys(schema.definitions.KeyArns.properties);
    const projectCode = 'p'.repeat(64);
    const keys = keysFor(names);
    keys.AliasNames = Object.fromEntries(names.map((n) => [n, `alias/${projectCode}/${n.toLowerCase()}`]));
    const body = serializeResponse(
      response({
        PhysicalResourceId: `servicekmskeys/${ACCOUNT}/${REGION}/${projectCode}`,
        StackId: `arn:aws:cloudformation:${REGION}:${ACCOUNT}:stack/${'s'.repeat(128)}/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b`,
        LogicalResourceId: 'L'.repeat(255),
        Data: keySetData(keys),
      }),
    );
    expect(Buffer.byteLength(body)).toBeLessThanOrEqual(4096);
    expect(Object.keys(JSON.parse(body).Data).sort()).toEqual(names.map((n) => `${n}.KeyArn`).sort());
  });

  it('drops KeyArns from the end only when nothing else is left, and says so', () => {
    const body = serializeResponse(response({ Data: keySetData(keysFor(ALL_31)) }), 2000);
    expect(Buffer.byteLength(body)).toBeLessThanOrEqual(2000);
    const parsed = JSON.parse(body);
    const kept = Object.keys(parsed.Data);
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.length).toBeLessThan(ALL_31.length);
    expect(kept.every((n) => n.endsWith('.KeyArn'))).toBe(true);
    expect(parsed.Reason).toMatch(/omits some attributes/);
  });

  it('shortens a long Reason at a character boundary and marks it', () => {
    const reason = 'Invalid input: ' + 'é😀x'.repeat(2000);
    const body = serializeResponse(response({ Status: 'FAILED', Reason: reason }));
    expect(Buffer.byteLength(body)).toBeLessThanOrEqual(4096);
    expect(Buffer.byteLength(body)).toBeGreaterThan(4000);
    const parsed = JSON.parse(body);
    expect(parsed.Reason.endsWith(' [truncated: see the provider function logs]')).toBe(true);
    const kept = parsed.Reason.replace(' [truncated: see the provider function logs]', '');
    expect(reason.startsWith(kept)).toBe(true);
    expect(kept).not.toMatch(/[\uD800-\uDBFF]$/); // no lone high surrogate
    expect(parsed.PhysicalResourceId).toBe(response({}).PhysicalResourceId);
  });
});
