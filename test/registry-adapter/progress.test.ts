import { progressLogger, toProgressEvent } from '../../handlers/registry/progress';

const MODEL = { ProjectCode: 'org', Services: [{ Service: 's3', RotationPeriodInDays: 180 }], Keys: { KeyArns: { S3: 'k' } } };

function serialized(event: { serialize(): unknown }): Record<string, unknown> {
  return JSON.parse(JSON.stringify(event.serialize())) as Record<string, unknown>;
}

describe('toProgressEvent', () => {
  test('IN_PROGRESS carries the full model, a context and a delay, no errorCode', () => {
    const event = serialized(
      toProgressEvent('CREATE', {
        status: 'IN_PROGRESS',
        properties: MODEL,
        callbackContext: { stage: 'replicas' },
        callbackDelaySeconds: 5,
        message: 'waiting',
      }),
    );
    expect(event).toEqual({
      status: 'IN_PROGRESS',
      message: 'waiting',
      callbackContext: { stage: 'replicas' },
      callbackDelaySeconds: 5,
      resourceModel: MODEL,
    });
  });

  test.each(['CREATE', 'UPDATE', 'READ'] as const)('%s SUCCESS returns the model', (action) => {
    const event = serialized(toProgressEvent(action, { status: 'SUCCESS', properties: MODEL }));
    expect(event).toEqual({ status: 'SUCCESS', message: '', callbackDelaySeconds: 0, resourceModel: MODEL });
  });

  test('DELETE SUCCESS has no resourceModel key', () => {
    const event = serialized(toProgressEvent('DELETE', { status: 'SUCCESS', properties: MODEL }));
    expect(event).toEqual({ status: 'SUCCESS', message: '', callbackDelaySeconds: 0 });
  });

  test('LIST returns every model in one page, without nextToken', () => {
    const event = serialized(toProgressEvent('LIST', { status: 'SUCCESS', list: [{ ProjectCode: 'a' }, { ProjectCode: 'b' }] }));
    expect(event.resourceModels).toEqual([{ ProjectCode: 'a' }, { ProjectCode: 'b' }]);
    expect(event).not.toHaveProperty('nextToken');
    expect(event.status).toBe('SUCCESS');
  });
});

describe('progressLogger', () => {
  test('writes one line per note to the handler log, naming Region and service', () => {
    const lines: string[] = [];
    const log = progressLogger({ log: (line: string) => void lines.push(line) })!;
    log({ region: 'eu-west-1', service: 's3', step: 'createKey', message: 'created the s3 key k1' });
    log({ region: 'eu-west-1', message: 'waiting' });
    expect(lines).toEqual(['[eu-west-1 s3] created the s3 key k1', '[eu-west-1] waiting']);
  });

  test('without a logger there is no hook', () => {
    expect(progressLogger(undefined)).toBeUndefined();
  });
});
