import type { RunningEmulator } from '../../emulator';
import { createHandler } from '../../handlers/custom-resource';
import { checkResourceTagRoom, RESOURCE_TAG_KEY } from '../../handlers/custom-resource/resource-tag';
import { ValidationError } from '../../resource-type/core/errors';
import { validateProperties } from '../../resource-type/validation';
import { startResponseServer, type ResponseServer } from './response-server';
import { ACCOUNT, cfnEvent, keySetProps, keysOf, lambdaContext, mutatingCalls, REGION, startKms } from './harness';

const TARGET = { accountId: ACCOUNT, region: REGION, partition: 'aws' } as const;
const tags = (n: number, prefix = 't') => Array.from({ length: n }, (_, i) => ({ Key: `${prefix}${i}`, Value: 'v' }));

function problems(properties: Record<string, unknown>): string {
  const spec = validateProperties(properties, TARGET);
  try {
    checkResourceTagRoom(spec);
  } catch (error) {
    if (error instanceof ValidationError) return error.message;
    throw error;
  }
  return '';
}

describe('the provider resource tag (servicekmskeys-custom-resource)', () => {
  it('needs one tag of room on every key: 46 user tags fit, 47 (which the registry type accepts) do not', () => {
    expect(problems({ ...keySetProps('p'), Tags: tags(46) })).toBe('');
    // The registry type's validator accepts 47 user tags + 3 ownership tags = 50 ...
    expect(() => validateProperties({ ...keySetProps('p'), Tags: tags(47) }, TARGET)).not.toThrow();
    // ... but the provider adds a 51st, so it refuses before any KMS call, naming the key.
    expect(problems({ ...keySetProps('p', [{ Service: 's3', Tags: tags(2, 'k') }, { Service: 'logs' }]), Tags: tags(45) })).toBe(
      `Invalid input: Services/0/Tags = 51: the s3 key would carry 51 tags (key set Tags + per-key Tags + 3 ownership tags + the custom resource provider's ${RESOURCE_TAG_KEY} tag); KMS allows 50. Remove a tag.`,
    );
  });

  it('is reserved: a user tag with its key (any case) is refused, at set level and per key', () => {
    expect(
      problems({
        ...keySetProps('p', [{ Service: 's3', Tags: [{ Key: 'ServiceKmsKeys-Custom-Resource', Value: 'x' }] }]),
        Tags: [{ Key: RESOURCE_TAG_KEY, Value: 'x' }],
      }),
    ).toBe(
      'Invalid input (2 problems):\n' +
        `- Tags/0/Key = "${RESOURCE_TAG_KEY}": is set by the custom resource provider on every key to name the owning resource; choose another tag key.\n` +
        '- Services/0/Tags/0/Key = "ServiceKmsKeys-Custom-Resource": is set by the custom resource provider on every key to name the owning resource; choose another tag key.',
    );
  });

  describe('through the handler', () => {
    let kms: Awaited<ReturnType<typeof startKms>>;
    let emulator: RunningEmulator;
    let server: ResponseServer;
    const handler = createHandler({ send: { baseDelayMs: 5, maxDelayMs: 20 }, log: () => undefined });
    beforeAll(async () => {
      kms = await startKms();
      emulator = kms.emulator;
    });
    afterAll(async () => kms.restore());
    beforeEach(async () => {
      emulator.admin.reset();
      server = await startResponseServer();
    });
    afterEach(async () => server.close());

    it('answers FAILED for a key set with no room for the resource tag, without any KMS change', async () => {
      const event = cfnEvent('Create', server.url, { ...keySetProps('full', [{ Service: 's3' }]), Tags: tags(47) });
      await handler(event, lambdaContext());
      const body = server.onlyBody();
      expect(body.Status).toBe('FAILED');
      expect(body.Reason).toMatch(/^Invalid input: Services\/0\/Tags = 51: /);
      expect(body.PhysicalResourceId).toBe(`servicekmskeys-create-failed/${event.RequestId}`);
      expect(mutatingCalls(emulator)).toEqual({});
    });

    it('creates a key set with 46 user tags: every key carries exactly 50 tags', async () => {
      const event = cfnEvent('Create', server.url, { ...keySetProps('room', [{ Service: 's3' }]), Tags: tags(46) });
      await handler(event, lambdaContext());
      expect(server.onlyBody().Status).toBe('SUCCESS');
      expect(Object.keys(keysOf(emulator, 'room').s3.tags)).toHaveLength(50);
    });
  });
});
