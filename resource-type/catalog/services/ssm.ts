import { KMS } from '../actions';
import { defineService, viaService } from '../define';

export const ssm = defineService({
  id: 'ssm',
  attributeName: 'Ssm',
  displayName: 'AWS Systems Manager Parameter Store',
  defaultDescription: 'KMS key for AWS Systems Manager Parameter Store SecureString parameters',
  purpose: 'SecureString parameters in Parameter Store.',
  docLinks: [
    {
      title: 'How Parameter Store uses AWS KMS',
      url: 'https://docs.aws.amazon.com/kms/latest/developerguide/services-parameter-store.html',
    },
  ],
  viaService: [
    viaService(
      'ViaSsm',
      ['ssm'],
      [KMS.Decrypt, KMS.DescribeKey, KMS.Encrypt, KMS.GenerateDataKeyAll],
      'Standard SecureString: Encrypt on put, Decrypt on get; advanced tier: GenerateDataKey + Decrypt. ReEncrypt is not needed.',
    ),
  ],
  facts: [{ text: 'Encryption context PARAMETER_ARN = parameter ARN.' }],
});
