import { HandlerErrorCode } from '@amazon-web-services-cloudformation/cloudformation-cli-typescript-lib';
import { entrypoint, testEntrypoint } from '../../handlers/registry/handlers';
import { CREDENTIALS, handlerRequest } from './payloads';

const ERROR_CODES = new Set<string>(Object.values(HandlerErrorCode));

async function invoke(payload: unknown): Promise<Record<string, unknown>> {
  // The lib returns the serialized ProgressEvent (plain JSON) from entrypoint.
  const response = await entrypoint(payload, {} as never);
  return JSON.parse(JSON.stringify(response)) as Record<string, unknown>;
}

describe('registry entrypoint wiring', () => {
  const savedEndpoint = process.env.AWS_ENDPOINT_URL;
  beforeAll(() => {
    jest.spyOn(console, 'log').mockImplementation(() => undefined);
    // Hermetic once the real operations land: any SDK v3 call gets "connection refused" at once
    // instead of reaching (or waiting for) AWS with the fake credentials of these payloads.
    process.env.AWS_ENDPOINT_URL = 'http://127.0.0.1:9';
  });
  afterAll(() => {
    if (savedEndpoint === undefined) delete process.env.AWS_ENDPOINT_URL;
    else process.env.AWS_ENDPOINT_URL = savedEndpoint;
  });

  test.each(['CREATE', 'READ', 'UPDATE', 'DELETE', 'LIST'])(
    '%s reaches the operations module and fails with an errorCode',
    async (action) => {
      const event = await invoke(handlerRequest(action));
      expect(event.status).toBe('FAILED');
      // Placeholder operations throw InvalidRequest "not implemented"; once the engine lands
      // the call goes to AWS with fake credentials and must still fail with a valid code.
      expect(ERROR_CODES.has(event.errorCode as string)).toBe(true);
      expect(event.callbackDelaySeconds).toBe(0);
      expect(event).not.toHaveProperty('resourceModels');
      expect(typeof event.message).toBe('string');
      expect((event.message as string).length).toBeGreaterThan(0);
    },
  );

  test('missing caller credentials fail with InvalidCredentials, even after a call that had them (warm container)', async () => {
    const event = await invoke(handlerRequest('CREATE', { withCredentials: false }));
    expect(event).toMatchObject({ status: 'FAILED', errorCode: 'InvalidCredentials', callbackDelaySeconds: 0 });
    expect(event.message).toMatch(/credentials/);
  });

  test('a request without awsAccountId fails with InvalidRequest', async () => {
    const { awsAccountId: _omit, ...payload } = handlerRequest('READ');
    const event = await invoke(payload);
    expect(event).toMatchObject({ status: 'FAILED', errorCode: 'InvalidRequest' });
  });

  test('a boolean that is not "true"/"false" fails with InvalidRequest', async () => {
    const event = await invoke(
      handlerRequest('CREATE', { properties: { ProjectCode: 'org', Services: [{ Service: 's3', Enabled: 'maybe' }] } }),
    );
    expect(event).toMatchObject({ status: 'FAILED', errorCode: 'InvalidRequest' });
  });

  test('an unknown action fails with an errorCode', async () => {
    const event = await invoke(handlerRequest('PATCH'));
    expect(event.status).toBe('FAILED');
    expect(ERROR_CODES.has(event.errorCode as string)).toBe(true);
  });

  test('testEntrypoint (sam local) is wired the same way', async () => {
    const response = await testEntrypoint(
      {
        credentials: CREDENTIALS,
        action: 'CREATE',
        region: 'eu-west-1',
        request: {
          clientRequestToken: 'token-1',
          desiredResourceState: { ProjectCode: 'org', Services: [{ Service: 's3' }] },
          logicalResourceIdentifier: 'ServiceKeys',
          awsAccountId: '111122223333',
          region: 'eu-west-1',
        },
        callbackContext: null,
      },
      {},
    );
    const event = JSON.parse(JSON.stringify(response)) as Record<string, unknown>;
    expect(event.status).toBe('FAILED');
    expect(ERROR_CODES.has(event.errorCode as string)).toBe(true);
  });
});
