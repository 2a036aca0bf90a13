/** The templates this area owns, with representative parameters for rendering them in tests. */
import path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '../../..');
export const SCHEMA_PATH = path.join(REPO_ROOT, 'schema/org-security-servicekmskeys.json');

/** Partition used to build sample ARNs (templates themselves never contain a literal partition). */
const P = 'aws';
export const SECURITY_ACCOUNT = '111111111111';
export const MEMBER_ACCOUNT = '222222222222';
export const ORG_ID = 'o-a1b2c3d4e5';
export const ROOT_ID = 'r-ab12';
export const TRUSTED_OU = 'ou-ab12-11111111';
export const OU_PATH = `${ORG_ID}/${ROOT_ID}/${TRUSTED_OU}/*`;
export const role = (account: string, name: string): string => `arn:${P}:iam::${account}:role/${name}`;

export interface TemplateCase {
  /** Path relative to the repository root. */
  file: string;
  /** Parameter sets a deployer would realistically pass (each is rendered and validated). */
  parameterSets: Array<Record<string, string>>;
}

export const TEMPLATE_CASES: TemplateCase[] = [
  {
    file: 'templates/minimal.yaml',
    parameterSets: [{ ProjectCode: 'acme', KeyAdministratorArn: role(SECURITY_ACCOUNT, 'KeyAdmin') }],
  },
  {
    file: 'templates/scenario1-single-region.yaml',
    parameterSets: [
      { ProjectCode: 'appx', KeyAdministratorArns: role(SECURITY_ACCOUNT, 'KeyAdmin') },
      {
        ProjectCode: 'appx',
        KeyAdministratorArns: `${role(SECURITY_ACCOUNT, 'KeyAdmin')},${role(SECURITY_ACCOUNT, 'ops/KeyAdmin2')}`,
        KeyUserArns: `${role(SECURITY_ACCOUNT, 'App')},${role(SECURITY_ACCOUNT, 'Batch')}`,
        PendingWindowInDays: '7',
        EnableS3Key: 'false',
        EnableEbsKey: 'false',
        EnableRdsKey: 'true',
        EnableDynamoDbKey: 'true',
        EnableLogsKey: 'true',
        EnableSqsKey: 'true',
        EnableSecretsManagerKey: 'true',
        EnableEfsKey: 'true',
      },
    ],
  },
  {
    file: 'templates/scenario2-multi-region.yaml',
    parameterSets: [
      { ProjectCode: 'appx', PrimaryRegion: 'us-east-1', KeyAdministratorArns: role(SECURITY_ACCOUNT, 'KeyAdmin') },
      {
        ProjectCode: 'appx',
        PrimaryRegion: 'eu-west-1',
        KeyAdministratorArns: role(SECURITY_ACCOUNT, 'KeyAdmin'),
        KeyUserArns: role(SECURITY_ACCOUNT, 'App'),
        DynamoDbGlobalTables: 'false',
      },
    ],
  },
  {
    file: 'templates/scenario3-cross-account.yaml',
    parameterSets: [
      {
        ProjectCode: 'appx',
        KeyAdministratorArns: role(SECURITY_ACCOUNT, 'KeyAdmin'),
        KeyUserArns: `${role(SECURITY_ACCOUNT, 'App')},${role(MEMBER_ACCOUNT, 'App')}`,
        TrustedAccountIds: `${MEMBER_ACCOUNT},333333333333`,
      },
      {
        ProjectCode: 'appx',
        KeyAdministratorArns: role(SECURITY_ACCOUNT, 'KeyAdmin'),
        TrustedAccountIds: MEMBER_ACCOUNT,
        CrossAccountAccessViaService: 'false',
      },
    ],
  },
  {
    file: 'templates/org-wide.yaml',
    parameterSets: [
      { ProjectCode: 'org', KeyAdministratorArns: role(SECURITY_ACCOUNT, 'KeyAdmin'), TrustedOrganizationId: ORG_ID },
      {
        ProjectCode: 'org',
        KeyAdministratorArns: role(SECURITY_ACCOUNT, 'KeyAdmin'),
        TrustedOrganizationId: ORG_ID,
        TrustedOrganizationalUnitPaths: `${OU_PATH},${ORG_ID}/${ROOT_ID}/ou-ab12-22222222/`,
        CrossAccountAccessViaService: 'false',
        PrimaryRegion: 'us-east-1',
      },
    ],
  },
  {
    file: 'stacksets/key-sets.yaml',
    parameterSets: [
      {
        ProjectCode: 'org',
        PrimaryRegion: 'us-east-1',
        KeyAdministratorRoleName: 'KeyAdmin',
        TrustedOrganizationId: ORG_ID,
        TrustedOrganizationalUnitPaths: OU_PATH,
      },
      { ProjectCode: 'org', PrimaryRegion: 'eu-west-1', KeyAdministratorRoleName: 'security/KeyAdmin', KeyUserRoleName: 'App' },
    ],
  },
  {
    file: 'stacksets/trusted-account-wiring.yaml',
    parameterSets: [
      { SecurityAccountId: SECURITY_ACCOUNT, ProjectCode: 'org' },
      {
        SecurityAccountId: SECURITY_ACCOUNT,
        ProjectCode: 'org',
        Services: 's3,sqs',
        DirectUseRoleNames: 'App,Batch',
        ServiceUseRoleNames: 'Web',
      },
      { SecurityAccountId: SECURITY_ACCOUNT, ProjectCode: 'org', Services: 'glue,athena,session', ServiceUseRoleNames: 'Web' },
    ],
  },
  {
    file: 'stacksets/register-type.yaml',
    parameterSets: [
      {
        ArtifactBucketPrefix: 'org-artifacts',
        ArtifactAccountId: SECURITY_ACCOUNT,
        PackageKey: 'registry/org-security-servicekmskeys-1.0.0.zip',
      },
    ],
  },
  {
    file: 'stacksets/activate-public-type.yaml',
    parameterSets: [
      { PublisherId: 'a'.repeat(40) },
      { PublisherId: '0123456789abcdef0123456789abcdef01234567', MajorVersion: '2', AutoUpdate: 'true' },
    ],
  },
  {
    file: 'stacksets/artifact-bucket.yaml',
    parameterSets: [{ ArtifactBucketPrefix: 'org-artifacts', OrganizationId: ORG_ID }],
  },
  {
    file: 'stacksets/org-rollout.yaml',
    parameterSets: [
      {
        TemplateBaseUrl: `https://org-artifacts-${SECURITY_ACCOUNT}-us-east-1.s3.us-east-1.amazonaws.com/templates`,
        RegistrationOuIds: ROOT_ID,
        RegistrationRegions: 'us-east-1,eu-west-1,ap-southeast-2',
        ArtifactBucketPrefix: 'org-artifacts',
        SecurityAccountId: SECURITY_ACCOUNT,
        PackageKey: 'registry/org-security-servicekmskeys-1.0.0.zip',
        SecurityAccountOuId: ROOT_ID,
        ProjectCode: 'org',
        PrimaryRegion: 'us-east-1',
        ReplicaRegions: 'eu-west-1,ap-southeast-2',
        KeyAdministratorRoleName: 'KeyAdmin',
        OrganizationId: ORG_ID,
        TrustedOuIds: TRUSTED_OU,
      },
      {
        CallAs: 'SELF',
        StackSetOwnerAccountId: '999999999999',
        TemplateBaseUrl: 'https://example-bucket.s3.eu-west-1.amazonaws.com/templates',
        RegistrationOuIds: `${TRUSTED_OU},ou-ab12-22222222`,
        RegistrationRegions: 'eu-west-1',
        ArtifactBucketPrefix: 'org-artifacts',
        SecurityAccountId: SECURITY_ACCOUNT,
        PackageKey: 'registry/v2/org-security-servicekmskeys-2.0.0.zip',
        SecurityAccountOuId: 'ou-ab12-33333333',
        ProjectCode: 'org',
        PrimaryRegion: 'eu-west-1',
        KeySetRegionConcurrency: 'PARALLEL',
        KeyAdministratorRoleName: 'KeyAdmin',
        OrganizationId: ORG_ID,
        TrustedOrganizationalUnitPaths: OU_PATH,
        TrustedOuIds: TRUSTED_OU,
        WiringRegion: 'eu-west-1',
        WiringServices: 's3,ebs',
        DirectUseRoleNames: 'App',
        MemberKeySetOuIds: TRUSTED_OU,
      },
      {
        RegistrationMode: 'public',
        PublisherId: '0123456789abcdef0123456789abcdef01234567',
        PublicMajorVersion: '3',
        TemplateBaseUrl: 'https://example-bucket.s3.us-west-2.amazonaws.com/templates',
        RegistrationOuIds: ROOT_ID,
        RegistrationRegions: 'us-west-2',
        SecurityAccountId: SECURITY_ACCOUNT,
        SecurityAccountOuId: ROOT_ID,
        ProjectCode: 'org',
        PrimaryRegion: 'us-west-2',
        KeyAdministratorRoleName: 'KeyAdmin',
        OrganizationId: ORG_ID,
        TrustedOuIds: TRUSTED_OU,
      },
    ],
  },
];

/** Every template file of this area (cfn-lint and the static checks run on all of them). */
export const TEMPLATE_FILES = TEMPLATE_CASES.map((c) => c.file);
