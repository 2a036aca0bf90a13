import { ATTRIBUTES, withoutAttribute } from './data';
import { MAX_RESPONSE_BYTES, type CustomResourceResponse } from './protocol';

/**
 * Serializes a response so that it fits CloudFormation's 4,096-byte limit without ever producing
 * invalid JSON or a cut UTF-8 character:
 * 1. Data gives up whole attribute kinds, least useful first (all `.AliasName`, then all `.KeyId`;
 *    both can be derived from the ARN), so which attributes exist never depends on key ids;
 * 2. then `.KeyArn` attributes from the end, with a note in Reason;
 * 3. then Reason is shortened at a character boundary with a pointer to the logs.
 */
const TRUNCATED = ' [truncated: see the provider function logs]';

function bytes(response: CustomResourceResponse): number {
  return Buffer.byteLength(JSON.stringify(response), 'utf8');
}

function fitData(response: CustomResourceResponse, limit: number): CustomResourceResponse {
  if (!response.Data || bytes(response) <= limit) return response;
  let data: Record<string, string> = { ...response.Data };
  for (const { suffix } of ATTRIBUTES.slice(0, -1)) {
    data = withoutAttribute(data, suffix);
    const note = `Data omits the .AliasName${suffix === 'KeyId' ? ' and .KeyId' : ''} attributes to fit the 4,096-byte response limit.`;
    const candidate = { ...response, Reason: response.Reason ?? note, Data: data };
    if (bytes(candidate) <= limit) return candidate;
  }
  const names = Object.keys(data);
  while (names.length > 0) {
    delete data[names.pop() as string];
    const candidate = {
      ...response,
      Reason: response.Reason ?? 'Data omits some attributes to fit the 4,096-byte response limit; read the rest from the aliases.',
      Data: { ...data },
    };
    if (bytes(candidate) <= limit) return candidate;
  }
  return { ...response, Data: {} };
}

function fitReason(response: CustomResourceResponse, limit: number): CustomResourceResponse {
  if (response.Reason === undefined || bytes(response) <= limit) return response;
  const characters = Array.from(response.Reason);
  // Longest prefix (in whole code points) that still fits with the marker appended.
  let low = 0;
  let high = characters.length;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    const candidate = { ...response, Reason: characters.slice(0, middle).join('') + TRUNCATED };
    if (bytes(candidate) <= limit) low = middle;
    else high = middle - 1;
  }
  return { ...response, Reason: characters.slice(0, low).join('') + TRUNCATED };
}

/** The JSON body to PUT: at most `limit` bytes (UTF-8). */
export function serializeResponse(response: CustomResourceResponse, limit: number = MAX_RESPONSE_BYTES): string {
  const fitted = fitReason(fitData(response, limit), limit);
  const body = JSON.stringify(fitted);
  if (Buffer.byteLength(body, 'utf8') > limit) {
    // Only the echoed ids remain, and CloudFormation caps those far below the limit.
    throw new Error(`The response for request ${response.RequestId} cannot be made smaller than ${limit} bytes.`);
  }
  return body;
}
