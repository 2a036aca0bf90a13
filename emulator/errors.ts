/**
 * A KMS (or STS) error as it goes on the wire. `code` is the `__type` the SDK turns into an exception class.
 * KMS returns HTTP 400 for client errors and 500 for KMSInternalException / DependencyTimeoutException.
 */
export class EmulatorError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number = SERVER_ERRORS.has(code) ? 500 : 400,
  ) {
    super(message);
    this.name = code;
  }
}

const SERVER_ERRORS = new Set(['KMSInternalException', 'DependencyTimeoutException']);

export const notFound = (message: string) => new EmulatorError('NotFoundException', message);
export const invalidState = (message: string) => new EmulatorError('KMSInvalidStateException', message);
export const disabled = (message: string) => new EmulatorError('DisabledException', message);
export const validation = (message: string) => new EmulatorError('ValidationException', message);
export const malformedPolicy = (message: string) => new EmulatorError('MalformedPolicyDocumentException', message);
export const tagError = (message: string) => new EmulatorError('TagException', message);
export const unsupported = (message: string) => new EmulatorError('UnsupportedOperationException', message);
export const alreadyExists = (message: string) => new EmulatorError('AlreadyExistsException', message);
export const invalidArn = (message: string) => new EmulatorError('InvalidArnException', message);
export const invalidAlias = (message: string) => new EmulatorError('InvalidAliasNameException', message);
export const invalidMarker = (message: string) => new EmulatorError('InvalidMarkerException', message);
export const limitExceeded = (message: string) => new EmulatorError('LimitExceededException', message);
export const accessDenied = (message: string) => new EmulatorError('AccessDeniedException', message);

/** AWS's standard wording for a request-shape constraint violation. */
export function constraint(field: string, value: unknown, rule: string): EmulatorError {
  const shown = typeof value === 'string' && value.length > 64 ? `${value.slice(0, 64)}...` : String(value);
  return validation(`1 validation error detected: Value '${shown}' at '${field}' failed to satisfy constraint: ${rule}`);
}
