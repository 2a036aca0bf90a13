/** Who can do what with a key, in words: for plan output and the access matrix docs. */
export interface AccessSummary {
  readonly sid: string;
  readonly effect: 'Allow' | 'Deny';
  /** Who, e.g. "Key administrators (2)", "CloudWatch Logs (logs.eu-west-1.amazonaws.com)". */
  readonly who: string;
  readonly actions: readonly string[];
  /** Conditions in words, e.g. "only through s3.eu-west-1.amazonaws.com, caller account 111111111111". */
  readonly when: string;
  /** Why the statement exists. */
  readonly why: string;
  /** False for statements from KeyPolicy or AdditionalPolicyStatements. */
  readonly generated: boolean;
}
