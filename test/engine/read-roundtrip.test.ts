/**
 * READ's input == output rule (contract-tests.md §3) for every property of the model, top level
 * and per service, including the KeyPolicy override as a string (byte-for-byte, odd whitespace)
 * and as an object, booleans and integers sent as strings (as CloudFormation may), and empty
 * tag lists.
 */
import type { ResourceProperties } from '../../resource-type/core/types';
import { ACCOUNT, ADMIN, invoke, runToEnd, startHarness, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h.stop());
beforeEach(() => h.emulator.admin.reset());

const ROLE = (name: string): string => `arn:aws:iam::${ACCOUNT}:role/${name}`;
const root = { Sid: 'Root', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'kms:*', Resource: '*' };

const rich: ResourceProperties = {
  ProjectCode: 'rt',
  KeyAdministratorArns: [ADMIN],
  KeyUserArns: [ROLE('AppUser')],
  TrustedAccountIds: ['222222222222'],
  TrustedOrganizationId: 'o-abcdefghij',
  TrustedOrganizationalUnitPaths: ['o-abcdefghij/r-ab12/ou-ab12-11111111/'],
  CrossAccountAccessViaService: true,
  Tags: [],
  Services: [
    {
      Service: 'sqs',
      EventSourceServices: ['sns', 's3'],
      SourceArns: [`arn:aws:sns:eu-west-1:${ACCOUNT}:topic-*`],
      KeyUserArns: [ROLE('Queue')],
    },
    { Service: 'ssm', Enabled: 'false', RotationPeriodInDays: '400', Tags: [] },
    { Service: 'dynamodb', GlobalTables: true, Description: '' },
    { Service: 'ebs', AutoScalingGrants: 'true', EnableKeyRotation: false, RotationPeriodInDays: 730 },
    {
      Service: 's3',
      AdditionalPolicyStatements: [
        { Sid: 'Audit', Effect: 'Allow', Principal: { AWS: ROLE('Auditor') }, Action: ['kms:DescribeKey'], Resource: '*' },
      ],
      Tags: [{ Key: 'data', Value: '' }],
    },
    { Service: 'logs', KeyPolicy: `{ "Version":"2012-10-17",\n  "Statement": [ ${JSON.stringify(root)} ] }` },
    { Service: 'sns', KeyPolicy: { Version: '2012-10-17', Statement: [root] } },
  ],
};

describe('READ returns every input property unchanged when nothing drifted', () => {
  it('after CREATE (create input == read output)', async () => {
    const created = await runToEnd('create', rich);
    expect(created.outcome.status).toBe('SUCCESS');
    const read = await invoke('read', (created.outcome as { properties: ResourceProperties }).properties);
    const { Keys: _k, ...model } = (read as { properties: ResourceProperties }).properties;
    expect(model).toEqual(rich);
  });
});
