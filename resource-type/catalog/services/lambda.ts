import { KMS } from '../actions';
import { defineService, viaService } from '../define';

export const lambda = defineService({
  id: 'lambda',
  attributeName: 'Lambda',
  displayName: 'AWS Lambda',
  defaultDescription: 'KMS key for AWS Lambda environment variables and code',
  purpose: 'Lambda environment variables (and SnapStart snapshots/function code where supported).',
  docLinks: [
    {
      title: 'Securing Lambda environment variables',
      url: 'https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars-encryption.html',
    },
  ],
  viaService: [
    viaService(
      'ViaLambda',
      ['lambda'],
      [KMS.Decrypt, KMS.DescribeKey, KMS.Encrypt, KMS.GenerateDataKeyAll, KMS.ReEncryptAll],
      'Setting the key on a function makes Lambda create a grant and Encrypt; viewing variables in the console Decrypts; mirrors aws/lambda.',
      { grantActions: [KMS.CreateGrant] },
    ),
  ],
  facts: [
    { text: 'Console "encryption helpers" make the execution role call Decrypt directly (no ViaService): list such roles in KeyUserArns.' },
    { text: 'Encryption context aws:lambda:FunctionArn.', uncertain: true },
  ],
});
