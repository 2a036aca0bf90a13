/**
 * Assembles the org simulation: the emulator with authorization on, the organization registered, the roles that
 * exist before any deployment, the resource provisioners, and the engine pointed at the emulator with fast
 * polling (no latency; replicas stay `Creating` briefly so the handlers must really wait for them).
 */
import { startEmulator } from '../../../emulator';
import { configureEngine, resetEngine, type EngineTuning } from '../../../resource-type/operations/tuning';
import { iamManagedPolicy, iamRole, declareExistingRole } from './iam-resources';
import { keySetResource } from './key-set-resource';
import { ACCOUNT, ACCOUNT_PATHS, iamRoleArn, registerOrganization } from './organization';
import { logGroup, resourceDefaultVersion, resourceVersion, typeActivation } from './registry-resources';
import { TYPE_NAME } from './registry-invoker';
import { stackSetProvisioner } from './stack-sets';
import { World } from './world';

export const TEMPLATE_BASE_URL = `https://org-artifacts-${ACCOUNT.security}-us-east-1.s3.us-east-1.amazonaws.com/templates`;

/** Roles that exist before the rollout (the templates reference them by name). */
export const EXISTING_ROLES: ReadonlyArray<readonly [string, string]> = [
  [ACCOUNT.security, 'KeyAdmin'],
  [ACCOUNT.security, 'OpsLead'],
  [ACCOUNT.memberA, 'App'],
  [ACCOUNT.memberA, 'Web'],
  [ACCOUNT.memberB, 'App'],
  [ACCOUNT.memberB, 'Web'],
  [ACCOUNT.outsider, 'App'],
  [ACCOUNT.outsider, 'Web'],
];

export interface SimulationOptions {
  /** How long a new replica stays `Creating` in the emulator. @default 50 */
  replicaCreatingMs?: number;
  /** Engine settings on top of the fast test settings (e.g. `maxInvocationMs` to force IN_PROGRESS). @default {} */
  engine?: Partial<EngineTuning>;
}

export async function startSimulation(options: SimulationOptions = {}): Promise<{ world: World; stop(): Promise<void> }> {
  const emulator = await startEmulator({ authorization: true, replicaCreatingMs: options.replicaCreatingMs ?? 50 });
  resetEngine();
  configureEngine({
    endpoint: emulator.endpoint,
    retry: { baseDelayMs: 5, maxDelayMs: 40, maxAttempts: 8, invalidPrincipalAttempts: 3 },
    pollIntervalMs: 10,
    deadlineReserveMs: 50,
    waitCallbackDelaySeconds: 0,
    ...options.engine,
  });
  const world = new World(emulator, {
    [TYPE_NAME]: keySetResource,
    'AWS::IAM::Role': iamRole,
    'AWS::IAM::ManagedPolicy': iamManagedPolicy,
    'AWS::Logs::LogGroup': logGroup,
    'AWS::CloudFormation::ResourceVersion': resourceVersion,
    'AWS::CloudFormation::ResourceDefaultVersion': resourceDefaultVersion,
    'AWS::CloudFormation::TypeActivation': typeActivation,
    'AWS::CloudFormation::StackSet': stackSetProvisioner({
      templateBaseUrl: TEMPLATE_BASE_URL,
      managementAccountId: ACCOUNT.management,
      accountPaths: ACCOUNT_PATHS,
    }),
  });
  registerOrganization(emulator.admin);
  for (const [account, role] of EXISTING_ROLES) declareExistingRole(world, iamRoleArn(account, role));
  return {
    world,
    stop: async () => {
      resetEngine();
      await emulator.stop();
    },
  };
}
