import { keySetProperties } from '../../handlers/custom-resource/properties';

describe('keySetProperties (ResourceProperties → schema-typed properties)', () => {
  it('removes ServiceToken and ServiceTimeout and types scalars by the schema', () => {
    const raw = {
      ServiceToken: 'arn:aws:lambda:eu-west-1:111111111111:function:provider',
      ServiceTimeout: '960',
      ProjectCode: '1234',
      PendingWindowInDays: '7',
      CrossAccountAccessViaService: 'true',
      TrustedAccountIds: ['222222222222'],
      Services: [
        { Service: 's3', Enabled: 'false', EnableKeyRotation: 'true', RotationPeriodInDays: '180', MultiRegion: 'false' },
        { Service: 'dynamodb', GlobalTables: 'true', Tags: [{ Key: 'n', Value: '42' }] },
      ],
    };
    expect(keySetProperties(raw)).toEqual({
      ProjectCode: '1234',
      PendingWindowInDays: 7,
      CrossAccountAccessViaService: true,
      TrustedAccountIds: ['222222222222'],
      Services: [
        { Service: 's3', Enabled: false, EnableKeyRotation: true, RotationPeriodInDays: 180, MultiRegion: false },
        { Service: 'dynamodb', GlobalTables: true, Tags: [{ Key: 'n', Value: '42' }] },
      ],
    });
    expect(raw.ServiceTimeout).toBe('960'); // input untouched
  });

  it('leaves strings that do not parse as the schema type for the validator to reject', () => {
    expect(
      keySetProperties({ PendingWindowInDays: 'seven', CrossAccountAccessViaService: 'yes', Services: [{ RotationPeriodInDays: '36.5' }] }),
    ).toEqual({
      PendingWindowInDays: 'seven',
      CrossAccountAccessViaService: 'yes',
      Services: [{ RotationPeriodInDays: '36.5' }],
    });
  });

  it('passes free-form values (key policies, conditions) and unknown properties through unchanged', () => {
    const statement = {
      Sid: 'Tls',
      Effect: 'Deny',
      Principal: '*',
      Action: 'kms:*',
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    };
    const raw = {
      Services: [{ Service: 's3', AdditionalPolicyStatements: [statement], KeyPolicy: { Version: '2012-10-17' } }],
      Bogus: 'true',
    };
    expect(keySetProperties(raw)).toEqual(raw);
  });
});
