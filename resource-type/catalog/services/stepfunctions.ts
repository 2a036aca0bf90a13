import { KMS } from '../actions';
import { defineService, viaService } from '../define';

export const stepfunctions = defineService({
  id: 'stepfunctions',
  attributeName: 'StepFunctions',
  displayName: 'AWS Step Functions',
  defaultDescription: 'KMS key for AWS Step Functions state machine and activity encryption',
  purpose: 'State machine definitions, execution history and activity inputs.',
  docLinks: [{ title: 'Data at rest encryption in Step Functions', url: 'https://docs.aws.amazon.com/step-functions/latest/dg/encryption-at-rest.html' }],
  viaService: [
    viaService('ViaStepFunctions', ['states'], [KMS.Decrypt, KMS.DescribeKey, KMS.GenerateDataKeyAll],
      'Step Functions calls GenerateDataKey (reused for KmsDataKeyReusePeriodSeconds) and Decrypt for the state machine\'s execution role and the API callers.',
      { uncertain: true }),
  ],
  facts: [
    { text: 'Encryption context aws:states:stateMachineArn / aws:states:activityArn.', uncertain: true },
    { text: 'Encrypted execution logging also needs the Logs key.' },
  ],
});
