import { KMS } from '../actions';
import { defineService, viaService } from '../define';

export const xray = defineService({
  id: 'xray',
  attributeName: 'XRay',
  displayName: 'AWS X-Ray',
  defaultDescription: 'KMS key for AWS X-Ray trace data encryption',
  purpose: 'X-Ray trace data.',
  docLinks: [
    { title: 'Data protection in AWS X-Ray', url: 'https://docs.aws.amazon.com/xray/latest/devguide/xray-console-encryption.html' },
    {
      title: 'User permissions for encryption (AWS X-Ray)',
      url: 'https://docs.aws.amazon.com/xray/latest/devguide/security_iam_service-with-iam.html#xray-permissions-encryption',
    },
  ],
  viaService: [
    viaService(
      'ViaXRay',
      ['xray'],
      [KMS.Decrypt, KMS.DescribeKey],
      'The principal that sets the encryption configuration (PutEncryptionConfig) needs CreateGrant and DescribeKey; X-Ray then encrypts trace data through that grant, so writers need nothing; readers of encrypted traces need Decrypt. No Encrypt or GenerateDataKey for people.',
      { grantActions: [KMS.CreateGrant] },
    ),
  ],
  facts: [
    {
      text: 'Actions per role (CreateGrant + DescribeKey to configure, Decrypt to read traces) are from the X-Ray Developer Guide, "User permissions for encryption".',
    },
    {
      text: 'The kms:ViaService value is xray.<region>.amazonaws.com (KMS Developer Guide, table of services that support kms:ViaService).',
    },
  ],
});
