import { defineService } from '../define';

export const acm = defineService({
  id: 'acm',
  attributeName: 'Acm',
  displayName: 'AWS Certificate Manager',
  defaultDescription: 'Not supported: ACM uses only the AWS managed key aws/acm',
  purpose: 'Nothing: ACM protects certificate private keys only with the AWS managed key aws/acm.',
  supportsMultiRegion: false,
  unsupportedReason:
    'AWS Certificate Manager has no customer managed key option: it protects private keys only with the AWS managed key aws/acm, so a key created for it would never be used. Remove the acm entry from Services.',
  docLinks: [
    { title: 'Data protection in AWS Certificate Manager', url: 'https://docs.aws.amazon.com/acm/latest/userguide/data-protection.html' },
  ],
  facts: [
    {
      text: 'The reference solution created a key and aws/acm-style statements (including an unconditioned Deny) for ACM that no service ever used.',
    },
  ],
});
