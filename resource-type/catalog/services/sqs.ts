import { KMS } from '../actions';
import { defineService, viaService } from '../define';

const SEND: readonly string[] = [KMS.Decrypt, KMS.GenerateDataKeyAll];

export const sqs = defineService({
  id: 'sqs',
  attributeName: 'Sqs',
  displayName: 'Amazon SQS',
  defaultDescription: 'KMS key for Amazon SQS queue encryption',
  purpose: 'Messages in SQS queues with SSE-KMS.',
  docLinks: [
    {
      title: 'Amazon SQS key management',
      url: 'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-key-management.html',
    },
  ],
  viaService: [
    viaService(
      'ViaSqs',
      ['sqs'],
      [KMS.Decrypt, KMS.DescribeKey, KMS.GenerateDataKeyAll],
      'Producers need GenerateDataKey and Decrypt, consumers Decrypt, all through SQS; no grants needed.',
    ),
  ],
  eventSources: [
    {
      id: 'events',
      principal: 'events',
      actions: SEND,
      sourceConditions: 'ifExists',
      why: 'EventBridge rules target the queue; source keys may be absent on this path.',
    },
    { id: 's3', principal: 's3', actions: SEND, sourceConditions: 'required', why: 'S3 event notifications to the queue.' },
    { id: 'sns', principal: 'sns', actions: SEND, sourceConditions: 'required', why: 'SNS topics delivering to the queue.' },
  ],
  options: ['EventSourceServices', 'SourceArns'],
  facts: [{ text: 'Encryption context aws:sqs:arn = queue ARN.' }, { text: 'Dead-letter queue consumers also need the source queue key.' }],
});
