import { KMS } from '../actions';
import { defineService, viaService } from '../define';

export const redshift = defineService({
  id: 'redshift',
  attributeName: 'Redshift',
  displayName: 'Amazon Redshift',
  defaultDescription: 'KMS key for Amazon Redshift cluster and serverless encryption',
  purpose: 'Redshift provisioned clusters, Redshift Serverless namespaces and their snapshots.',
  docLinks: [
    {
      title: 'Amazon Redshift database encryption',
      url: 'https://docs.aws.amazon.com/redshift/latest/mgmt/working-with-db-encryption.html',
    },
  ],
  viaService: [
    viaService(
      'ViaRedshift',
      ['redshift', 'redshift-serverless'],
      [KMS.Decrypt, KMS.DescribeKey, KMS.Encrypt, KMS.GenerateDataKeyAll, KMS.ReEncryptAll],
      'The cluster/namespace creator needs CreateGrant and DescribeKey; Redshift uses grants afterwards. Redshift Serverless has its own host.',
      { grantActions: [KMS.CreateGrant] },
    ),
  ],
  facts: [
    { text: 'Cross-Region snapshot copy needs a snapshot copy grant in the destination Region (a destination key).' },
    { text: 'Encryption context aws:redshift:arn and aws:redshift:createtime.', uncertain: true },
  ],
});
