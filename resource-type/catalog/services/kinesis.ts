import { KMS } from '../actions';
import { defineService, viaService } from '../define';

export const kinesis = defineService({
  id: 'kinesis',
  attributeName: 'Kinesis',
  displayName: 'Amazon Kinesis Data Streams',
  defaultDescription: 'KMS key for Amazon Kinesis Data Streams server-side encryption',
  purpose: 'Records in Kinesis data streams with server-side encryption.',
  docLinks: [
    {
      title: 'Permissions to use user-generated KMS keys',
      url: 'https://docs.aws.amazon.com/streams/latest/dev/permissions-user-key-KMS.html',
    },
  ],
  viaService: [
    viaService(
      'ViaKinesis',
      ['kinesis'],
      [KMS.Decrypt, KMS.DescribeKey, KMS.Encrypt, KMS.GenerateDataKeyAll],
      "Producers need GenerateDataKey, consumers Decrypt, through Kinesis (Lambda and Flink consumers too: Kinesis calls KMS). The reference's extra lambda host is not needed.",
    ),
  ],
  facts: [
    { text: 'Encryption context aws:kinesis:arn = stream ARN.' },
    { text: 'Firehose server-side encryption is a separate service (firehose).' },
  ],
});
