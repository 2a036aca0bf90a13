import { SessionProxy } from '@amazon-web-services-cloudformation/cloudformation-cli-typescript-lib';
import { buildOperationInput, INVOCATION_BUDGET_MS } from '../../handlers/registry/operation-input';
import { ResourceModel } from '../../resource-type/model/models';
import { CREDENTIALS } from './payloads';

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const item of Object.values(value)) deepFreeze(item);
    Object.freeze(value);
  }
  return value;
}

function request(region: string, previous: Record<string, unknown> = {}, previousTags: Record<string, string> = {}) {
  return deepFreeze({
    clientRequestToken: 'token-1',
    desiredResourceState: ResourceModel.deserialize({
      ProjectCode: 'org',
      Services: [{ Service: 's3', RotationPeriodInDays: '180', KeyPolicy: { Version: '2012-10-17', Statement: [] } }],
      KeyAdministratorArns: ['arn:aws:iam::111122223333:role/Admin'],
    }),
    previousResourceState: ResourceModel.deserialize(previous),
    desiredResourceTags: { env: 'prod' },
    previousResourceTags: previousTags,
    systemTags: {},
    awsAccountId: '111122223333',
    awsPartition: 'aws-gov',
    region,
  }) as never;
}

const session = () => SessionProxy.getSession(CREDENTIALS, 'eu-west-1');

describe('buildOperationInput', () => {
  test('maps the request to the operation input', () => {
    const input = buildOperationInput(session(), request('eu-west-1'), deepFreeze({ stage: 'keys' }), 1_000);
    expect(input.target).toEqual({ accountId: '111122223333', region: 'eu-west-1', partition: 'aws' });
    expect(input.credentials).toEqual(CREDENTIALS);
    expect(input.requestToken).toBe('token-1');
    expect(input.stackTags).toEqual({ env: 'prod' });
    expect(input.callbackContext).toEqual({ stage: 'keys' });
    expect(input.deadline).toBe(1_000 + INVOCATION_BUDGET_MS);
    expect(input.properties).toEqual({
      ProjectCode: 'org',
      Services: [{ Service: 's3', RotationPeriodInDays: 180, KeyPolicy: { Version: '2012-10-17', Statement: [] } }],
      KeyAdministratorArns: ['arn:aws:iam::111122223333:role/Admin'],
    });
    expect(input.previousProperties).toBeUndefined();
  });

  test('the partition comes from the Region, not from the lib (GovCloud, China)', () => {
    expect(buildOperationInput(session(), request('us-gov-west-1'), {}).target.partition).toBe('aws-us-gov');
    expect(buildOperationInput(session(), request('cn-north-1'), {}).target.partition).toBe('aws-cn');
  });

  test('everything handed on is a mutable copy of the frozen request', () => {
    const frozenContext = deepFreeze({ stage: 'keys', done: ['s3'] });
    const input = buildOperationInput(session(), request('eu-west-1'), frozenContext);
    const services = input.properties.Services as Array<Record<string, unknown>>;
    services[0].Description = 'changed';
    (services[0].KeyPolicy as Record<string, unknown>).Id = 'x';
    (input.callbackContext!.done as string[]).push('ebs');
    expect(frozenContext.done).toEqual(['s3']);
  });

  test('an empty context and empty previous state are left out', () => {
    const input = buildOperationInput(session(), request('eu-west-1'), {});
    expect(input.callbackContext).toBeUndefined();
    expect(input.previousProperties).toBeUndefined();
    const update = buildOperationInput(session(), request('eu-west-1', { ProjectCode: 'org' }), {});
    expect(update.previousProperties).toEqual({ ProjectCode: 'org' });
    expect(update.previousStackTags).toBeUndefined();
  });

  test('an UPDATE carries the previous stack tags (progress notes tell drift from stack tag changes)', () => {
    const update = buildOperationInput(session(), request('eu-west-1', { ProjectCode: 'org' }, { env: 'dev' }), {});
    expect(update.stackTags).toEqual({ env: 'prod' });
    expect(update.previousStackTags).toEqual({ env: 'dev' });
    expect(buildOperationInput(session(), request('eu-west-1', {}, { env: 'dev' }), {}).previousStackTags).toBeUndefined();
  });

  test.each([null, undefined])('no session (%p) is InvalidCredentials', (none) => {
    expect(() => buildOperationInput(none, request('eu-west-1'), {})).toThrow(expect.objectContaining({ errorCode: 'InvalidCredentials' }));
  });
});
