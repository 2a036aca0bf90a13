import { arn } from '../../core/partition';
import { KMS } from '../actions';
import { defineService } from '../define';
import type { EncryptionContextCondition } from '../types';

const TRAILS: EncryptionContextCondition = {
  operator: 'StringLike',
  key: 'kms:EncryptionContext:aws:cloudtrail:arn',
  values: (ctx) => ctx.callerAccounts.map((account) => arn(ctx.partition, 'cloudtrail', '*', account, 'trail/*')),
};

export const cloudtrail = defineService({
  id: 'cloudtrail',
  attributeName: 'CloudTrail',
  displayName: 'AWS CloudTrail',
  defaultDescription: 'KMS key for AWS CloudTrail log file encryption',
  purpose: 'CloudTrail log and digest files delivered to S3 (SSE-KMS).',
  docLinks: [
    {
      title: 'Configure AWS KMS key policies for CloudTrail',
      url: 'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-kms-key-policy-for-cloudtrail.html',
    },
  ],
  servicePrincipals: [
    {
      id: 'CloudTrailEncrypt',
      principal: 'cloudtrail',
      actions: [KMS.GenerateDataKeyAll],
      sourceArn: true,
      encryptionContext: TRAILS,
      why: 'CloudTrail encrypts log files of trails owned by the allowed accounts; SourceArns (trail ARNs) narrow it further, as the CloudTrail guide recommends.',
    },
    {
      id: 'CloudTrailDescribe',
      principal: 'cloudtrail',
      actions: [KMS.DescribeKey],
      sourceArn: true,
      why: 'CloudTrail describes the key when a trail is created or updated.',
    },
  ],
  options: ['SourceArns'],
  viaService: [],
  crossAccountActions: [KMS.Decrypt, KMS.DescribeKey, KMS.ReEncryptFrom],
  facts: [
    { text: 'Readers decrypt log files through S3 (the key users, trusted accounts and organization statements give Decrypt).' },
    {
      text: 'Organization trails: the trail ARN carries the management account id, so that account must be the owner or a trusted account.',
    },
    {
      text: 'CloudTrail Lake event data stores need GenerateDataKey and Decrypt without source conditions (not supported there); add them with AdditionalPolicyStatements.',
      uncertain: true,
    },
  ],
});
