import { KMS } from '../actions';
import { defineService } from '../define';

export const events = defineService({
  id: 'events',
  attributeName: 'Events',
  displayName: 'Amazon EventBridge',
  defaultDescription: 'KMS key for Amazon EventBridge event bus and archive encryption',
  purpose: 'Custom and partner events on EventBridge event buses, rules, targets and archives.',
  docLinks: [
    {
      title: 'Authorizing EventBridge to use a customer managed key',
      url: 'https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-encryption-key-policy.html',
    },
    {
      title: 'Encrypting EventBridge event buses with AWS KMS keys',
      url: 'https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-encryption-event-bus-cmkey.html',
    },
  ],
  servicePrincipals: [
    {
      id: 'EventBridgeService',
      principal: 'events',
      actions: [KMS.Decrypt, KMS.DescribeKey, KMS.GenerateDataKey],
      sourceAccount: true,
      sourceArn: true,
      why: 'EventBridge needs DescribeKey, GenerateDataKey and Decrypt; the guide recommends aws:SourceAccount / aws:SourceArn (event bus ARNs) so it uses the key only for your buses.',
    },
  ],
  options: ['SourceArns'],
  facts: [
    { text: 'Encryption context aws:events:event-bus:arn = event bus ARN.' },
    {
      text: 'EventBridge Pipes and Scheduler use the pipe/schedule execution role, not a service principal: list those roles in KeyUserArns.',
    },
    { text: 'Events from AWS services are encrypted with an AWS owned key, not this one.' },
  ],
});
