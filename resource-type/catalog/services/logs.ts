import { arn } from '../../core/partition';
import { KMS } from '../actions';
import { defineService, viaService } from '../define';
import type { EncryptionContextCondition } from '../types';

/** Log groups of the allowed accounts in the key's Region. */
export const LOG_GROUP_CONTEXT: EncryptionContextCondition = {
  operator: 'ArnLike',
  key: 'kms:EncryptionContext:aws:logs:arn',
  values: (ctx) => ctx.callerAccounts.map((account) => arn(ctx.partition, 'logs', ctx.region, account, 'log-group:*')),
};

export const logs = defineService({
  id: 'logs',
  attributeName: 'Logs',
  displayName: 'Amazon CloudWatch Logs',
  defaultDescription: 'KMS key for Amazon CloudWatch Logs log group encryption',
  purpose: 'CloudWatch Logs log groups (log events, query results).',
  docLinks: [
    {
      title: 'Encrypt log data in CloudWatch Logs using AWS KMS',
      url: 'https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html',
    },
  ],
  servicePrincipals: [
    {
      id: 'LogsService',
      principal: 'logs',
      regional: true,
      actions: ['kms:Decrypt*', 'kms:Describe*', 'kms:Encrypt*', KMS.GenerateDataKeyAll, KMS.ReEncryptAll],
      encryptionContext: LOG_GROUP_CONTEXT,
      why: 'CloudWatch Logs (regional principal) encrypts log events, limited to log groups of the allowed accounts in this Region by the aws:logs:arn encryption context.',
    },
  ],
  viaService: [
    viaService(
      'ViaLogs',
      ['logs'],
      [KMS.Decrypt, KMS.GenerateDataKeyAll],
      'Newer CloudWatch Logs features call KMS for the caller (kms:ViaService logs.<region>.amazonaws.com); limited to the same log groups.',
      { encryptionContext: LOG_GROUP_CONTEXT, uncertain: true },
    ),
  ],
  facts: [
    { text: 'In aws-cn the principal is logs.<region>.amazonaws.com.cn.' },
    {
      text: 'Newer opt-in Regions may reject the regional principal ("invalid service principals"); test in each Region before rollout.',
      uncertain: true,
    },
  ],
});
