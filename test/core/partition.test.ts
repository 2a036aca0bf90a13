import { KeySetError } from '../../resource-type/core/errors';
import { accountRootArn, kmsKeyArn, partitionOf } from '../../resource-type/core/partition';

describe('partitionOf', () => {
  test.each([
    ['eu-west-1', 'aws'],
    ['us-east-1', 'aws'],
    ['ap-southeast-4', 'aws'],
    ['cn-north-1', 'aws-cn'],
    ['cn-northwest-1', 'aws-cn'],
    ['us-gov-west-1', 'aws-us-gov'],
    ['us-gov-east-1', 'aws-us-gov'],
  ])('%s is in %s', (region, partition) => {
    expect(partitionOf(region)).toBe(partition);
  });

  test.each(['us-iso-east-1', 'us-isob-east-1', 'eu-isoe-west-1', 'us-isof-south-1', 'eusc-de-east-1'])(
    '%s (unsupported partition) is refused with InvalidRequest naming the Region',
    (region) => {
      let error: unknown;
      try {
        partitionOf(region);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(KeySetError);
      expect((error as KeySetError).code).toBe('InvalidRequest');
      expect((error as KeySetError).message).toContain(region);
    },
  );

  test('ARNs are built from the partition', () => {
    expect(accountRootArn('aws-cn', '111111111111')).toBe(['arn', 'aws-cn', 'iam', '', '111111111111', 'root'].join(':'));
    expect(kmsKeyArn('aws-us-gov', 'us-gov-west-1', '111111111111', 'k')).toBe(
      ['arn', 'aws-us-gov', 'kms', 'us-gov-west-1', '111111111111', 'key/k'].join(':'),
    );
  });
});
