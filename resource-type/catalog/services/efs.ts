import { KMS } from '../actions';
import { defineService, viaService } from '../define';

export const efs = defineService({
  id: 'efs',
  attributeName: 'Efs',
  displayName: 'Amazon EFS',
  defaultDescription: 'KMS key for Amazon EFS file system encryption at rest',
  purpose: 'Data and metadata of EFS file systems encrypted at rest.',
  docLinks: [{ title: 'Encrypting data at rest (Amazon EFS)', url: 'https://docs.aws.amazon.com/efs/latest/ug/EFSKMS.html' }],
  viaService: [
    viaService(
      'ViaEfs',
      ['elasticfilesystem'],
      [KMS.Decrypt, KMS.DescribeKey, KMS.Encrypt, KMS.GenerateDataKeyAll, KMS.ReEncryptAll],
      'EFS needs Decrypt, GenerateDataKeyWithoutPlaintext and DescribeKey for the creator (Encrypt/ReEncrypt optional); mirrors aws/efs, which uses only the elasticfilesystem host (no ec2).',
      { grantActions: [KMS.CreateGrant] },
    ),
  ],
  facts: [
    { text: 'Encryption context aws:elasticfilesystem:filesystem:id.' },
    { text: 'EFS creates a grant per file system (CreateGrant required).' },
  ],
});
