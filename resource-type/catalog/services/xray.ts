import { KMS } from '../actions';
import { defineService, viaService } from '../define';

export const xray = defineService({
  id: 'xray',
  attributeName: 'XRay',
  displayName: 'AWS X-Ray',
  defaultDescription: 'KMS key for AWS X-Ray trace data encryption',
  purpose: 'X-Ray trace data.',
  docLinks: [{ title: 'Data protection in AWS X-Ray', url: 'https://docs.aws.amazon.com/xray/latest/devguide/xray-console-encryption.html' }],
  viaService: [
    viaService('ViaXRay', ['xray'], [KMS.Decrypt, KMS.DescribeKey, KMS.Encrypt, KMS.GenerateDataKeyAll],
      'Whoever sets the encryption config needs CreateGrant and DescribeKey; readers of traces need Decrypt through X-Ray.',
      { grantActions: [KMS.CreateGrant], uncertain: true }),
  ],
  facts: [{ text: 'Exact action set X-Ray requests through kms:ViaService.', uncertain: true }],
});
