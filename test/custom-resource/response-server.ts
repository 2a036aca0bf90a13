/**
 * A real local HTTP server standing in for CloudFormation's pre-signed S3 response URL. Records
 * every PUT (headers and body); can drop the first connections or answer with an error status to
 * exercise the handler's retries.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: http.IncomingHttpHeaders;
  readonly rawHeaders: readonly string[];
  readonly body: string;
}

export interface ResponseServerOptions {
  /** Destroy the socket of the first N requests without answering (a network error for the client). */
  readonly dropFirst?: number;
  /** Answer the first N (non-dropped) requests with this status. */
  readonly failFirstWith?: { readonly count: number; readonly status: number };
}

export interface ResponseServer {
  /** A pre-signed-looking URL on this server. */
  readonly url: string;
  /** Successfully answered PUTs, in order. */
  readonly received: RecordedRequest[];
  /** Every request that reached the server, including dropped and refused ones. */
  readonly attempts: number;
  /** Parsed JSON of the only answered PUT (fails when there is not exactly one). */
  onlyBody(): Record<string, unknown>;
  close(): Promise<void>;
}

export async function startResponseServer(options: ResponseServerOptions = {}): Promise<ResponseServer> {
  const received: RecordedRequest[] = [];
  let attempts = 0;
  let refused = 0;
  const server = http.createServer((request, response) => {
    attempts++;
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (attempts <= (options.dropFirst ?? 0)) {
        request.socket.destroy();
        return;
      }
      if (options.failFirstWith && refused < options.failFirstWith.count) {
        refused++;
        response.writeHead(options.failFirstWith.status).end('<Error>try again</Error>');
        return;
      }
      received.push({
        method: request.method ?? '',
        url: request.url ?? '',
        headers: request.headers,
        rawHeaders: request.rawHeaders,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      response.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/cfn-response/stack-1/ExampleKeySet?X-Amz-Signature=abc123&X-Amz-Expires=7200`,
    received,
    get attempts() {
      return attempts;
    },
    onlyBody() {
      if (received.length !== 1) throw new Error(`expected exactly one response PUT, got ${received.length}`);
      return JSON.parse(received[0].body) as Record<string, unknown>;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
