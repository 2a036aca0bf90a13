import type { KeyInfo } from '../../resource-type/gateway/kms-gateway';
import { readModel } from '../../resource-type/operations/report';
import type { LiveKey } from '../../resource-type/plan/types';
import { getServiceDefinition } from '../../resource-type/catalog';

const target = { accountId: '111111111111', region: 'eu-west-1', partition: 'aws' as const };
const POLICY =
  '{"Version":"2012-10-17","Statement":[{"Sid":"A","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111111111111:root"},"Action":"kms:*","Resource":"*"}]}';

function key(
  service: string,
  tags: Record<string, string>,
  over: Partial<KeyInfo> = {},
  rotation = { enabled: true, periodInDays: 365 },
): LiveKey {
  return {
    service,
    tags: { 'servicekmskeys:project': 'p', 'servicekmskeys:service': service, 'servicekmskeys:created-by': 't', ...tags },
    policy: POLICY,
    rotation,
    info: {
      keyId: `id-${service}`,
      arn: `arn:aws:kms:eu-west-1:111111111111:key/id-${service}`,
      state: 'Enabled',
      enabled: true,
      description: getServiceDefinition(service)!.defaultDescription,
      multiRegion: false,
      replicaRegions: [],
      keySpec: 'SYMMETRIC_DEFAULT',
      keyUsage: 'ENCRYPT_DECRYPT',
      origin: 'AWS_KMS',
      keyManager: 'CUSTOMER',
      ...over,
    },
  };
}

describe('readModel (READ output rules)', () => {
  it('echoes what the model specified when live matches, and omits defaults it did not specify', () => {
    const request = {
      ProjectCode: 'p',
      KeyAdministratorArns: ['a'],
      Services: [{ Service: 's3', Enabled: 'true', RotationPeriodInDays: '365' }, { Service: 'sqs' }],
      PendingWindowInDays: 7,
    };
    const out = readModel({
      target,
      projectCode: 'p',
      request,
      keys: [key('sqs', {}), key('s3', {})],
      desiredPolicies: new Map([
        ['s3', POLICY],
        ['sqs', POLICY],
      ]),
    });
    expect(out).toMatchObject({
      ProjectCode: 'p',
      KeyAdministratorArns: ['a'],
      Services: [{ Service: 's3', Enabled: 'true', RotationPeriodInDays: '365' }, { Service: 'sqs' }],
    });
    expect(out).not.toHaveProperty('PendingWindowInDays');
    expect(out).not.toHaveProperty('Tags');
    expect(out.Keys).toEqual({
      KeyArns: { S3: 'arn:aws:kms:eu-west-1:111111111111:key/id-s3', Sqs: 'arn:aws:kms:eu-west-1:111111111111:key/id-sqs' },
      KeyIds: { S3: 'id-s3', Sqs: 'id-sqs' },
      AliasNames: { S3: 'alias/p/s3', Sqs: 'alias/p/sqs' },
    });
  });

  it('reports live values that differ from what was specified or from the defaults', () => {
    const request = { ProjectCode: 'p', Services: [{ Service: 's3', Enabled: true }] };
    const live = key('s3', {}, { enabled: false, description: 'edited', multiRegion: true }, { enabled: true, periodInDays: 90 });
    const [item] = readModel({ target, projectCode: 'p', request, keys: [live] }).Services as object[];
    expect(item).toEqual({ Service: 's3', Enabled: false, RotationPeriodInDays: 90, MultiRegion: true, Description: 'edited' });
  });

  it('splits tags: ownership and stack tags dropped, per-key names stay per key, common tags are key-set tags, the rest per key', () => {
    const request = {
      ProjectCode: 'p',
      Tags: [{ Key: 'env', Value: 'prod' }],
      Services: [{ Service: 's3', Tags: [{ Key: 'data', Value: 'logs' }] }, { Service: 'sqs' }],
    };
    const keys = [key('s3', { env: 'prod', data: 'logs', stack: 'x', oob: '1' }), key('sqs', { env: 'prod', stack: 'x', only: 'sqs' })];
    const out = readModel({ target, projectCode: 'p', request, keys, stackTags: { stack: 'x' } });
    expect(out.Tags).toEqual([{ Key: 'env', Value: 'prod' }]);
    expect(out.Services).toEqual([
      {
        Service: 's3',
        Tags: [
          { Key: 'data', Value: 'logs' },
          { Key: 'oob', Value: '1' },
        ],
      },
      { Service: 'sqs', Tags: [{ Key: 'only', Value: 'sqs' }] },
    ]);
  });

  it('reports a drifted generated policy as the live policy object, and PrimaryRegion of replicas', () => {
    const request = { ProjectCode: 'p', Services: [{ Service: 's3', MultiRegion: true }] };
    const replica = key('s3', {}, { multiRegion: true, multiRegionKeyType: 'REPLICA', primaryRegion: 'us-east-1' });
    const out = readModel({
      target,
      projectCode: 'p',
      request,
      keys: [replica],
      desiredPolicies: new Map([['s3', '{"Version":"2012-10-17","Statement":[]}']]),
    });
    expect(out.PrimaryRegion).toBe('us-east-1');
    expect((out.Services as Array<{ KeyPolicy: unknown }>)[0].KeyPolicy).toEqual(JSON.parse(POLICY));
  });
});
