import { KMS } from '../actions';
import { defineService, viaService } from '../define';

export const msk = defineService({
  id: 'msk',
  attributeName: 'Msk',
  displayName: 'Amazon MSK',
  defaultDescription: 'KMS key for Amazon MSK cluster encryption at rest',
  purpose: 'Data at rest on MSK broker storage.',
  docLinks: [{ title: 'Amazon MSK encryption', url: 'https://docs.aws.amazon.com/msk/latest/developerguide/msk-encryption.html' }],
  viaService: [
    viaService(
      'ViaMsk',
      ['kafka'],
      [KMS.DescribeKey],
      'The cluster creator needs DescribeKey and CreateGrant through MSK (host kafka); MSK uses the grant for broker volumes.',
      { grantActions: [KMS.CreateGrant] },
    ),
  ],
  facts: [
    { text: 'Broker EBS volumes are encrypted through the grant MSK creates (EBS via ec2 is covered by that grant).', uncertain: true },
  ],
});
