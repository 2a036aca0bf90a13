import { createHash } from 'node:crypto';
import { invalidMarker } from '../errors';
import { int, str } from './input';
import type { Json } from './context';

/**
 * Opaque KMS-style markers: bound to the operation and the listing scope, so a marker from another listing
 * (or a made-up one) is rejected with InvalidMarkerException as KMS does.
 */
export function paginate<T>(
  input: Json,
  items: T[],
  scope: string,
  limits: { max: number; default: number },
): { page: T[]; Truncated: boolean; NextMarker?: string } {
  const limit = int(input, 'Limit', { min: 1, max: limits.max }) ?? limits.default;
  const marker = str(input, 'Marker', { min: 1, max: 1024, pattern: /^[\u0020-\u00FF]*$/ });
  const start = marker === undefined ? 0 : decodeMarker(marker, scope);
  if (start > items.length) throw invalidMarker('The marker that was specified is not valid or has expired.');
  const page = items.slice(start, start + limit);
  const next = start + page.length;
  if (next < items.length) return { page, Truncated: true, NextMarker: encodeMarker(next, scope) };
  return { page, Truncated: false };
}

function digest(scope: string): string {
  return createHash('sha256').update(scope).digest('hex').slice(0, 16);
}

function encodeMarker(offset: number, scope: string): string {
  return Buffer.from(JSON.stringify({ o: offset, s: digest(scope) })).toString('base64');
}

function decodeMarker(marker: string, scope: string): number {
  try {
    const parsed = JSON.parse(Buffer.from(marker, 'base64').toString('utf8')) as { o?: unknown; s?: unknown };
    if (typeof parsed.o === 'number' && Number.isInteger(parsed.o) && parsed.o >= 0 && parsed.s === digest(scope)) return parsed.o;
  } catch {
    // fall through
  }
  throw invalidMarker('The marker that was specified is not valid or has expired.');
}
