import { KMS } from '../actions';
import { defineService, viaService } from '../define';

export const s3 = defineService({
  id: 's3',
  attributeName: 'S3',
  displayName: 'Amazon S3',
  defaultDescription: 'KMS key for Amazon S3 server-side encryption (SSE-KMS)',
  purpose: 'Objects in S3 buckets encrypted with SSE-KMS or DSSE-KMS.',
  docLinks: [
    {
      title: 'Using server-side encryption with AWS KMS keys (SSE-KMS)',
      url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingKMSEncryption.html',
    },
    {
      title: 'Reducing the cost of SSE-KMS with S3 Bucket Keys',
      url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucket-key.html',
    },
  ],
  viaService: [
    viaService(
      'ViaS3',
      ['s3'],
      [KMS.Decrypt, KMS.DescribeKey, KMS.Encrypt, KMS.GenerateDataKeyAll, KMS.ReEncryptAll],
      'S3 calls GenerateDataKey on PUT (multipart uploads also Decrypt) and Decrypt on GET/copy, for the caller; mirrors the AWS managed key aws/s3.',
    ),
  ],
  facts: [
    { text: 'Encryption context aws:s3:arn is the object ARN, or the bucket ARN when S3 Bucket Keys are enabled.' },
    {
      text: 'Replication roles decrypt through s3 in the source Region and encrypt through s3 in the destination Region: give the destination key set the same trust.',
    },
    {
      text: 'CloudFront origin access control (cloudfront.amazonaws.com + aws:SourceArn) and log delivery to SSE-KMS buckets need AdditionalPolicyStatements.',
      uncertain: true,
    },
  ],
});
