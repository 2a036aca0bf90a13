import { arn } from '../../core/partition';
import { KMS } from '../actions';
import { defineService, viaService } from '../define';

export const glue = defineService({
  id: 'glue',
  attributeName: 'Glue',
  displayName: 'AWS Glue',
  defaultDescription: 'KMS key for AWS Glue Data Catalog and security configurations',
  purpose: 'Glue Data Catalog metadata, connection passwords and security configurations (S3 targets, CloudWatch Logs, job bookmarks).',
  docLinks: [
    { title: 'Encrypting your Data Catalog', url: 'https://docs.aws.amazon.com/glue/latest/dg/encrypt-glue-data-catalog.html' },
    {
      title: 'Encrypting data written by crawlers, jobs, and development endpoints',
      url: 'https://docs.aws.amazon.com/glue/latest/dg/encryption-security-configuration.html',
    },
  ],
  viaService: [
    viaService(
      'ViaGlue',
      ['glue'],
      [KMS.Decrypt, KMS.DescribeKey, KMS.Encrypt, KMS.GenerateDataKeyAll],
      'Data Catalog clients encrypt and decrypt catalog objects and connection passwords through Glue.',
      { grantActions: [KMS.CreateGrant] },
    ),
    viaService(
      'ViaS3ForGlue',
      ['s3'],
      [KMS.Decrypt, KMS.DescribeKey, KMS.Encrypt, KMS.GenerateDataKeyAll],
      'Security configurations write job/crawler output to S3 with SSE-KMS.',
    ),
  ],
  servicePrincipals: [
    {
      id: 'LogsServiceForGlue',
      principal: 'logs',
      regional: true,
      actions: ['kms:Decrypt*', 'kms:Describe*', 'kms:Encrypt*', KMS.GenerateDataKeyAll, KMS.ReEncryptAll],
      encryptionContext: {
        operator: 'ArnLike',
        key: 'kms:EncryptionContext:aws:logs:arn',
        values: (ctx) => ctx.callerAccounts.map((account) => arn(ctx.partition, 'logs', ctx.region, account, 'log-group:/aws-glue/*')),
      },
      why: 'Security configurations with CloudWatch Logs encryption: Logs encrypts /aws-glue/* log groups.',
    },
  ],
  facts: [
    { text: 'Job bookmarks are encrypted client-side: the job/crawler role calls KMS directly, so list it in KeyUserArns.' },
    { text: 'Encryption context for Data Catalog objects.', uncertain: true },
  ],
});
