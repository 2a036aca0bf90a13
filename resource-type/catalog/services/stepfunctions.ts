import { KMS } from '../actions';
import { defineService, viaService } from '../define';

export const stepfunctions = defineService({
  id: 'stepfunctions',
  attributeName: 'StepFunctions',
  displayName: 'AWS Step Functions',
  defaultDescription: 'KMS key for AWS Step Functions state machine and activity encryption',
  purpose: 'State machine definitions, execution history and activity inputs.',
  docLinks: [
    {
      title: 'Data at rest encryption in Step Functions',
      url: 'https://docs.aws.amazon.com/step-functions/latest/dg/encryption-at-rest.html',
    },
  ],
  viaService: [
    viaService(
      'ViaStepFunctions',
      ['states'],
      [KMS.Decrypt, KMS.DescribeKey, KMS.GenerateDataKeyAll],
      'API callers use the key through Step Functions: CreateStateMachine/UpdateStateMachine need DescribeKey and GenerateDataKey, CreateActivity DescribeKey; DescribeStateMachine, DescribeExecution, GetExecutionHistory, StartSyncExecution and GetActivityTask need Decrypt.',
    ),
  ],
  facts: [
    {
      text: 'Encryption context aws:states:stateMachineArn (state machines) or aws:states:activityArn (activities), value the resource ARN.',
    },
    {
      text: 'The execution role calls KMS directly, not through Step Functions: it needs kms:Decrypt and kms:GenerateDataKey from an IAM policy (scoped with kms:EncryptionContext:aws:states:stateMachineArn) or from KeyUserArns. AWS warns that a kms:ViaService condition on the execution role makes executions fail.',
    },
    {
      text: 'Logging to CloudWatch Logs with an encrypted state machine: the key policy must also let delivery.logs.amazonaws.com call kms:Decrypt (add it with AdditionalPolicyStatements), and the execution role needs kms:GenerateDataKey with kms:EncryptionContext:SourceArn = the log group; an encrypted log group needs the Logs key.',
    },
  ],
});
