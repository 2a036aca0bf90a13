/** What the emulator reads from a SigV4 `Authorization` header. Signatures are NOT verified. */
export interface SigV4Scope {
  accessKeyId: string;
  region: string;
  service: string;
}

const CREDENTIAL = /Credential=([^/,\s]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request/;

export function parseSigV4(authorization: string | undefined): SigV4Scope | undefined {
  if (!authorization) return undefined;
  const match = CREDENTIAL.exec(authorization);
  if (!match) return undefined;
  return { accessKeyId: match[1], region: match[3], service: match[4] };
}

/** `AKIA`/`ASIA` + 12 digits (or just 12 leading digits) names the account, e.g. AKIA111111111111EXAMPLE. */
export function accountFromAccessKey(accessKeyId: string): string | undefined {
  const match = /^(?:AKIA|ASIA)?(\d{12})/.exec(accessKeyId);
  return match ? match[1] : undefined;
}
