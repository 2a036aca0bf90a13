import { KMS } from '../actions';
import { defineService, viaService } from '../define';

export const firehose = defineService({
  id: 'firehose',
  attributeName: 'Firehose',
  displayName: 'Amazon Data Firehose',
  defaultDescription: 'KMS key for Amazon Data Firehose stream server-side encryption',
  purpose: 'Records buffered in Firehose streams with server-side encryption.',
  docLinks: [{ title: 'Data protection in Amazon Data Firehose', url: 'https://docs.aws.amazon.com/firehose/latest/dev/encryption.html' }],
  viaService: [
    viaService(
      'ViaFirehose',
      ['firehose'],
      [KMS.Decrypt, KMS.DescribeKey, KMS.GenerateDataKeyAll],
      'Starting server-side encryption makes Firehose create a grant (caller needs CreateGrant and DescribeKey); producers via Firehose.',
      { grantActions: [KMS.CreateGrant] },
    ),
  ],
  facts: [
    { text: 'S3 destinations use the S3 key (through s3); a Kinesis Data Streams source uses the kinesis key.' },
    {
      text: 'Producers writing to a stream with server-side encryption need GenerateDataKey and Decrypt through firehose, as the AWS managed policy AWSWAFLoggingServiceRolePolicy grants (statement KMSForFirehoseSSECMK, kms:ViaService firehose.*.amazonaws.com).',
    },
  ],
});
