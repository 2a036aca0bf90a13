import { KMS } from '../actions';
import { defineService, viaService } from '../define';

export const athena = defineService({
  id: 'athena',
  attributeName: 'Athena',
  displayName: 'Amazon Athena',
  defaultDescription: 'KMS key for Amazon Athena query result encryption',
  purpose: 'Athena query results in S3 (SSE-KMS) and Athena-managed data such as notebooks and Spark calculations.',
  docLinks: [{ title: 'Encryption at rest (Amazon Athena)', url: 'https://docs.aws.amazon.com/athena/latest/ug/encryption.html' }],
  viaService: [
    viaService(
      'ViaAthena',
      ['athena'],
      [KMS.Decrypt, KMS.DescribeKey, KMS.Encrypt, KMS.GenerateDataKeyAll],
      'Athena encrypts and decrypts for the query caller.',
      { uncertain: true },
    ),
    viaService(
      'ViaS3ForAthena',
      ['s3'],
      [KMS.Decrypt, KMS.DescribeKey, KMS.GenerateDataKeyAll],
      'SSE-KMS query results are written and read through S3.',
    ),
  ],
  facts: [{ text: 'CSE-KMS (client-side) results make the caller call KMS directly: list those roles in KeyUserArns.' }],
});
