/**
 * Key policy size as a function of the number of trusted accounts, per service, rendered by the
 * product's policy engine; and the largest TrustedAccountIds list that keeps every key policy
 * within KMS's 32,768-byte limit (`maxTrustedAccountsThatFit`).
 */
import { partitionOf } from '../resource-type/core/partition';
import type { DeploymentTarget, KeySetSpec } from '../resource-type/core/types';
import { MAX_KEY_POLICY_BYTES, maxTrustedAccountsThatFit, policyByteSize, renderKeyPolicy, serializePolicy } from '../resource-type/policy';
import { validateProperties } from '../resource-type/validation';
import { ACCOUNT_ID, KEY_ADMIN, PRIMARY_REGION, PROJECT_CODE } from './workload';

export interface PolicyMode {
  readonly name: string;
  readonly description: string;
  /** Extra key-set properties. */
  readonly keySet: Record<string, unknown>;
  /** Extra properties per service key. */
  readonly perService?: Readonly<Record<string, Record<string, unknown>>>;
}

export const POLICY_MODES: readonly PolicyMode[] = [
  { name: 'direct', description: 'TrustedAccountIds (account roots may use the keys directly)', keySet: {} },
  {
    name: 'via-service',
    description: '+ CrossAccountAccessViaService (kms:CallerAccount lists every account)',
    keySet: { CrossAccountAccessViaService: true },
  },
  {
    name: 'via-service+grants',
    description: '+ ebs AutoScalingGrants (2 service-linked-role ARNs per account)',
    keySet: { CrossAccountAccessViaService: true },
    perService: { ebs: { AutoScalingGrants: true } },
  },
];

export interface PolicySizePoint {
  readonly accounts: number;
  /** Largest policy (bytes) over the services, and which service. */
  readonly worstBytes: number;
  readonly worstService: string;
  readonly smallestBytes: number;
  readonly fits: boolean;
}

export interface PolicyModeResult {
  readonly mode: string;
  readonly description: string;
  readonly points: readonly PolicySizePoint[];
  /** Largest TrustedAccountIds list per service. */
  readonly maxAccountsPerService: Readonly<Record<string, number>>;
  /** Largest list that fits every service's key policy, and the service that limits it. */
  readonly maxAccounts: number;
  readonly limitingService: string;
}

export interface PolicySizeResult {
  readonly limitBytes: number;
  readonly schemaMaxAccounts: number;
  readonly modes: readonly PolicyModeResult[];
}

const TARGET: DeploymentTarget = { accountId: ACCOUNT_ID, region: PRIMARY_REGION, partition: partitionOf(PRIMARY_REGION) };

/** Account counts probed: 0, 10, 50, 100, 200, then every 100 until the worst case no longer fits (and one step beyond). */
export function accountSteps(fitsAt: (n: number) => boolean, ceiling = 5000): number[] {
  const steps = [0, 10, 50, 100];
  for (let n = 200; n <= ceiling; n += 100) {
    steps.push(n);
    if (!fitsAt(n)) break;
  }
  return steps;
}

const syntheticAccounts = (n: number) => Array.from({ length: n }, (_, i) => String(900000000000 + i));

function specFor(services: readonly string[], mode: PolicyMode): KeySetSpec {
  return validateProperties(
    {
      ProjectCode: PROJECT_CODE,
      KeyAdministratorArns: [KEY_ADMIN],
      // Some settings need trusted accounts to validate; each probe replaces the list.
      TrustedAccountIds: syntheticAccounts(1),
      ...mode.keySet,
      Services: services.map((service) => ({ Service: service, ...(mode.perService?.[service] ?? {}) })),
    },
    TARGET,
  );
}

function sizes(spec: KeySetSpec, accounts: number): Array<{ service: string; bytes: number }> {
  const probe: KeySetSpec = { ...spec, trustedAccountIds: syntheticAccounts(accounts) };
  return probe.services.map((key) => ({
    service: key.service,
    bytes: policyByteSize(serializePolicy(renderKeyPolicy(probe, key, TARGET))),
  }));
}

export function measurePolicySizes(services: readonly string[], schemaMaxAccounts = 500): PolicySizeResult {
  const modes = POLICY_MODES.map((mode): PolicyModeResult => {
    const spec = specFor(services, mode);
    const point = (accounts: number): PolicySizePoint => {
      const all = sizes(spec, accounts);
      const worst = all.reduce((a, b) => (b.bytes > a.bytes ? b : a));
      return {
        accounts,
        worstBytes: worst.bytes,
        worstService: worst.service,
        smallestBytes: Math.min(...all.map((s) => s.bytes)),
        fits: worst.bytes <= MAX_KEY_POLICY_BYTES,
      };
    };
    const points = accountSteps((n) => point(n).fits).map(point);
    const maxAccountsPerService = Object.fromEntries(services.map((s) => [s, maxTrustedAccountsThatFit(spec, TARGET, s)]));
    const [limitingService, maxAccounts] = Object.entries(maxAccountsPerService).reduce((a, b) => (b[1] < a[1] ? b : a));
    return { mode: mode.name, description: mode.description, points, maxAccountsPerService, maxAccounts, limitingService };
  });
  return { limitBytes: MAX_KEY_POLICY_BYTES, schemaMaxAccounts, modes };
}
