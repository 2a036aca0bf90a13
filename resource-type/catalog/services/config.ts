import { KMS } from '../actions';
import { defineService } from '../define';

export const config = defineService({
  id: 'config',
  attributeName: 'Config',
  displayName: 'AWS Config',
  defaultDescription: 'KMS key for AWS Config delivery channel encryption',
  purpose: 'Configuration snapshots and history delivered by AWS Config to S3 (SSE-KMS).',
  docLinks: [
    {
      title: 'Permissions for the KMS key (AWS Config delivery to S3)',
      url: 'https://docs.aws.amazon.com/config/latest/developerguide/s3-kms-key-policy.html',
    },
  ],
  servicePrincipals: [
    {
      id: 'ConfigService',
      principal: 'config',
      actions: [KMS.Decrypt, KMS.GenerateDataKey],
      sourceAccount: true,
      sourceArn: true,
      why: 'AWS Config (service principal) encrypts delivered objects; limited to the allowed accounts by aws:SourceAccount (confused deputy protection).',
    },
  ],
  options: ['SourceArns'],
  facts: [
    { text: 'When AWS Config uses a service-linked or delivery role instead of the service principal, list the role in KeyUserArns.' },
    { text: 'SNS delivery uses the role, not this key.', uncertain: true },
  ],
});
