/**
 * The one error type the core raises. `code` names a CloudFormation HandlerErrorCode; the
 * registry adapter and the custom resource map it to their protocol in one place each.
 * Messages are sentences that say what is wrong and what to do.
 */
export type KeySetErrorCode =
  | 'InvalidRequest'
  | 'NotFound'
  | 'AlreadyExists'
  | 'NotUpdatable'
  | 'AccessDenied'
  | 'InvalidCredentials'
  | 'ResourceConflict'
  | 'Throttling'
  | 'ServiceLimitExceeded'
  | 'NotStabilized'
  | 'GeneralServiceException'
  | 'ServiceInternalError'
  | 'NetworkFailure'
  | 'InternalFailure';

export class KeySetError extends Error {
  constructor(
    readonly code: KeySetErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'KeySetError';
  }
}

/** One validation problem: which property, what value, what is allowed. */
export interface ValidationIssue {
  /** JSON-pointer-like path, e.g. `Services/2/RotationPeriodInDays`. */
  readonly property: string;
  readonly value: unknown;
  readonly message: string;
}

export class ValidationError extends KeySetError {
  constructor(readonly issues: readonly ValidationIssue[]) {
    super('InvalidRequest', ValidationError.describe(issues));
    this.name = 'ValidationError';
  }

  static describe(issues: readonly ValidationIssue[]): string {
    const lines = issues.map((i) => `${i.property} = ${JSON.stringify(i.value)}: ${i.message}`);
    return issues.length === 1 ? `Invalid input: ${lines[0]}` : `Invalid input (${issues.length} problems):\n- ${lines.join('\n- ')}`;
  }
}
