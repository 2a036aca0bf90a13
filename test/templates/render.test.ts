/**
 * Renders every template with realistic parameters through the test evaluator (the same evaluation the org
 * simulation will use) and checks the result: our type's rendered Properties against the unmodified schema,
 * primary/replica behaviour, registration wiring, rollout ordering and StackSet parameters.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { loadCfnTemplate, type CfnTemplate } from '../../cli/cloudformation/yaml';
import { renderTemplate, type RenderedResource, type RenderedStack } from '../../cli/cloudformation/evaluator';
import { validateProperties } from '../../resource-type/validation';
import type { ResourceProperties } from '../../resource-type/core/types';
import { TYPE_NAME, validateStrict } from './lib/schema-checks';
import { MEMBER_ACCOUNT, REPO_ROOT, SECURITY_ACCOUNT, TEMPLATE_CASES, TRUSTED_OU, role } from './lib/template-files';

const load = (file: string): CfnTemplate => loadCfnTemplate(path.join(REPO_ROOT, file));
const caseOf = (file: string) => TEMPLATE_CASES.find((c) => c.file === file)!;
const only = (stack: RenderedStack, type: string): RenderedResource[] => stack.resources.filter((r) => r.type === type);
const byId = (stack: RenderedStack, id: string): RenderedResource => {
  const found = stack.resources.find((r) => r.logicalId === id);
  if (!found) throw new Error(`${id} is not rendered`);
  return found;
};

const renderCases = TEMPLATE_CASES.flatMap((c) =>
  c.parameterSets.flatMap((parameters, i) =>
    ['us-east-1', 'eu-west-1'].map((region) => [`${c.file} #${i} in ${region}`, c.file, parameters, region] as const),
  ),
);

describe('rendered templates', () => {
  test.each(renderCases)('%s renders and its key sets satisfy the schema', (_name, file, parameters, region) => {
    const stack = renderTemplate(load(file), { env: { accountId: SECURITY_ACCOUNT, region }, parameters });
    expect(stack.resources.length).toBeGreaterThan(0);
    for (const keySet of only(stack, TYPE_NAME)) {
      expect(validateStrict(keySet.properties)).toEqual([]);
      const services = (keySet.properties.Services as Array<{ Service: string }>).map((s) => s.Service);
      expect(new Set(services).size).toBe(services.length);
      // The product's own validator (catalog options, multi-Region support, rendered key policies) accepts it too.
      expect(() =>
        validateProperties(keySet.properties as unknown as ResourceProperties, { accountId: SECURITY_ACCOUNT, region, partition: 'aws' }),
      ).not.toThrow();
    }
  });

  test('scenario 1: the toggles choose the services, outputs follow them, and no service at all is rejected', () => {
    const template = load('templates/scenario1-single-region.yaml');
    const base = caseOf('templates/scenario1-single-region.yaml').parameterSets[0];
    const stack = renderTemplate(template, {
      env: { accountId: SECURITY_ACCOUNT, region: 'us-east-1' },
      parameters: { ...base, EnableEbsKey: 'false', EnableSqsKey: 'true' },
    });
    const keySet = only(stack, TYPE_NAME)[0].properties;
    expect((keySet.Services as Array<{ Service: string }>).map((s) => s.Service)).toEqual(['s3', 'sqs']);
    expect(keySet.KeyUserArns).toBeUndefined();
    expect(keySet.PendingWindowInDays).toBe(30);
    expect(Object.keys(stack.outputs).sort()).toEqual(['S3KeyAlias', 'S3KeyArn', 'SqsKeyAlias', 'SqsKeyArn']);
    expect(stack.outputs.S3KeyArn).toBe('KeySet.Keys.KeyArns.S3');
    const none = Object.fromEntries(
      Object.keys(template.Parameters!)
        .filter((p) => p.startsWith('Enable'))
        .map((p) => [p, 'false']),
    );
    expect(() =>
      renderTemplate(template, { env: { accountId: SECURITY_ACCOUNT, region: 'us-east-1' }, parameters: { ...base, ...none } }),
    ).toThrow(/AtLeastOneService/);
  });

  test.each(['templates/scenario2-multi-region.yaml', 'stacksets/key-sets.yaml'])(
    '%s: the same parameters give a primary key set in PrimaryRegion and replica key sets elsewhere',
    (file) => {
      const template = load(file);
      const parameters = caseOf(file).parameterSets[0];
      const primary = parameters.PrimaryRegion;
      const rendered = ['us-east-1', 'eu-west-1', 'ap-southeast-2'].map((region) => ({
        region,
        stack: renderTemplate(template, { env: { accountId: SECURITY_ACCOUNT, region }, parameters }),
      }));
      for (const { region, stack } of rendered) {
        const props = only(stack, TYPE_NAME)[0].properties;
        expect(props.PrimaryRegion).toBe(primary);
        expect((props.Services as Array<{ MultiRegion?: boolean }>).every((s) => s.MultiRegion === true)).toBe(true);
        const role = (props.Tags as Array<{ Key: string; Value: string }>).find((t) => t.Key === 'KeySetRole')?.Value;
        expect(role).toBe(region === primary ? 'primary' : 'replica');
        expect(stack.outputs.KeySetRole).toBe(role);
      }
      // Everything but the role tag is identical in every Region: a replica set mirrors its primary.
      const withoutRole = rendered.map(({ stack }) => {
        const props = { ...only(stack, TYPE_NAME)[0].properties };
        props.Tags = (props.Tags as Array<{ Key: string }>).filter((t) => t.Key !== 'KeySetRole');
        return props;
      });
      expect(withoutRole[1]).toEqual(withoutRole[0]);
      expect(withoutRole[2]).toEqual(withoutRole[0]);
    },
  );

  test('key-sets: administrator and user roles are built from names in the target account; organization trust is optional', () => {
    const template = load('stacksets/key-sets.yaml');
    const [orgSet, memberSet] = caseOf('stacksets/key-sets.yaml').parameterSets;
    const security = only(
      renderTemplate(template, { env: { accountId: SECURITY_ACCOUNT, region: 'us-east-1' }, parameters: orgSet }),
      TYPE_NAME,
    )[0].properties;
    expect(security.KeyAdministratorArns).toEqual([role(SECURITY_ACCOUNT, 'KeyAdmin')]);
    expect(security.TrustedOrganizationId).toBe('o-a1b2c3d4e5');
    expect(security.CrossAccountAccessViaService).toBe(true);
    const member = only(
      renderTemplate(template, { env: { accountId: MEMBER_ACCOUNT, region: 'eu-west-1', partition: 'aws-us-gov' }, parameters: memberSet }),
      TYPE_NAME,
    )[0].properties;
    expect(member.KeyAdministratorArns).toEqual([`arn:aws-us-gov:iam::${MEMBER_ACCOUNT}:role/security/KeyAdmin`]);
    expect(member.KeyUserArns).toEqual([`arn:aws-us-gov:iam::${MEMBER_ACCOUNT}:role/App`]);
    expect(member.TrustedOrganizationId).toBeUndefined();
    expect(member.TrustedOrganizationalUnitPaths).toBeUndefined();
    expect(member.CrossAccountAccessViaService).toBe(false);
  });

  test('register-type: the package comes from the Region-local bucket and the default version follows the registered one', () => {
    const file = 'stacksets/register-type.yaml';
    const stack = renderTemplate(load(file), {
      env: { accountId: MEMBER_ACCOUNT, region: 'eu-west-1' },
      parameters: caseOf(file).parameterSets[0],
    });
    const version = byId(stack, 'TypeVersion');
    expect(version.type).toBe('AWS::CloudFormation::ResourceVersion');
    expect(version.properties).toEqual({
      TypeName: TYPE_NAME,
      SchemaHandlerPackage: `s3://org-artifacts-${SECURITY_ACCOUNT}-eu-west-1/registry/org-security-servicekmskeys-1.0.0.zip`,
      ExecutionRoleArn: 'ExecutionRole.Arn',
      LoggingConfig: { LogGroupName: 'LogGroup-physical-id', LogRoleArn: 'LogRole.Arn' },
    });
    expect(byId(stack, 'DefaultVersion').properties).toEqual({ TypeVersionArn: 'TypeVersion-physical-id' });
    const order = stack.resources.map((r) => r.logicalId);
    expect(order.indexOf('TypeVersion')).toBeLessThan(order.indexOf('DefaultVersion'));
    const trust = byId(stack, 'ExecutionRole').properties.AssumeRolePolicyDocument as {
      Statement: Array<{ Condition: Record<string, Record<string, string>> }>;
    };
    expect(trust.Statement[0].Condition).toEqual({
      StringEquals: { 'aws:SourceAccount': MEMBER_ACCOUNT },
      StringLike: { 'aws:SourceArn': `arn:aws:cloudformation:eu-west-1:${MEMBER_ACCOUNT}:type/resource/Org-Security-ServiceKmsKeys/*` },
    });
  });

  test('activate-public-type: activates our type name from the publisher with the handler role and logging', () => {
    const file = 'stacksets/activate-public-type.yaml';
    const [, withAutoUpdate] = caseOf(file).parameterSets;
    const stack = renderTemplate(load(file), { env: { accountId: MEMBER_ACCOUNT, region: 'us-east-1' }, parameters: withAutoUpdate });
    expect(byId(stack, 'TypeActivation').properties).toEqual({
      Type: 'RESOURCE',
      PublisherId: withAutoUpdate.PublisherId,
      TypeName: TYPE_NAME,
      MajorVersion: '2',
      AutoUpdate: true,
      ExecutionRoleArn: 'ExecutionRole.Arn',
      LoggingConfig: { LogGroupName: 'LogGroup-physical-id', LogRoleArn: 'LogRole.Arn' },
    });
  });

  test('artifact bucket: per-Region name, TLS-only, org-scoped read of registry/ and templates/, SSE, no public access', () => {
    const file = 'stacksets/artifact-bucket.yaml';
    const stack = renderTemplate(load(file), {
      env: { accountId: SECURITY_ACCOUNT, region: 'eu-west-1' },
      parameters: caseOf(file).parameterSets[0],
      getAtt: (id, attribute) => (attribute === 'Arn' ? `arn:aws:s3:::${id}` : `${id}.${attribute}`),
    });
    const bucket = byId(stack, 'ArtifactBucket').properties;
    expect(bucket.BucketName).toBe(`org-artifacts-${SECURITY_ACCOUNT}-eu-west-1`);
    expect(JSON.stringify(bucket.BucketEncryption)).toContain('AES256');
    expect(bucket.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    const statements = (byId(stack, 'ArtifactBucketPolicy').properties.PolicyDocument as { Statement: Array<Record<string, unknown>> })
      .Statement;
    const deny = statements.find((s) => s.Effect === 'Deny')!;
    expect(deny).toMatchObject({ Principal: '*', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } });
    expect(deny.Resource).toEqual(['arn:aws:s3:::ArtifactBucket', 'arn:aws:s3:::ArtifactBucket/*']);
    const read = statements.find((s) => s.Sid === 'OrganizationReadsPackagesAndTemplates')!;
    expect(read.Condition).toEqual({ StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } });
    expect(read.Resource).toEqual(['arn:aws:s3:::ArtifactBucket/registry/*', 'arn:aws:s3:::ArtifactBucket/templates/*']);
    for (const s of statements.filter((x) => x.Effect === 'Allow')) expect(JSON.stringify(s.Condition)).toContain('aws:PrincipalOrgID');
  });
});

describe('org rollout', () => {
  const file = 'stacksets/org-rollout.yaml';
  const template = load(file);
  const [delegated, withMembers] = caseOf(file).parameterSets;
  const render = (parameters: Record<string, string>): RenderedStack =>
    renderTemplate(template, { env: { accountId: SECURITY_ACCOUNT, region: 'us-east-1' }, parameters });

  test('creates registration, Security key sets and wiring StackSets in that order, all SERVICE_MANAGED with CallAs', () => {
    const stack = render(delegated);
    const sets = only(stack, 'AWS::CloudFormation::StackSet');
    expect(sets.map((s) => s.logicalId)).toEqual(['RegistrationStackSet', 'SecurityKeySetStackSet', 'WiringStackSet']);
    for (const s of sets) {
      expect(s.properties.PermissionModel).toBe('SERVICE_MANAGED');
      expect(s.properties.CallAs).toBe('DELEGATED_ADMIN');
    }
    expect(template.Resources.SecurityKeySetStackSet.DependsOn).toBe('RegistrationStackSet');
    expect(template.Resources.WiringStackSet.DependsOn).toBe('SecurityKeySetStackSet');
  });

  test('registration: every OU and Region, parallel Regions, zero failure tolerance, concurrency by percentage', () => {
    const reg = byId(render(delegated), 'RegistrationStackSet').properties;
    expect(reg.OperationPreferences).toEqual({
      RegionConcurrencyType: 'PARALLEL',
      FailureToleranceCount: 0,
      MaxConcurrentPercentage: '25',
      ConcurrencyMode: 'SOFT_FAILURE_TOLERANCE',
    });
    expect(reg.StackInstancesGroup).toEqual([
      { DeploymentTargets: { OrganizationalUnitIds: ['r-ab12'] }, Regions: ['us-east-1', 'eu-west-1', 'ap-southeast-2'] },
    ]);
    expect(reg.AutoDeployment).toEqual({ Enabled: true, RetainStacksOnAccountRemoval: false });
  });

  test('Security key sets: only the Security account, primary Region first, then the replicas', () => {
    const keySets = byId(render(delegated), 'SecurityKeySetStackSet').properties;
    const group = (keySets.StackInstancesGroup as Array<Record<string, unknown>>)[0];
    expect(group.DeploymentTargets).toEqual({
      OrganizationalUnitIds: ['r-ab12'],
      Accounts: [SECURITY_ACCOUNT],
      AccountFilterType: 'INTERSECTION',
    });
    expect(group.Regions).toEqual(['us-east-1', 'eu-west-1', 'ap-southeast-2']);
    expect(keySets.OperationPreferences).toMatchObject({
      RegionConcurrencyType: 'SEQUENTIAL',
      RegionOrder: ['us-east-1', 'eu-west-1', 'ap-southeast-2'],
      FailureToleranceCount: 0,
    });
    expect(keySets.AutoDeployment).toEqual({ Enabled: false });
    const noReplicas = byId(render({ ...delegated, ReplicaRegions: '' }), 'SecurityKeySetStackSet').properties;
    expect((noReplicas.StackInstancesGroup as Array<{ Regions: string[] }>)[0].Regions).toEqual(['us-east-1']);
  });

  test('wiring: trusted OUs in one Region, auto-deployed to accounts that join', () => {
    const wiring = byId(render(delegated), 'WiringStackSet').properties;
    expect(wiring.StackInstancesGroup).toEqual([
      { DeploymentTargets: { OrganizationalUnitIds: ['ou-ab12-11111111'] }, Regions: ['us-east-1'] },
    ]);
    expect(wiring.AutoDeployment).toMatchObject({ Enabled: true });
    expect(wiring.Capabilities).toEqual(['CAPABILITY_NAMED_IAM']);
  });

  test('member key sets are optional and auto-deploy only after the registration StackSet (by ARN)', () => {
    expect(only(render(delegated), 'AWS::CloudFormation::StackSet').map((s) => s.logicalId)).not.toContain('MemberKeySetStackSet');
    const members = byId(render(withMembers), 'MemberKeySetStackSet').properties;
    expect(members.AutoDeployment).toEqual({
      Enabled: true,
      RetainStacksOnAccountRemoval: false,
      DependsOn: ['arn:aws:cloudformation:us-east-1:999999999999:stackset/RegistrationStackSet-physical-id'],
    });
    // The Security account never gets a member key set: it already has the key sets of this ProjectCode.
    const [group] = members.StackInstancesGroup as Array<{ DeploymentTargets: Record<string, unknown> }>;
    expect(group!.DeploymentTargets).toEqual({
      OrganizationalUnitIds: [TRUSTED_OU],
      Accounts: [SECURITY_ACCOUNT],
      AccountFilterType: 'DIFFERENCE',
    });
  });

  test('public mode activates the published type instead of registering the package; each mode needs its inputs', () => {
    const publicMode = caseOf(file).parameterSets[2];
    const reg = byId(render(publicMode), 'RegistrationStackSet').properties;
    expect(reg.TemplateURL).toBe('https://example-bucket.s3.us-west-2.amazonaws.com/templates/activate-public-type.yaml');
    expect(reg.Parameters).toEqual([
      { ParameterKey: 'PublisherId', ParameterValue: publicMode.PublisherId },
      { ParameterKey: 'MajorVersion', ParameterValue: '3' },
    ]);
    expect(() => render({ ...publicMode, PublisherId: '' })).toThrow(/PublicActivationNeedsPublisher/);
    expect(() => render({ ...delegated, PackageKey: '' })).toThrow(/PrivateRegistrationNeedsPackage/);
    expect(byId(render(delegated), 'RegistrationStackSet').properties.TemplateURL).toMatch(/\/register-type\.yaml$/);
  });

  test.each([0, 1, 2])(
    'StackSet templates exist and receive every parameter they need, and only declared ones (parameter set #%i)',
    (i) => {
      const stack = render(caseOf(file).parameterSets[i]);
      for (const set of only(stack, 'AWS::CloudFormation::StackSet')) {
        const url = String(set.properties.TemplateURL);
        const child = `stacksets/${url.split('/').pop()}`;
        expect(existsSync(path.join(REPO_ROOT, child))).toBe(true);
        const childTemplate = load(child);
        const given = Object.fromEntries(
          (set.properties.Parameters as Array<{ ParameterKey: string; ParameterValue: string }>).map((p) => [
            p.ParameterKey,
            p.ParameterValue,
          ]),
        );
        // Rendering the child with exactly these values proves names, required values and constraints.
        const regions = (set.properties.StackInstancesGroup as Array<{ Regions: string[] }>)[0].Regions;
        for (const region of regions) {
          expect(() => renderTemplate(childTemplate, { env: { accountId: SECURITY_ACCOUNT, region }, parameters: given })).not.toThrow();
        }
      }
    },
  );

  test('Rules refuse key-set Regions the registration does not cover, and the primary Region among the replicas', () => {
    // delegated: RegistrationRegions us-east-1,eu-west-1,ap-southeast-2; primary us-east-1; replicas eu-west-1,ap-southeast-2.
    expect(() => render({ ...delegated, PrimaryRegion: 'us-west-2' })).toThrow(/Rule KeySetRegionsAreRegistered failed/);
    expect(() => render({ ...delegated, ReplicaRegions: 'eu-west-1, us-west-2' })).toThrow(
      /Rule ReplicaRegionsAreRegistered failed: Every entry of ReplicaRegions must be one of RegistrationRegions/,
    );
    expect(() => render({ ...delegated, ReplicaRegions: 'us-east-1,eu-west-1' })).toThrow(/ReplicaRegions must not contain PrimaryRegion/);
    // Without replicas the replica rule does not apply; spaces after commas are trimmed like CloudFormation does.
    expect(() => render({ ...delegated, ReplicaRegions: '' })).not.toThrow();
    expect(() => render({ ...delegated, ReplicaRegions: 'eu-west-1, ap-southeast-2' })).not.toThrow();
  });

  test('key-set and wiring Regions are covered by the registration Regions in the sample rollouts', () => {
    for (const parameters of caseOf(file).parameterSets) {
      const stack = render(parameters);
      const regionsOf = (id: string) => (byId(stack, id).properties.StackInstancesGroup as Array<{ Regions: string[] }>)[0].Regions;
      const registered = new Set(regionsOf('RegistrationStackSet'));
      for (const region of regionsOf('SecurityKeySetStackSet')) expect(registered.has(region)).toBe(true);
    }
  });
});
