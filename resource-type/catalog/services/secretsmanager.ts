import { KMS } from '../actions';
import { defineService, viaService } from '../define';

export const secretsmanager = defineService({
  id: 'secretsmanager',
  attributeName: 'SecretsManager',
  displayName: 'AWS Secrets Manager',
  defaultDescription: 'KMS key for AWS Secrets Manager secrets',
  purpose: 'Secret values in Secrets Manager.',
  docLinks: [
    {
      title: 'Secret encryption and decryption in AWS Secrets Manager',
      url: 'https://docs.aws.amazon.com/secretsmanager/latest/userguide/security-encryption.html',
    },
  ],
  viaService: [
    viaService(
      'ViaSecretsManager',
      ['secretsmanager'],
      [KMS.Decrypt, KMS.DescribeKey, KMS.GenerateDataKeyAll, KMS.ReEncryptAll],
      'Reading a secret needs Decrypt; creating or updating one needs GenerateDataKey and Decrypt (the reference solution lacked GenerateDataKey, so creates failed).',
      { grantActions: [KMS.CreateGrant] },
    ),
  ],
  facts: [{ text: 'Encryption context SecretARN and SecretVersionId.' }, { text: 'Encrypt is not needed (envelope encryption).' }],
});
