/**
 * Principals of the simulated organization calling KMS with the real `@aws-sdk/client-kms`: each is a session of
 * an IAM role in its account (its own access key, registered in the emulator), optionally making the request
 * "through" an AWS service (the emulator's test header that sets kms:ViaService).
 */
import { KMSClient } from '@aws-sdk/client-kms';
import { VIA_SERVICE_HEADER } from '../../../emulator';
import { PARTITION, iamRoleArn, sessionArn } from './organization';
import type { World } from './world';

export interface Caller {
  accountId: string;
  roleArn: string;
  sessionArn: string;
  /** A KMS client in `region`; with `viaService` every request is made as if by that service for the caller. */
  kms(region: string, viaService?: string): KMSClient;
}

/** Registers a session of role `roleName` in `accountId` and returns a caller acting as it. */
export function callerFor(world: World, accountId: string, roleName: string): Caller {
  const session = sessionArn(accountId, roleName, 'org-simulation');
  const accessKeyId = `ASIA${accountId}${world.nextSuffix()}`;
  world.emulator.admin.registerAccount(accessKeyId, accountId, session);
  world.sessions.set(accessKeyId, session);
  return caller(world, accountId, accessKeyId, iamRoleArn(accountId, roleName), session);
}

/** The account root (the emulator maps `AKIA<account>EXAMPLE` to it by convention). */
export function rootCaller(world: World, accountId: string): Caller {
  const root = `arn:${PARTITION}:iam::${accountId}:root`;
  return caller(world, accountId, `AKIA${accountId}EXAMPLE`, root, root);
}

function caller(world: World, accountId: string, accessKeyId: string, roleArn: string, session: string): Caller {
  const clients = new Map<string, KMSClient>();
  return {
    accountId,
    roleArn,
    sessionArn: session,
    kms(region, viaService) {
      const key = `${region}|${viaService ?? ''}`;
      let client = clients.get(key);
      if (!client) {
        client = new KMSClient({
          region,
          endpoint: world.emulator.endpoint,
          maxAttempts: 1,
          credentials: { accessKeyId, secretAccessKey: 'simulated-secret', sessionToken: 'simulated-token' },
        });
        if (viaService) {
          client.middlewareStack.add(
            (next) => async (args) => {
              (args.request as { headers: Record<string, string> }).headers[VIA_SERVICE_HEADER] = viaService;
              return next(args);
            },
            { step: 'build', name: 'simulatedViaService' },
          );
        }
        clients.set(key, client);
      }
      return client;
    },
  };
}

/** `<service>.<region>.amazonaws.com`, the kms:ViaService value of a service in a Region. */
export const viaService = (service: string, region: string): string => `${service}.${region}.amazonaws.com`;

/** Runs a KMS call and returns 'ok' or the error name (AccessDeniedException, ...). */
export async function outcome(call: Promise<unknown>): Promise<string> {
  try {
    await call;
    return 'ok';
  } catch (error) {
    return (error as { name?: string }).name ?? String(error);
  }
}
