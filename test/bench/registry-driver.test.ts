import { handlerRequest, runAction, stringifyScalars, type RequestSpec } from '../../bench/registry-driver';

/** The fields of a HandlerRequest the tests read. */
interface Request {
  stackId: string;
  bearerToken: string;
  callbackContext: unknown;
  requestData: {
    callerCredentials: { accessKeyId: string; secretAccessKey: string; sessionToken: string };
    resourceProperties: unknown;
    previousResourceProperties: unknown;
    stackTags: unknown;
  };
}

const SPEC: RequestSpec = {
  action: 'CREATE',
  caller: { accountId: '111111111111', accessKeyId: 'AKIA111111111111TEST', secretAccessKey: 'secret' },
  region: 'eu-west-1',
  properties: { ProjectCode: 'p', PendingWindowInDays: 7, Services: [{ Service: 's3', MultiRegion: true }] },
  bearerToken: 'token-1',
  logicalResourceId: 'Keys',
  stackTags: { env: 'bench' },
};

describe('registry driver', () => {
  test('CloudFormation-shaped HandlerRequest: string-typed properties, caller credentials, no previous state on create', () => {
    const request = handlerRequest(SPEC, null, 1) as unknown as Request;
    expect(request).toMatchObject({
      action: 'CREATE',
      awsAccountId: '111111111111',
      bearerToken: 'token-1',
      region: 'eu-west-1',
      resourceType: 'Org::Security::ServiceKmsKeys',
      callbackContext: null,
    });
    expect(request.requestData.callerCredentials).toMatchObject({ accessKeyId: 'AKIA111111111111TEST', secretAccessKey: 'secret' });
    expect(request.requestData.resourceProperties).toEqual({
      ProjectCode: 'p',
      PendingWindowInDays: '7',
      Services: [{ Service: 's3', MultiRegion: 'true' }],
    });
    expect(request.requestData.previousResourceProperties).toBeNull();
    expect(request.requestData.stackTags).toEqual({ env: 'bench' });
    expect(request.stackId).toContain(':stack/');
  });

  test('stringifyScalars leaves strings and structure alone', () => {
    expect(stringifyScalars({ a: [1, true, 'x', { b: false }], c: null })).toEqual({ a: ['1', 'true', 'x', { b: 'false' }], c: null });
  });

  test('follows IN_PROGRESS with the returned callbackContext and model, same token, until SUCCESS', async () => {
    const seen: Request[] = [];
    const entrypoint = async (event: unknown) => {
      const e = event as Request;
      seen.push(e);
      if (seen.length < 3) {
        return {
          status: 'IN_PROGRESS',
          callbackContext: { step: seen.length },
          callbackDelaySeconds: seen.length * 5,
          resourceModel: { ProjectCode: 'p', Round: seen.length },
        };
      }
      return { status: 'SUCCESS', resourceModel: { ProjectCode: 'p' } };
    };
    const run = await runAction(entrypoint, SPEC);
    expect(run.final.status).toBe('SUCCESS');
    expect(run.invocations).toBe(3);
    expect(run.callbackDelaysSeconds).toEqual([5, 10]);
    expect(run.invocationMs).toHaveLength(3);
    expect(seen.map((e) => e.callbackContext)).toEqual([null, { step: 1 }, { step: 2 }]);
    expect(seen[2]!.requestData.resourceProperties).toEqual({ ProjectCode: 'p', Round: '2' });
    expect(new Set(seen.map((e) => e.bearerToken))).toEqual(new Set(['token-1']));
    // Fresh credentials on each invocation.
    expect(new Set(seen.map((e) => e.requestData.callerCredentials.sessionToken)).size).toBe(3);
  });

  test('a FAILED event ends the run; a handler that never finishes is an error', async () => {
    const failed = await runAction(async () => ({ status: 'FAILED', errorCode: 'NotFound', message: 'gone' }), SPEC);
    expect(failed.final).toMatchObject({ status: 'FAILED', errorCode: 'NotFound' });
    expect(failed.invocations).toBe(1);
    await expect(runAction(async () => ({ status: 'IN_PROGRESS', callbackContext: {} }), SPEC, 4)).rejects.toThrow(
      /still IN_PROGRESS after 4 invocations/,
    );
  });
});
