/**
 * Latency profiles the workloads run under, and the local proxy that adds a per-operation latency
 * in front of the emulator (whose own latency setting is one value for every call).
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LatencyProfile {
  /** Short name used in target ids and `--profiles`. */
  readonly name: string;
  /** How the report names it. */
  readonly label: string;
  /** Latency of every call not listed in `perApiMs` (ms). */
  readonly defaultMs: number;
  /** Latency per KMS API (ms). */
  readonly perApiMs: Readonly<Record<string, number>>;
}

/** Every call takes the same time (the "realistic per-call latency (e.g. 50 ms)"). */
export function uniformProfile(latencyMs: number): LatencyProfile {
  return { name: 'uniform', label: `${latencyMs} ms per call`, defaultMs: latencyMs, perApiMs: {} };
}

/**
 * Closer to KMS's control plane as callers see it: calls that create key material (CreateKey,
 * ReplicateKey, which also writes in a second Region) take a few hundred milliseconds, the other
 * control-plane calls tens of milliseconds plus a TLS round trip from Lambda. These are assumptions
 * for the model and the emulator, not measurements of KMS (see docs/PERFORMANCE.md).
 */
export const KMS_LIKE_PROFILE: LatencyProfile = {
  name: 'kms-like',
  label: 'KMS-like: CreateKey/ReplicateKey 250 ms, other calls 80 ms',
  defaultMs: 80,
  perApiMs: { CreateKey: 250, ReplicateKey: 250 },
};

export function latencyOf(profile: LatencyProfile, api: string): number {
  return profile.perApiMs[api] ?? profile.defaultMs;
}

export interface LatencyProxy {
  readonly endpoint: string;
  stop(): Promise<void>;
}

/**
 * An HTTP proxy on 127.0.0.1 that holds each KMS request for its operation's latency (from the
 * `X-Amz-Target: TrentService.<Op>` header), then forwards it unchanged to `target` and streams the
 * answer back. The whole latency is on the way in, as in the lower-bound model: the call reaches
 * KMS (and takes its quota tokens) `latency` after it was sent, and the answer is back at once.
 */
export async function startLatencyProxy(target: string, profile: LatencyProfile): Promise<LatencyProxy> {
  const upstream = new URL(target);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const header = req.headers['x-amz-target'];
      const op = typeof header === 'string' ? header.slice(header.indexOf('.') + 1) : '';
      setTimeout(
        () => {
          const forward = http.request(
            { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers, agent },
            (answer) => {
              res.writeHead(answer.statusCode ?? 502, answer.headers);
              answer.pipe(res);
            },
          );
          forward.on('error', () => res.destroy());
          forward.end(Buffer.concat(chunks));
        },
        latencyOf(profile, op),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      agent.destroy();
    },
  };
}
