import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { handleAdminHttp } from './admin/http';
import type { EmulatorCore } from './core';
import { EmulatorError } from './errors';
import type { CallContext, Json } from './kms/context';
import { partitionOf } from './partition';
import { parseSigV4 } from './sigv4';
import { handleSts, stsErrorXml } from './sts/sts';

/** Test-only header that marks a request as made through an AWS service (sets kms:ViaService). */
export const VIA_SERVICE_HEADER = 'x-emulator-via-service';
export const ADMIN_PREFIX = '/__emulator/';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sendJsonError(res: http.ServerResponse, error: EmulatorError, requestId: string): void {
  const body = JSON.stringify({ __type: error.code, message: error.message });
  res.writeHead(error.status, {
    'Content-Type': 'application/x-amz-json-1.1',
    'x-amzn-ErrorType': error.code,
    'x-amzn-RequestId': requestId,
    'Content-Length': Buffer.byteLength(body),
  });
  res.end(body);
}

function sendXml(res: http.ServerResponse, status: number, body: string, requestId: string): void {
  res.writeHead(status, { 'Content-Type': 'text/xml', 'x-amzn-RequestId': requestId, 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

type Protocol = { kind: 'kms'; operation: string } | { kind: 'sts'; operation: string; params: URLSearchParams };

function detectProtocol(req: http.IncomingMessage, body: string, service: string | undefined): Protocol | undefined {
  const target = req.headers['x-amz-target'];
  if (typeof target === 'string' && target.startsWith('TrentService.'))
    return { kind: 'kms', operation: target.slice('TrentService.'.length) };
  const params = new URLSearchParams(body);
  const action = params.get('Action');
  if (service === 'sts' || action) return { kind: 'sts', operation: action ?? '', params };
  return undefined;
}

/** Serves KMS (JSON 1.1), STS (query) and the admin API on one port. */
export function createServer(core: EmulatorCore): http.Server {
  return http.createServer((req, res) => {
    handle(core, req, res).catch((error: unknown) => {
      if (!res.headersSent)
        sendJsonError(res, new EmulatorError('KMSInternalException', `Emulator failure: ${(error as Error).message}`), randomUUID());
      else res.destroy();
    });
  });
}

async function handle(core: EmulatorCore, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const body = await readBody(req);
  const requestId = randomUUID();
  if (req.url?.startsWith(ADMIN_PREFIX)) return handleAdminHttp(core, req, res, body);
  if (req.method !== 'POST')
    return sendJsonError(
      res,
      new EmulatorError('UnknownOperationException', `The emulator answers POST / (KMS, STS) and ${ADMIN_PREFIX}* (admin).`),
      requestId,
    );

  const scope = parseSigV4(req.headers.authorization);
  const protocol = detectProtocol(req, body, scope?.service);
  if (!protocol)
    return sendJsonError(
      res,
      new EmulatorError('UnknownOperationException', 'Request has neither X-Amz-Target: TrentService.<Op> nor an STS Action.'),
      requestId,
    );
  const region = scope?.region ?? 'us-east-1';
  const accessKeyId = scope?.accessKeyId ?? '';
  const accountId = core.identities.accountOf(accessKeyId);
  const now = Date.now();
  const fail = (error: EmulatorError) => {
    core.log.add({ operation: protocol.operation, accountId, region, status: error.status, errorCode: error.code, at: now });
    if (protocol.kind === 'kms') sendJsonError(res, error, requestId);
    else
      sendXml(res, error.status, stsErrorXml(error.code, error.message, requestId, error.status >= 500 ? 'Receiver' : 'Sender'), requestId);
  };

  if (!scope)
    return fail(
      new EmulatorError(
        'MissingAuthenticationTokenException',
        'Request is missing a SigV4 Authorization header (Credential=<key>/<date>/<region>/<service>/aws4_request).',
        403, // as AWS answers MissingAuthenticationToken (common errors)
      ),
    );

  const delay = core.faults.delayMs();
  if (delay > 0) await sleep(delay);
  const fault = core.faults.next(protocol.operation, accountId, region);
  if (fault?.kind === 'drop') {
    core.log.add({ operation: protocol.operation, accountId, region, status: 0, errorCode: 'DROP_CONNECTION', at: now });
    req.socket.destroy();
    return;
  }
  if (fault?.kind === 'error') return fail(new EmulatorError(fault.code, fault.message));

  const callerArn = core.identities.principalOf(accessKeyId, region);
  try {
    if (protocol.kind === 'sts') {
      const xml = handleSts(
        core.identities,
        { accessKeyId, accountId, region, callerArn, now },
        protocol.operation,
        protocol.params,
        requestId,
      );
      core.log.add({ operation: protocol.operation, accountId, region, status: 200, at: now });
      return sendXml(res, 200, xml, requestId);
    }
    core.quotas.take(accountId, region, protocol.operation);
    let input: Json;
    try {
      input = body.trim() === '' ? {} : (JSON.parse(body) as Json);
    } catch {
      throw new EmulatorError('SerializationException', 'The request body is not valid JSON.');
    }
    const via = req.headers[VIA_SERVICE_HEADER];
    const ctx: CallContext = {
      operation: protocol.operation,
      accountId,
      region,
      partition: partitionOf(region),
      accessKeyId,
      callerArn,
      viaService: typeof via === 'string' ? via : undefined,
      now,
    };
    const output = await core.runKms(ctx, input);
    const text = JSON.stringify(output);
    core.log.add({ operation: protocol.operation, accountId, region, status: 200, at: now });
    res.writeHead(200, {
      'Content-Type': 'application/x-amz-json-1.1',
      'x-amzn-RequestId': requestId,
      'Content-Length': Buffer.byteLength(text),
    });
    res.end(text);
  } catch (error) {
    if (error instanceof EmulatorError) return fail(error);
    return fail(new EmulatorError('KMSInternalException', `Emulator failure in ${protocol.operation}: ${(error as Error).message}`));
  }
}

export function listen(server: http.Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}
