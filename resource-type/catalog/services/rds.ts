import { KMS } from '../actions';
import { defineService, viaService } from '../define';

export const rds = defineService({
  id: 'rds',
  attributeName: 'Rds',
  displayName: 'Amazon RDS / Aurora',
  defaultDescription: 'KMS key for Amazon RDS and Aurora storage encryption',
  purpose: 'RDS and Aurora DB instances/clusters, snapshots and Performance Insights (also Neptune, DocumentDB).',
  docLinks: [
    {
      title: 'AWS KMS key management (Amazon RDS)',
      url: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Overview.Encryption.Keys.html',
    },
  ],
  viaService: [
    viaService(
      'ViaRds',
      ['rds'],
      [KMS.Decrypt, KMS.DescribeKey, KMS.Encrypt, KMS.GenerateDataKeyAll, KMS.ReEncryptAll],
      'The creator needs CreateGrant and DescribeKey; RDS does the rest through grants; mirrors aws/rds.',
      { grantActions: [KMS.CreateGrant, KMS.ListGrants] },
    ),
  ],
  facts: [
    {
      text: 'Cross-account snapshot copy needs the target account among the caller accounts (CrossAccountAccessViaService + TrustedAccountIds).',
    },
    { text: 'Snapshot export to S3 uses an IAM role that calls KMS directly: list it in KeyUserArns.' },
    { text: 'Neptune and RDS Performance Insights use the rds host (KMS Developer Guide, kms:ViaService table).' },
    { text: 'DocumentDB is believed to use the rds host too; it is not in the KMS ViaService table.', uncertain: true },
  ],
});
