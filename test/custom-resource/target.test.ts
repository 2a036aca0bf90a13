import { KeySetError } from '../../resource-type/core/errors';
import { deploymentTarget } from '../../handlers/custom-resource/target';

const STACK = 'arn:aws-us-gov:cloudformation:us-gov-west-1:111111111111:stack/keys/6c1f9a20-ad6e-11ef-9e5c-0a1b2c3d4e5f';

describe('deploymentTarget (account and Region of the key set)', () => {
  it('takes the account from the StackId and the Region from AWS_REGION, with its partition', () => {
    expect(deploymentTarget(STACK, { AWS_REGION: 'us-gov-west-1' })).toEqual({
      accountId: '111111111111',
      region: 'us-gov-west-1',
      partition: 'aws-us-gov',
    });
  });

  it("falls back to the StackId's Region when AWS_REGION is not set", () => {
    expect(deploymentTarget(STACK.replace(/aws-us-gov/, 'aws-cn').replace('us-gov-west-1', 'cn-north-1'), {})).toEqual({
      accountId: '111111111111',
      region: 'cn-north-1',
      partition: 'aws-cn',
    });
  });

  it('refuses a stack in another account than the function (a central provider)', () => {
    const error = (() => {
      try {
        return deploymentTarget(STACK, {}, 'arn:aws-us-gov:lambda:us-gov-west-1:222222222222:function:provider');
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(KeySetError);
    expect((error as KeySetError).code).toBe('InvalidRequest');
    expect((error as KeySetError).message).toMatch(
      /^The stack is in account 111111111111 but this provider function runs in account 222222222222/,
    );
  });

  it('refuses a StackId that is no ARN', () => {
    expect(() => deploymentTarget('my-stack', {})).toThrow(
      'StackId "my-stack" is not a CloudFormation stack ARN; the request cannot be attributed to an account.',
    );
  });
});
