import { KMS } from '../actions';
import { defineService, viaService } from '../define';

export const backup = defineService({
  id: 'backup',
  attributeName: 'Backup',
  displayName: 'AWS Backup',
  defaultDescription: 'KMS key for AWS Backup vault encryption',
  purpose: 'Backups in AWS Backup vaults for fully managed resource types.',
  docLinks: [
    { title: 'Encryption for backups in AWS Backup', url: 'https://docs.aws.amazon.com/aws-backup/latest/devguide/encryption.html' },
  ],
  viaService: [
    viaService(
      'ViaBackup',
      ['backup'],
      [KMS.Decrypt, KMS.DescribeKey, KMS.GenerateDataKeyAll],
      'The backup role uses the vault key through AWS Backup; mirrors aws/backup plus DescribeKey.',
      { grantActions: [KMS.CreateGrant] },
    ),
  ],
  facts: [
    {
      text: 'The vault key encrypts only fully managed resource types (S3, EFS, DynamoDB advanced backup, VMware, Timestream...); EBS, RDS and EC2 backups keep the source resource key.',
    },
    { text: 'Cross-account copy needs vaults with customer managed keys and a source key usable by the destination account.' },
    { text: 'Encryption context sent by AWS Backup.', uncertain: true },
  ],
});
