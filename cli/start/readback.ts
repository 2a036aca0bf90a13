/** Reads deployed keys back from KMS with the SDK (what the summary table shows is what KMS reports). */
import { DescribeKeyCommand, GetKeyPolicyCommand, GetKeyRotationStatusCommand, KMSClient } from '@aws-sdk/client-kms';
import { aliasNameFor } from '../../resource-type/core/ownership';
import { policyByteSize } from '../../resource-type/policy';
import { mapBounded } from '../../resource-type/gateway/concurrency';
import type { Credentials } from './cloudformation';
import type { Deployment } from './scenario';

export interface DeployedKey {
  readonly deployment: Deployment;
  readonly service: string;
  readonly region: string;
  readonly keyId: string;
  readonly keyArn: string;
  readonly alias: string;
  readonly state: string;
  readonly multiRegionType?: string;
  readonly rotation: string;
  readonly policyBytes: number;
  readonly policy: string;
}

export interface SdkTarget {
  /** undefined = the SDK's own endpoint resolution. */
  readonly endpoint?: string;
  readonly credentials: Credentials;
}

export function kmsClient(target: SdkTarget, region: string): KMSClient {
  return new KMSClient({
    region,
    maxAttempts: 3,
    credentials: target.credentials,
    ...(target.endpoint ? { endpoint: target.endpoint } : {}),
  });
}

export function servicesOf(d: Deployment): string[] {
  const services = (d.properties.Services ?? []) as Array<{ Service?: unknown }>;
  return services.map((s) => String(s.Service));
}

/** Every key of a deployment, found through its alias as a user would. */
export async function readDeployment(target: SdkTarget, d: Deployment): Promise<DeployedKey[]> {
  const kms = kmsClient(target, d.target.region);
  try {
    return await mapBounded(servicesOf(d), 4, async (service) => {
      const alias = aliasNameFor(d.projectCode, service);
      const meta = (await kms.send(new DescribeKeyCommand({ KeyId: alias }))).KeyMetadata!;
      const policy = (await kms.send(new GetKeyPolicyCommand({ KeyId: meta.KeyId, PolicyName: 'default' }))).Policy ?? '';
      let rotation: string;
      try {
        const r = await kms.send(new GetKeyRotationStatusCommand({ KeyId: meta.KeyId }));
        rotation = r.KeyRotationEnabled ? `${r.RotationPeriodInDays ?? 365} days` : 'off';
      } catch {
        rotation = meta.MultiRegionConfiguration?.MultiRegionKeyType === 'REPLICA' ? 'as primary' : '?';
      }
      if (meta.MultiRegionConfiguration?.MultiRegionKeyType === 'REPLICA' && rotation !== 'as primary')
        rotation = `${rotation} (primary's)`;
      return {
        deployment: d,
        service,
        region: d.target.region,
        keyId: meta.KeyId!,
        keyArn: meta.Arn!,
        alias,
        state: meta.KeyState ?? '?',
        multiRegionType: meta.MultiRegionConfiguration?.MultiRegionKeyType,
        rotation,
        policyBytes: policyByteSize(policy),
        policy,
      };
    });
  } finally {
    kms.destroy();
  }
}
