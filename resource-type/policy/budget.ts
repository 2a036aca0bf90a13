/**
 * KMS key policy limits: 32,768 bytes (not adjustable) of the exact string sent, and a restricted
 * character set. https://docs.aws.amazon.com/kms/latest/APIReference/API_PutKeyPolicy.html
 */
export const MAX_KEY_POLICY_BYTES = 32768;

/** Characters KMS accepts in a key policy: tab, LF, CR, printable ASCII and Latin-1. */
export const KEY_POLICY_CHARSET = /^[\u0009\u000A\u000D\u0020-\u00FF]+$/;

const encoder = new TextEncoder();

/** UTF-8 bytes, as KMS counts them. */
export function policyByteSize(text: string): number {
  return encoder.encode(text).length;
}

/** Characters of `text` that KMS rejects (unique, in order of appearance). */
export function disallowedCharacters(text: string): string[] {
  const bad = new Set<string>();
  for (const ch of text) if (!/[\u0009\u000A\u000D\u0020-\u00FF]/.test(ch)) bad.add(ch);
  return [...bad];
}
