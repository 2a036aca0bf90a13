import { KMS } from '../actions';
import { defineService, viaService } from '../define';

export const opensearch = defineService({
  id: 'opensearch',
  attributeName: 'OpenSearch',
  displayName: 'Amazon OpenSearch Service',
  defaultDescription: 'KMS key for Amazon OpenSearch Service domain encryption at rest',
  purpose: 'OpenSearch Service domain data, indices, logs, swap files and automated snapshots.',
  docLinks: [
    {
      title: 'Encryption of data at rest for Amazon OpenSearch Service',
      url: 'https://docs.aws.amazon.com/opensearch-service/latest/developerguide/encryption-at-rest.html',
    },
  ],
  viaService: [
    viaService(
      'ViaOpenSearch',
      ['es'],
      [KMS.Decrypt, KMS.DescribeKey, KMS.Encrypt, KMS.GenerateDataKeyAll, KMS.ReEncryptAll],
      'OpenSearch Service (host es) creates a grant for the domain; the creator needs CreateGrant (with GrantIsForAWSResource) and DescribeKey.',
      { grantActions: [KMS.CreateGrant, KMS.ListGrants] },
    ),
  ],
  facts: [{ text: 'Console users also need kms:ListAliases/ListKeys through IAM to pick the key.' }],
});
