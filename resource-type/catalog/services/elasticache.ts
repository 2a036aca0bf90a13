import { KMS } from '../actions';
import { defineService, viaService } from '../define';

export const elasticache = defineService({
  id: 'elasticache',
  attributeName: 'ElastiCache',
  displayName: 'Amazon ElastiCache',
  defaultDescription: 'KMS key for Amazon ElastiCache at-rest encryption',
  purpose: 'ElastiCache (Redis OSS / Valkey / Memcached serverless) data at rest and backups.',
  unavailableIn: ['aws-us-gov'],
  docLinks: [
    { title: 'At-rest encryption in ElastiCache', url: 'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/at-rest-encryption.html' },
  ],
  viaService: [
    viaService(
      'ViaElastiCache',
      ['elasticache'],
      [KMS.Decrypt, KMS.DescribeKey, KMS.Encrypt, KMS.GenerateDataKeyAll, KMS.ReEncryptAll],
      'ElastiCache uses the key through grants created for the caller.',
      { grantActions: [KMS.CreateGrant, KMS.ListGrants] },
    ),
  ],
  facts: [
    { text: 'Customer managed keys are not offered for ElastiCache in AWS GovCloud (US).', uncertain: true },
    { text: 'DAX and MemoryDB use other hosts (dax, memorydb) and are not covered by this key.', uncertain: true },
  ],
});
