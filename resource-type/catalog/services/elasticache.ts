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
      ['elasticache', 'dax'],
      [KMS.Decrypt, KMS.DescribeKey, KMS.Encrypt, KMS.GenerateDataKeyAll, KMS.ReEncryptAll],
      'ElastiCache creates one grant per cache (and one per backup) for the caller. AWS says a kms:ViaService condition for ElastiCache must name both elasticache.<region>.amazonaws.com and dax.<region>.amazonaws.com.',
      { grantActions: [KMS.CreateGrant, KMS.ListGrants] },
    ),
  ],
  facts: [
    {
      text: "Not offered in AWS GovCloud (US) according to the reference solution, so the validator rejects elasticache there; neither the current ElastiCache at-rest encryption page nor the GovCloud User Guide's ElastiCache page states that restriction. Drop unavailableIn once confirmed available.",
      uncertain: true,
    },
    {
      text: 'Deleting or disabling the key (or revoking its grants) makes the cache irrecoverable; durability-enabled clusters fail within 12 hours.',
    },
    { text: 'MemoryDB is a separate service and is not covered by this key.' },
  ],
});
