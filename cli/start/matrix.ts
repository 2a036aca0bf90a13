/**
 * The access matrix by real calls: with the emulator in authorization mode (key policy + the caller's IAM
 * policies, evaluated with iam-simulate), each principal tries Encrypt, Decrypt and GetKeyPolicy on every key,
 * directly and through the key's AWS service (kms:ViaService). What the table shows is what KMS answered.
 */
import { DecryptCommand, EncryptCommand, GenerateDataKeyCommand, GetKeyPolicyCommand, KMSClient } from '@aws-sdk/client-kms';
import type { RunningEmulator } from '../../emulator';
import { VIA_SERVICE_HEADER } from '../../emulator';
import { getServiceDefinition } from '../../resource-type/catalog';
import { partitionOf } from '../../resource-type/core/partition';
import { viaServiceHost } from '../../resource-type/policy';
import { mapBounded } from '../../resource-type/gateway/concurrency';
import { OUTSIDER_ACCOUNT, TRUSTED_ACCOUNTS } from './scenario';

export interface MatrixKey {
  readonly label: string;
  readonly service: string;
  readonly region: string;
  readonly keyArn: string;
}

export interface MatrixPrincipal {
  /** Column header. */
  readonly column: string;
  /** Legend text. */
  readonly who: string;
  readonly accountId: string;
  readonly role: string;
  /** Identity policy of the role (its own account's IAM); undefined = none. */
  readonly identityPolicy?: object;
  readonly viaService: boolean;
}

export interface MatrixCell {
  readonly encrypt: boolean;
  readonly generateDataKey: boolean;
  readonly decrypt: boolean;
  readonly getKeyPolicy: boolean;
}

export interface AccessMatrix {
  readonly principals: readonly MatrixPrincipal[];
  readonly keys: readonly MatrixKey[];
  /** rows[key][principal] */
  readonly cells: readonly (readonly MatrixCell[])[];
  readonly calls: number;
}

const USE_KEYS = {
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:GenerateDataKey*', 'kms:DescribeKey', 'kms:GetKeyPolicy'],
      Resource: '*',
    },
  ],
};

/** The principals of the demo: the owner account's admin and app roles, trusted accounts, an outsider. */
export function demoPrincipals(ownerAccount: string): MatrixPrincipal[] {
  const [userAccount, trustedAccount] = TRUSTED_ACCOUNTS;
  return [
    {
      column: 'KeyAdmin',
      who: `role/KeyAdmin in ${ownerAccount} (key administrator, no IAM policy)`,
      accountId: ownerAccount,
      role: 'KeyAdmin',
      viaService: false,
    },
    {
      column: 'App',
      who: `role/App in ${ownerAccount} (owner account, no IAM policy, key user of the multi-Region set)`,
      accountId: ownerAccount,
      role: 'App',
      viaService: false,
    },
    {
      column: 'App via',
      who: `role/App in ${ownerAccount} through the key's AWS service`,
      accountId: ownerAccount,
      role: 'App',
      viaService: true,
    },
    {
      column: 'AppRole',
      who: `role/AppRole in ${userAccount} (trusted account; key user of the cross-account set; IAM allows kms use)`,
      accountId: userAccount,
      role: 'AppRole',
      identityPolicy: USE_KEYS,
      viaService: false,
    },
    {
      column: 'Worker',
      who: `role/Worker in ${trustedAccount} (trusted account; IAM allows kms use)`,
      accountId: trustedAccount,
      role: 'Worker',
      identityPolicy: USE_KEYS,
      viaService: false,
    },
    {
      column: 'Worker via',
      who: `role/Worker in ${trustedAccount} through the key's AWS service`,
      accountId: trustedAccount,
      role: 'Worker',
      identityPolicy: USE_KEYS,
      viaService: true,
    },
    {
      column: 'Outsider',
      who: `role/Outsider in ${OUTSIDER_ACCOUNT} (not trusted; IAM allows kms use)`,
      accountId: OUTSIDER_ACCOUNT,
      role: 'Outsider',
      identityPolicy: USE_KEYS,
      viaService: false,
    },
    {
      column: 'Outsider via',
      who: `role/Outsider in ${OUTSIDER_ACCOUNT} through the key's AWS service`,
      accountId: OUTSIDER_ACCOUNT,
      role: 'Outsider',
      identityPolicy: USE_KEYS,
      viaService: true,
    },
  ];
}

function accessKeyFor(p: MatrixPrincipal): string {
  return `AKIA${p.accountId}${p.role.toUpperCase().slice(0, 8)}`;
}

/** The ViaService host of a key's service in its Region (EBS keys are used through ec2). */
export function viaHostFor(service: string, region: string): string | undefined {
  const stem = getServiceDefinition(service)?.viaService[0]?.hosts[0];
  return stem ? viaServiceHost(stem, region) : undefined;
}

function client(endpoint: string, region: string, accessKeyId: string, viaHost?: string): KMSClient {
  const c = new KMSClient({ region, endpoint, maxAttempts: 1, credentials: { accessKeyId, secretAccessKey: 'local' } });
  if (viaHost) {
    c.middlewareStack.add(
      (next) => async (args) => {
        const request = args.request as { headers?: Record<string, string> };
        if (request.headers) request.headers[VIA_SERVICE_HEADER] = viaHost;
        return next(args);
      },
      { step: 'build', name: 'emulatorViaService' },
    );
  }
  return c;
}

async function allowed(call: () => Promise<unknown>): Promise<boolean> {
  try {
    await call();
    return true;
  } catch (error) {
    const name = (error as { name?: string }).name ?? '';
    if (name === 'AccessDeniedException') return false;
    throw error;
  }
}

/**
 * Registers the principals, switches authorization mode on, runs the calls and switches it back off.
 * `owner` is the access key of the owner account (root), used to make the ciphertexts to decrypt.
 */
export async function measureAccess(
  emulator: RunningEmulator,
  ownerAccessKey: string,
  ownerAccount: string,
  keys: readonly MatrixKey[],
  principals = demoPrincipals(ownerAccount),
): Promise<AccessMatrix> {
  const { admin, endpoint } = emulator;
  for (const p of principals) {
    const partition = partitionOf(keys[0]?.region ?? 'eu-west-1');
    admin.registerAccount(accessKeyFor(p), p.accountId, `arn:${partition}:sts::${p.accountId}:assumed-role/${p.role}/servicekmskeys-start`);
    if (p.identityPolicy) admin.putIdentityPolicy(`arn:${partition}:iam::${p.accountId}:role/${p.role}`, p.identityPolicy);
  }
  let calls = 0;
  const count = <T>(p: Promise<T>): Promise<T> => {
    calls++;
    return p;
  };
  const ciphertexts = new Map<string, Uint8Array>();
  for (const key of keys) {
    const owner = client(endpoint, key.region, ownerAccessKey);
    const out = await count(owner.send(new EncryptCommand({ KeyId: key.keyArn, Plaintext: Buffer.from('access matrix') })));
    ciphertexts.set(key.keyArn, out.CiphertextBlob!);
    owner.destroy();
  }
  admin.setAuthorization(true);
  try {
    const cells = await mapBounded(keys, 4, async (key) => {
      const row: MatrixCell[] = [];
      for (const p of principals) {
        const kms = client(endpoint, key.region, accessKeyFor(p), p.viaService ? viaHostFor(key.service, key.region) : undefined);
        const encrypt = await allowed(() => count(kms.send(new EncryptCommand({ KeyId: key.keyArn, Plaintext: Buffer.from('hello') }))));
        const generateDataKey = await allowed(() => count(kms.send(new GenerateDataKeyCommand({ KeyId: key.keyArn, KeySpec: 'AES_256' }))));
        const decrypt = await allowed(() =>
          count(kms.send(new DecryptCommand({ KeyId: key.keyArn, CiphertextBlob: ciphertexts.get(key.keyArn) }))),
        );
        const getKeyPolicy = await allowed(() => count(kms.send(new GetKeyPolicyCommand({ KeyId: key.keyArn, PolicyName: 'default' }))));
        kms.destroy();
        row.push({ encrypt, generateDataKey, decrypt, getKeyPolicy });
      }
      return row;
    });
    return { principals, keys, cells, calls };
  } finally {
    admin.setAuthorization(false);
  }
}

/** "EGD" style cell: E = Encrypt, G = GenerateDataKey, D = Decrypt, P = GetKeyPolicy (an administrator's read), - = none. */
export function cellText(cell: MatrixCell): string {
  const parts = [cell.encrypt ? 'E' : '', cell.generateDataKey ? 'G' : '', cell.decrypt ? 'D' : '', cell.getKeyPolicy ? 'P' : ''].join('');
  return parts === '' ? '-' : parts;
}
