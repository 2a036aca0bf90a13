import { KMS } from '../actions';
import { defineService, viaService } from '../define';

export const ecr = defineService({
  id: 'ecr',
  attributeName: 'Ecr',
  displayName: 'Amazon ECR',
  defaultDescription: 'KMS key for Amazon ECR repository encryption',
  purpose: 'Container images in ECR repositories created with KMS encryption.',
  docLinks: [
    { title: 'Encryption at rest (Amazon ECR)', url: 'https://docs.aws.amazon.com/AmazonECR/latest/userguide/encryption-at-rest.html' },
  ],
  viaService: [
    viaService(
      'ViaEcr',
      ['ecr'],
      [KMS.DescribeKey, KMS.RetireGrant],
      'CreateRepository calls DescribeKey and creates grants (for ECR and its backing S3); deleting the repository retires them. Image pushes and pulls use the grants, so Encrypt/Decrypt are not needed.',
      { grantActions: [KMS.CreateGrant] },
    ),
  ],
  facts: [
    { text: 'The grantees of the two grants ECR creates.', uncertain: true },
    { text: 'DSSE-KMS for ECR is available only in AWS GovCloud (US).' },
  ],
});
