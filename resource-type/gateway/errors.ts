import { KeySetError, type KeySetErrorCode } from '../core/errors';
import { Interrupted } from './interrupt';

/**
 * The ONE place where KMS/SDK failures are classified (retry or not) and mapped to
 * HandlerErrorCode-like codes (kms-facts.md §9). Operations never inspect SDK errors themselves.
 */

/** What was being done, for messages. */
export interface CallSite {
  /** KMS API name, e.g. `CreateKey`. */
  readonly api: string;
  readonly region: string;
  /** Catalog service id of the key concerned, when there is one. */
  readonly service?: string;
  readonly keyId?: string;
}

/** Per-call retry options. */
export interface RetryHints {
  /**
   * The key was created or replicated moments ago: NotFoundException and
   * KMSInvalidStateException are the eventual-consistency window, so they are retried.
   * @default false
   */
  readonly justCreated?: boolean;
  /**
   * The call creates something and is not idempotent (CreateKey, ReplicateKey): only refusals
   * that certainly did nothing (throttling) are retried in place; any other retryable failure
   * interrupts the pass so the operation re-reads live state (and adopts what was created).
   * @default false
   */
  readonly unsafeToRepeat?: boolean;
}

interface ErrorLike {
  name?: string;
  code?: string;
  message?: string;
  $fault?: string;
  $metadata?: { httpStatusCode?: number };
}

const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'ENOTFOUND',
  'ECONNABORTED',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_SOCKET',
]);
const NETWORK_NAMES = new Set(['TimeoutError', 'RequestTimeout', 'RequestTimeoutException', 'NetworkingError', 'AbortError']);

export function errorName(error: unknown): string {
  const e = error as ErrorLike | undefined;
  return e?.name ?? 'Error';
}

export function isNetworkError(error: unknown): boolean {
  const e = error as ErrorLike | undefined;
  if (!e) return false;
  if (e.code && NETWORK_CODES.has(e.code)) return true;
  if (e.name && NETWORK_NAMES.has(e.name)) return true;
  // No HTTP response and no service fault: the request never got an answer (the SDK wraps socket
  // errors as "AWS SDK error wrapper for TimeoutError: socket hang up").
  if (
    e.$fault === undefined &&
    e.$metadata?.httpStatusCode === undefined &&
    /socket|ECONN|timed? ?out|TimeoutError|network|hang up|EPIPE/i.test(e.message ?? '')
  )
    return true;
  return false;
}

export function isThrottling(error: unknown): boolean {
  const name = errorName(error);
  return name === 'ThrottlingException' || name === 'Throttling' || name === 'TooManyRequestsException';
}

/** A key state that is transient (KMS says: retry). */
export function isTransientState(error: unknown): boolean {
  const e = error as ErrorLike;
  return errorName(error) === 'KMSInvalidStateException' && /Creating|Updating|PendingImport/i.test(e.message ?? '');
}

export function isPendingDeletionError(error: unknown): boolean {
  const e = error as ErrorLike;
  return (
    errorName(error) === 'KMSInvalidStateException' &&
    /pending ?(replica ?)?deletion|PendingDeletion|PendingReplicaDeletion/i.test(e.message ?? '')
  );
}

/** New IAM principals can take seconds to become visible to KMS. */
export function isInvalidPrincipals(error: unknown): boolean {
  const e = error as ErrorLike;
  return errorName(error) === 'MalformedPolicyDocumentException' && /invalid principal/i.test(e.message ?? '');
}

/** Whether a failed call is worth retrying (with backoff, within the invocation deadline). */
export function isRetryable(error: unknown, hints: RetryHints = {}): boolean {
  if (error instanceof KeySetError || error instanceof Interrupted) return false;
  const name = errorName(error);
  if (isThrottling(error)) return true;
  if (name === 'KMSInternalException' || name === 'DependencyTimeoutException') return true;
  if (isNetworkError(error)) return true;
  const e = error as ErrorLike;
  if (e?.$fault === 'server' || (e?.$metadata?.httpStatusCode ?? 0) >= 500) return true;
  if (isTransientState(error)) return true;
  if (hints.justCreated && (name === 'NotFoundException' || name === 'KMSInvalidStateException')) return true;
  if (isInvalidPrincipals(error)) return true;
  return false;
}

const CODE_BY_EXCEPTION: Readonly<Record<string, KeySetErrorCode>> = {
  NotFoundException: 'NotFound',
  AlreadyExistsException: 'AlreadyExists',
  KMSInvalidStateException: 'InvalidRequest',
  MalformedPolicyDocumentException: 'InvalidRequest',
  InvalidAliasNameException: 'InvalidRequest',
  InvalidArnException: 'InvalidRequest',
  TagException: 'InvalidRequest',
  UnsupportedOperationException: 'InvalidRequest',
  DisabledException: 'InvalidRequest',
  ValidationException: 'InvalidRequest',
  LimitExceededException: 'ServiceLimitExceeded',
  ThrottlingException: 'Throttling',
  KMSInternalException: 'ServiceInternalError',
  DependencyTimeoutException: 'ServiceInternalError',
  AccessDeniedException: 'AccessDenied',
  InvalidMarkerException: 'InternalFailure',
  UnrecognizedClientException: 'InvalidCredentials',
  InvalidSignatureException: 'InvalidCredentials',
  ExpiredTokenException: 'InvalidCredentials',
  IncompleteSignatureException: 'InvalidCredentials',
};

/** What the user should do, per code. */
const ADVICE: Partial<Record<KeySetErrorCode, string>> = {
  NotFound: 'Check that the key set exists in this account and Region and that its keys are not pending deletion.',
  AlreadyExists: 'Choose another ProjectCode, or delete the conflicting alias or key first.',
  InvalidRequest: 'Correct the property named in the message and retry.',
  ServiceLimitExceeded: 'Request a KMS quota increase in Service Quotas or delete unused keys, then retry.',
  Throttling: 'KMS kept throttling requests in this account and Region; retry when other callers are quieter or raise the request quota.',
  ServiceInternalError: 'KMS reported an internal error; retry the operation.',
  AccessDenied: 'Grant the action to the handler execution role (the schema handler permissions list it) and check SCPs and key policies.',
  InvalidCredentials: 'The credentials passed to the handler were rejected; retry, and check the execution role.',
  InternalFailure: 'This is a bug in Org::Security::ServiceKmsKeys; retry, and report it if it persists.',
  NetworkFailure: 'KMS could not be reached; check the network path (VPC endpoint, proxy) and retry.',
  GeneralServiceException: 'Retry the operation; if it persists, check the KMS message above.',
};

function where(site: CallSite): string {
  const key = site.service
    ? ` for the ${site.service} key${site.keyId ? ` (${site.keyId})` : ''}`
    : site.keyId
      ? ` for key ${site.keyId}`
      : '';
  return `KMS ${site.api}${key} in ${site.region}`;
}

/**
 * KMS's policy lockout safety check judges the CALLER — the type's execution role (the custom
 * resource's function role) — not the administrators the policy names: our validator accepts a
 * KeyPolicy override whose administrators keep kms:PutKeyPolicy, but KMS refuses it unless the
 * caller keeps it too, directly or through the owner account's root statement (IAM delegation).
 */
function lockoutHint(service: string | undefined): string {
  const key = service ? `the ${service} key` : 'this key';
  const property = service ? `the ${service} KeyPolicy override` : 'the key policy';
  return `KMS refused the policy of ${key} because the caller — this type's execution role, which makes the call — could not call kms:PutKeyPolicy on it afterwards (administrators named in the policy do not count unless one of them is that role). Keep the owner account root statement (Principal AWS = the account's root ARN, Action kms:*) in ${property}, or add the execution role's ARN as a key administrator (KeyAdministratorArns, or an administrator statement in the override) — then retry.`;
}

/** Maps any failure of a KMS call to a KeySetError whose message says what failed and what to do. */
export function toKeySetError(error: unknown, site: CallSite): KeySetError {
  if (error instanceof KeySetError) return error;
  const name = errorName(error);
  const raw = (error as ErrorLike | undefined)?.message;
  const detail = raw && raw !== name && raw !== 'UnknownError' ? raw : `${site.api} failed due to ${name}`;
  let code: KeySetErrorCode;
  if (error instanceof Interrupted) code = 'NotStabilized';
  else if (isNetworkError(error)) code = 'NetworkFailure';
  else if (CODE_BY_EXCEPTION[name]) code = CODE_BY_EXCEPTION[name];
  else if (isThrottling(error)) code = 'Throttling';
  else if ((error as ErrorLike | undefined)?.$fault === 'server') code = 'ServiceInternalError';
  else if ((error as ErrorLike | undefined)?.$fault === 'client' || (error as ErrorLike | undefined)?.$metadata)
    code = 'GeneralServiceException';
  else code = 'InternalFailure';
  let hint = ADVICE[code] ?? '';
  if (name === 'MalformedPolicyDocumentException' && /update the key policy in the future|lockout/i.test(raw ?? '')) {
    code = 'InvalidRequest';
    hint = lockoutHint(site.service);
  } else if (name === 'MalformedPolicyDocumentException' && isInvalidPrincipals(error)) {
    hint =
      'A principal in the key policy does not exist (or is not visible to KMS yet); check KeyAdministratorArns, KeyUserArns and trusted accounts.';
  } else if (name === 'AccessDeniedException' && site.api === 'ScheduleKeyDeletion') {
    hint =
      'Grant kms:ScheduleKeyDeletion to the handler execution role; if an SCP, IAM or key policy constrains kms:ScheduleKeyDeletionPendingWindowInDays, set PendingWindowInDays to a value it allows.';
  } else if (name === 'AccessDeniedException' && site.api === 'EnableKeyRotation') {
    hint =
      'Grant kms:EnableKeyRotation to the handler execution role; if an SCP, IAM or key policy constrains kms:RotationPeriodInDays, set RotationPeriodInDays to a value it allows.';
  } else if (name === 'AccessDeniedException' && /Tag|ListResourceTags/i.test(raw ?? '')) {
    hint = 'Grant kms:TagResource, kms:UntagResource and kms:ListResourceTags to the handler execution role.';
  }
  return new KeySetError(code, `${where(site)} failed: ${detail}.${hint ? ` ${hint}` : ''}`.replace(/\.\./g, '.'));
}

/**
 * Whether an interruption should end the operation now instead of IN_PROGRESS: a call that
 * failed for its whole attempt budget because KMS is unreachable or keeps failing (network, 5xx).
 * Throttling and the eventual-consistency window (NotFound / invalid state of a key just made)
 * keep going (IN_PROGRESS) until the operation budget.
 */
export function isPersistentFailure(error: unknown): boolean {
  if (!(error instanceof Interrupted) || error.kind !== 'attempts') return false;
  const last = error.lastError as ErrorLike | undefined;
  const name = errorName(last);
  return isNetworkError(last) || name === 'KMSInternalException' || name === 'DependencyTimeoutException' || last?.$fault === 'server';
}

/** Any failure as a KeySetError (interruptions map their last error; bugs become InternalFailure). */
export function toFailure(error: unknown, region: string): KeySetError {
  if (error instanceof KeySetError) return error;
  if (error instanceof Interrupted) {
    if (error.lastError) return toKeySetError(error.lastError, { api: error.during.replace(/^retrying /, ''), region });
    return new KeySetError('NotStabilized', `KMS in ${region} did not settle in time (${error.message}); retry the operation.`);
  }
  const message = error instanceof Error ? error.message : String(error);
  return new KeySetError(
    'InternalFailure',
    `Unexpected failure in ${region}: ${message}. This is a bug in Org::Security::ServiceKmsKeys; report it.`,
  );
}
