/** CloudFormation-shaped HandlerRequest payloads (protocol 2.0.0), as `cfn test` and CloudFormation send them. */
export const CREDENTIALS = { accessKeyId: 'AKIAEXAMPLE', secretAccessKey: 'secret-example', sessionToken: 'token-example' };

export function handlerRequest(action: string, overrides: { withCredentials?: boolean; properties?: Record<string, unknown> } = {}) {
  const { withCredentials = true, properties } = overrides;
  return {
    action,
    awsAccountId: '111122223333',
    bearerToken: 'a3b1c2d4-0000-4000-8000-000000000001',
    region: 'eu-west-1',
    resourceType: 'Org::Security::ServiceKmsKeys',
    resourceTypeVersion: '00000001',
    callbackContext: null,
    requestData: {
      ...(withCredentials ? { callerCredentials: CREDENTIALS } : {}),
      logicalResourceId: 'ServiceKeys',
      resourceProperties: properties ?? {
        ProjectCode: 'org',
        Services: [{ Service: 's3', EnableKeyRotation: 'true', RotationPeriodInDays: '180' }],
        KeyAdministratorArns: ['arn:aws:iam::111122223333:role/Admin'],
        PendingWindowInDays: '7',
      },
      previousResourceProperties: null,
      stackTags: { env: 'prod' },
      systemTags: { 'aws:cloudformation:stack-name': 'kms' },
    },
  };
}
