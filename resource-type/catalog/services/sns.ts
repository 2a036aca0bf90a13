import { KMS } from '../actions';
import { defineService, viaService } from '../define';
import type { EventSource } from '../types';

const PUBLISH: readonly string[] = [KMS.Decrypt, KMS.GenerateDataKeyAll];
const source = (id: string, principal: string, why: string, extra: Partial<EventSource> = {}): EventSource => ({
  id,
  principal,
  actions: PUBLISH,
  sourceConditions: 'required',
  why,
  ...extra,
});

export const sns = defineService({
  id: 'sns',
  attributeName: 'Sns',
  displayName: 'Amazon SNS',
  defaultDescription: 'KMS key for Amazon SNS topic encryption',
  purpose: 'Messages in SNS topics with server-side encryption.',
  docLinks: [
    { title: 'Key management (Amazon SNS)', url: 'https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html' },
    {
      title: 'Enable compatibility between event sources from AWS services and encrypted topics',
      url: 'https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html#compatibility-with-aws-services',
    },
  ],
  viaService: [
    viaService(
      'ViaSns',
      ['sns'],
      [KMS.Decrypt, KMS.DescribeKey, KMS.GenerateDataKeyAll],
      'Publishers (and SNS delivering to encrypted subscriptions) need GenerateDataKey and Decrypt through SNS; no grants needed.',
    ),
  ],
  eventSources: [
    source('cloudwatch', 'cloudwatch', 'CloudWatch alarms publish to the topic.'),
    source(
      'events',
      'events',
      'EventBridge rules target the topic; EventBridge may not send source keys on this path, so they apply only when present.',
      { sourceConditions: 'ifExists' },
    ),
    source('s3', 's3', 'S3 event notifications.'),
    source('dynamodb', 'dynamodb', 'DynamoDB notifications.', { uncertain: true }),
    source('ses', 'ses', 'SES notifications (bounces, complaints, deliveries).'),
    source('codestar-notifications', 'codestar-notifications', 'CodeStar / developer tools notifications.'),
    source('codecommit', 'codecommit', 'CodeCommit triggers.', { uncertain: true }),
    source('dms', 'dms', 'Database Migration Service events.', { uncertain: true }),
    source('ds', 'ds', 'Directory Service notifications.', { uncertain: true }),
    source('inspector', 'inspector', 'Amazon Inspector findings.', { uncertain: true }),
    source('redshift', 'redshift', 'Redshift event notifications.', { uncertain: true }),
    source('rds', 'events.rds', 'RDS event notifications (principal events.rds.amazonaws.com).', { uncertain: true }),
    source('glacier', 'glacier', 'S3 Glacier vault notifications.', { uncertain: true }),
    source('backup', 'backup', 'AWS Backup vault notifications.', { uncertain: true }),
  ],
  options: ['EventSourceServices', 'SourceArns'],
  facts: [
    { text: 'Encryption context aws:sns:topicArn.', uncertain: true },
    { text: 'SNS docs recommend aws:SourceAccount and aws:SourceArn on service-principal statements (confused deputy).' },
    {
      text: 'Publishers need GenerateDataKey and Decrypt; event sources as service principals need GenerateDataKey* and Decrypt (SNS Developer Guide, Key management).',
    },
    {
      text: 'The service principal of each event source marked unverified could not be confirmed: the stored copy of the SNS guide elides its per-service table. Check the principal name in your Region before relying on it.',
      uncertain: true,
    },
    {
      text: 'Some sources publish with their IAM role, not a service principal (EC2 Auto Scaling, Elastic Transcoder, CodePipeline, AWS Config, Elastic Beanstalk, IoT, EC2 Image Builder): list those roles in KeyUserArns.',
    },
  ],
});
