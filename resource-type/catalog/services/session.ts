import { KMS } from '../actions';
import { defineService } from '../define';

export const session = defineService({
  id: 'session',
  attributeName: 'Session',
  displayName: 'AWS Systems Manager Session Manager',
  defaultDescription: 'KMS key for AWS Systems Manager Session Manager session data',
  purpose: 'Session Manager session data between the client and the managed node.',
  docLinks: [
    {
      title: 'Turn on KMS key encryption of session data',
      url: 'https://docs.aws.amazon.com/systems-manager/latest/userguide/session-preferences-enable-encryption.html',
    },
  ],
  keyUserActions: [KMS.GenerateDataKey],
  crossAccountActions: [KMS.Decrypt, KMS.GenerateDataKey],
  nodeRoleActions: [KMS.Decrypt],
  directGrants: false,
  options: ['NodeRoleArns'],
  facts: [
    {
      text: "No service calls KMS here: the client (session-manager-plugin, with the user's credentials) calls GenerateDataKey and the SSM Agent (instance profile role) calls Decrypt. So there is no ViaService statement: key users get GenerateDataKey, NodeRoleArns get Decrypt.",
    },
    { text: 'Session logs are encrypted with the Logs/S3 keys, not this one.' },
    {
      text: 'Encryption context {aws:ssm:SessionId, aws:ssm:TargetId} on GenerateDataKey, as implementations of the session protocol report; no AWS page states it, so it is not used as a condition.',
      uncertain: true,
    },
  ],
});
