import { arn } from '../../core/partition';
import { KMS } from '../actions';
import { defineService, viaService } from '../define';

export const mwaa = defineService({
  id: 'mwaa',
  attributeName: 'Mwaa',
  displayName: 'Amazon MWAA',
  defaultDescription: 'KMS key for Amazon Managed Workflows for Apache Airflow environments',
  purpose: 'MWAA environment data: the Celery queue (SQS), logs (CloudWatch Logs), metadata database.',
  supportsMultiRegion: false,
  supportsAlias: false,
  docLinks: [
    {
      title: 'Using customer managed keys for encryption (Amazon MWAA)',
      url: 'https://docs.aws.amazon.com/mwaa/latest/userguide/custom-keys-certs.html',
    },
  ],
  viaService: [
    viaService(
      'ViaSqsForMwaa',
      ['sqs'],
      [KMS.Decrypt, KMS.DescribeKey, KMS.Encrypt, KMS.GenerateDataKeyAll],
      'The execution role uses the Celery queue (in an MWAA-owned account) through SQS. Unlike the reference (any principal of any account), callers must be in the allowed accounts.',
      {
        encryptionContext: {
          operator: 'ArnLike',
          key: 'kms:EncryptionContext:aws:sqs:arn',
          values: (ctx) => [arn(ctx.partition, 'sqs', ctx.region, '*', 'airflow-celery-*')],
        },
      },
    ),
    viaService(
      'ViaS3ForMwaa',
      ['s3'],
      [KMS.Decrypt, KMS.DescribeKey, KMS.Encrypt, KMS.GenerateDataKeyAll],
      'The execution role reads DAGs/requirements from the environment bucket through S3.',
    ),
    viaService(
      'ViaAirflow',
      ['airflow'],
      [KMS.DescribeKey],
      'MWAA creates grants for the environment through airflow.<region>.amazonaws.com.',
      { grantActions: [KMS.CreateGrant], uncertain: true },
    ),
  ],
  servicePrincipals: [
    {
      id: 'LogsServiceForMwaa',
      principal: 'logs',
      regional: true,
      actions: ['kms:Decrypt*', 'kms:Describe*', 'kms:Encrypt*', KMS.GenerateDataKeyAll, KMS.ReEncryptAll],
      encryptionContext: {
        operator: 'ArnLike',
        key: 'kms:EncryptionContext:aws:logs:arn',
        values: (ctx) => ctx.callerAccounts.map((account) => arn(ctx.partition, 'logs', ctx.region, account, 'log-group:airflow-*')),
      },
      why: 'MWAA log groups (airflow-<environment>-<component>) are encrypted with this key; the key policy must hold the Logs statement.',
    },
  ],
  facts: [
    { text: 'MWAA does not support multi-Region keys, and accepts only a key id or ARN (not an alias).' },
    {
      text: 'The key policy must hold the CloudWatch Logs statement; MWAA attaches four grants to the key (airflow.<region>.amazonaws.com) for its SQS queue, Aurora PostgreSQL database, Secrets Manager secrets, S3 and DynamoDB data.',
    },
    {
      text: 'The reference solution had a statement open to every AWS account (Principal * with only a caller-chosen encryption context); this one requires kms:ViaService sqs and the allowed caller accounts.',
    },
  ],
});
