import { KeySetError } from '../../resource-type/core/errors';
import type { OperationInput, OperationOutcome } from '../../resource-type/operations';
import { runToCompletion } from '../../handlers/custom-resource/run-operation';

const base: OperationInput = {
  target: { accountId: '111111111111', region: 'eu-west-1', partition: 'aws' },
  properties: { ProjectCode: 'p' },
  requestToken: 'req-1',
  deadline: Date.now() + 60_000,
};

describe('runToCompletion (IN_PROGRESS loop inside one invocation)', () => {
  it('calls the operation again with the returned callbackContext and properties until SUCCESS', async () => {
    const seen: OperationInput[] = [];
    const outcomes: OperationOutcome[] = [
      { status: 'IN_PROGRESS', properties: { ProjectCode: 'p', Round: 1 }, callbackContext: { step: 1 }, callbackDelaySeconds: 0 },
      { status: 'IN_PROGRESS', properties: { ProjectCode: 'p', Round: 2 }, callbackContext: { step: 2 }, callbackDelaySeconds: 0 },
      { status: 'SUCCESS', properties: { ProjectCode: 'p', Keys: { KeyArns: {} } } },
    ];
    const operation = async (input: OperationInput) => {
      seen.push(input);
      return outcomes[seen.length - 1];
    };
    await expect(runToCompletion(operation, base, 'Creating key set p')).resolves.toEqual({ ProjectCode: 'p', Keys: { KeyArns: {} } });
    expect(seen.map((i) => i.callbackContext)).toEqual([undefined, { step: 1 }, { step: 2 }]);
    expect(seen.map((i) => i.properties)).toEqual([{ ProjectCode: 'p' }, { ProjectCode: 'p', Round: 1 }, { ProjectCode: 'p', Round: 2 }]);
    expect(new Set(seen.map((i) => i.requestToken))).toEqual(new Set(['req-1']));
  });

  it('stops with NotStabilized when the next round would start after the deadline', async () => {
    let calls = 0;
    const operation = async (): Promise<OperationOutcome> => {
      calls++;
      return { status: 'IN_PROGRESS', properties: {}, callbackContext: {}, callbackDelaySeconds: 30, message: 'waiting for replicas' };
    };
    const error = await runToCompletion(operation, { ...base, deadline: Date.now() + 5_000 }, 'Creating key set p').catch((e) => e);
    expect(error).toBeInstanceOf(KeySetError);
    expect(error.code).toBe('NotStabilized');
    expect(error.message).toMatch(
      /^Creating key set p did not finish within the provider function's time budget \(1 round\(s\)\)\. Last progress: waiting for replicas/,
    );
    expect(calls).toBe(1);
  });

  it('lets operation failures through unchanged', async () => {
    const failure = new KeySetError('AccessDenied', 'No.');
    await expect(runToCompletion(async () => Promise.reject(failure), base, 'x')).rejects.toBe(failure);
  });
});
