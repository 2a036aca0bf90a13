/**
 * Every generated statement's Sid starts with this prefix, so update and drift logic can tell our
 * statements from ones people added, and user statements may never use it. Generated Sids are
 * alphanumeric only: valid in KMS key policies and in IAM-style linters alike.
 */
export const GENERATED_SID_PREFIX = 'ServiceKmsKeys';

export function generatedSid(name: string): string {
  return `${GENERATED_SID_PREFIX}${name}`;
}

export function isGeneratedSid(sid: string | undefined): boolean {
  return typeof sid === 'string' && sid.toLowerCase().startsWith(GENERATED_SID_PREFIX.toLowerCase());
}
