import type http from 'node:http';
import type { EmulatorCore } from '../core';
import type { EmulatorAdmin } from '../types';

const METHODS = new Set<keyof EmulatorAdmin>([
  'reset',
  'callLog',
  'callCounts',
  'clearCallLog',
  'setLatency',
  'setQuotas',
  'injectFault',
  'clearFaults',
  'setConsistencyWindowMs',
  'registerAccount',
  'registerOrganization',
  'putIdentityPolicy',
  'setAuthorization',
  'setReplicaCreatingMs',
  'setStaleReadMs',
  'describeAllKeys',
  'mutateKey',
  'expirePendingDeletions',
]);

function send(res: http.ServerResponse, status: number, value: unknown): void {
  const text = JSON.stringify(value);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

/**
 * The admin API mirrors EmulatorAdmin: `POST /__emulator/<method>` with a JSON array of arguments
 * (or no body), answering `{"result": ...}`; `GET /__emulator/callLog`, `/callCounts?accountId=&region=`
 * and `/describeAllKeys?accountId=&region=` for reads. Errors: HTTP 400 `{"error": "..."}`.
 */
export async function handleAdminHttp(
  core: EmulatorCore,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  body: string,
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://emulator');
  const method = url.pathname.slice('/__emulator/'.length) as keyof EmulatorAdmin;
  if (!METHODS.has(method)) return send(res, 404, { error: `Unknown admin method "${method}". Known: ${[...METHODS].join(', ')}.` });
  let args: unknown[];
  try {
    if (req.method === 'GET') {
      const q = Object.fromEntries(url.searchParams);
      args = method === 'describeAllKeys' ? [q.accountId, q.region] : Object.keys(q).length ? [q] : [];
    } else {
      const parsed: unknown = body.trim() === '' ? [] : JSON.parse(body);
      args = Array.isArray(parsed) ? parsed : [parsed];
    }
    const fn = core.admin[method] as (...a: unknown[]) => unknown;
    const result = fn(...args);
    return send(res, 200, { result: result === undefined ? null : result });
  } catch (error) {
    return send(res, 400, { error: (error as Error).message });
  }
}
