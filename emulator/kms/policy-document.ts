import { constraint, malformedPolicy } from '../errors';
import { rootArn } from '../partition';

export interface Statement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Principal?: unknown;
  NotPrincipal?: unknown;
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  NotResource?: string | string[];
  Condition?: Record<string, Record<string, unknown>>;
}

export interface PolicyDocument {
  Version?: string;
  Id?: string;
  Statement: Statement[];
}

/** The policy KMS gives a key created or replicated without one. */
export function defaultKeyPolicy(partition: string, accountId: string): string {
  return JSON.stringify(
    {
      Version: '2012-10-17',
      Id: 'key-default-1',
      Statement: [
        {
          Sid: 'Enable IAM User Permissions',
          Effect: 'Allow',
          Principal: { AWS: rootArn(partition, accountId) },
          Action: 'kms:*',
          Resource: '*',
        },
      ],
    },
    null,
    2,
  );
}

const POLICY_CHARSET = /^[\u0009\u000A\u000D\u0020-\u00FF]+$/;
const MAX_POLICY_BYTES = 32768;
const TOP_LEVEL = new Set(['Version', 'Id', 'Statement']);
const STATEMENT_KEYS = new Set([
  'Sid',
  'Effect',
  'Principal',
  'NotPrincipal',
  'Action',
  'NotAction',
  'Resource',
  'NotResource',
  'Condition',
]);
const OPERATOR_BASES = [
  'StringEquals',
  'StringNotEquals',
  'StringEqualsIgnoreCase',
  'StringNotEqualsIgnoreCase',
  'StringLike',
  'StringNotLike',
  'NumericEquals',
  'NumericNotEquals',
  'NumericLessThan',
  'NumericLessThanEquals',
  'NumericGreaterThan',
  'NumericGreaterThanEquals',
  'DateEquals',
  'DateNotEquals',
  'DateLessThan',
  'DateLessThanEquals',
  'DateGreaterThan',
  'DateGreaterThanEquals',
  'Bool',
  'BinaryEquals',
  'IpAddress',
  'NotIpAddress',
  'ArnEquals',
  'ArnLike',
  'ArnNotEquals',
  'ArnNotLike',
  'Null',
];

function isKnownOperator(operator: string): boolean {
  let base = operator.replace(/^(ForAnyValue|ForAllValues):/, '');
  if (base !== 'Null' && base.endsWith('IfExists')) base = base.slice(0, -'IfExists'.length);
  return OPERATOR_BASES.includes(base);
}

/** Shape constraints of the Policy member (ValidationException, as for any AWS shape violation). */
export function checkPolicyShape(policy: string): void {
  if (policy.length < 1) throw constraint('policy', policy, 'Member must have length greater than or equal to 1');
  if (Buffer.byteLength(policy, 'utf8') > MAX_POLICY_BYTES)
    throw constraint(
      'policy',
      policy,
      `Member must have length less than or equal to ${MAX_POLICY_BYTES} (the key policy is ${Buffer.byteLength(policy, 'utf8')} bytes in UTF-8)`,
    );
  if (!POLICY_CHARSET.test(policy))
    throw constraint('policy', policy, 'Member must satisfy regular expression pattern: [\\u0009\\u000A\\u000D\\u0020-\\u00FF]+');
}

function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [value];
}

/**
 * Parses and validates a key policy (JSON, elements, principals). Throws MalformedPolicyDocumentException.
 * Stricter than KMS where unsure: requires Version, Resource, known condition operators, unique Sids,
 * and `kms:` actions only.
 */
export function parsePolicy(policy: string, partition: string): PolicyDocument {
  checkPolicyShape(policy);
  let doc: unknown;
  try {
    doc = JSON.parse(policy);
  } catch {
    throw malformedPolicy('The policy is not valid JSON.');
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw malformedPolicy('The policy must be a JSON object.');
  const record = doc as Record<string, unknown>;
  for (const key of Object.keys(record)) if (!TOP_LEVEL.has(key)) throw malformedPolicy(`Policy contains an unknown element "${key}".`);
  if (record.Version !== '2012-10-17' && record.Version !== '2008-10-17')
    throw malformedPolicy('The policy Version must be "2012-10-17" (or "2008-10-17").');
  if (record.Statement === undefined) throw malformedPolicy('The policy has no Statement.');
  const statements = asList(record.Statement);
  if (statements.length === 0) throw malformedPolicy('The policy has no Statement.');
  const sids = new Set<string>();
  const parsed = statements.map((s, i) => checkStatement(s, i, partition, sids));
  return { Version: record.Version as string, Id: record.Id as string | undefined, Statement: parsed };
}

function checkStatement(raw: unknown, index: number, partition: string, sids: Set<string>): Statement {
  const where = `Statement ${index + 1}`;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw malformedPolicy(`${where} must be a JSON object.`);
  const s = raw as Record<string, unknown>;
  for (const key of Object.keys(s)) if (!STATEMENT_KEYS.has(key)) throw malformedPolicy(`${where} contains an unknown element "${key}".`);
  if (s.Sid !== undefined) {
    if (typeof s.Sid !== 'string') throw malformedPolicy(`${where}: Sid must be a string.`);
    if (sids.has(s.Sid)) throw malformedPolicy(`Statement IDs (SID) in a single policy must be unique: "${s.Sid}" is repeated.`);
    sids.add(s.Sid);
  }
  if (s.Effect !== 'Allow' && s.Effect !== 'Deny') throw malformedPolicy(`${where}: Effect must be "Allow" or "Deny".`);
  if ((s.Principal === undefined) === (s.NotPrincipal === undefined))
    throw malformedPolicy(`${where} must have exactly one of Principal or NotPrincipal.`);
  checkPrincipal(s.Principal ?? s.NotPrincipal, where, partition);
  if ((s.Action === undefined) === (s.NotAction === undefined))
    throw malformedPolicy(`${where} must have exactly one of Action or NotAction.`);
  for (const action of asList(s.Action ?? s.NotAction)) {
    if (typeof action !== 'string' || !(action === '*' || /^kms:[A-Za-z*?]+$/.test(action)))
      throw malformedPolicy(`${where}: action ${JSON.stringify(action)} is not a KMS action ("kms:<Action>" or "*").`);
  }
  if ((s.Resource === undefined) === (s.NotResource === undefined))
    throw malformedPolicy(`${where} must have exactly one of Resource or NotResource.`);
  for (const resource of asList(s.Resource ?? s.NotResource)) {
    if (typeof resource !== 'string' || resource.length === 0)
      throw malformedPolicy(`${where}: Resource entries must be non-empty strings.`);
  }
  if (s.Condition !== undefined) checkCondition(s.Condition, where);
  return s as unknown as Statement;
}

function checkCondition(condition: unknown, where: string): void {
  if (typeof condition !== 'object' || condition === null || Array.isArray(condition))
    throw malformedPolicy(`${where}: Condition must be an object.`);
  for (const [operator, block] of Object.entries(condition)) {
    if (!isKnownOperator(operator)) throw malformedPolicy(`${where}: unknown condition operator "${operator}".`);
    if (typeof block !== 'object' || block === null || Array.isArray(block))
      throw malformedPolicy(`${where}: Condition "${operator}" must map keys to values.`);
    for (const [key, value] of Object.entries(block)) {
      if (!/^[A-Za-z0-9]+:[^\s]+$/.test(key)) throw malformedPolicy(`${where}: condition key "${key}" is not valid.`);
      for (const v of asList(value)) {
        if (!['string', 'number', 'boolean'].includes(typeof v))
          throw malformedPolicy(`${where}: condition "${key}" has a value that is not a string, number or boolean.`);
      }
    }
  }
}

const INVALID_PRINCIPALS = 'Policy contains a statement with one or more invalid principals.';

function checkPrincipal(principal: unknown, where: string, partition: string): void {
  if (principal === '*') return;
  if (typeof principal !== 'object' || principal === null || Array.isArray(principal)) throw malformedPolicy(INVALID_PRINCIPALS);
  const entries = Object.entries(principal as Record<string, unknown>);
  if (entries.length === 0) throw malformedPolicy(INVALID_PRINCIPALS);
  for (const [type, values] of entries) {
    const list = asList(values);
    if (list.length === 0) throw malformedPolicy(INVALID_PRINCIPALS);
    for (const value of list) {
      if (typeof value !== 'string' || !validPrincipal(type, value, partition)) {
        throw malformedPolicy(`${INVALID_PRINCIPALS} (${where}: ${type} ${JSON.stringify(value)})`);
      }
    }
  }
}

const IAM_PATHED = /^(role|user)\/([\x21-\x7E]+\/)*[\w+=,.@-]{1,128}$/;

function validPrincipal(type: string, value: string, partition: string): boolean {
  if (type === 'AWS') {
    if (value === '*' || /^\d{12}$/.test(value)) return true;
    const parts = value.split(':');
    if (parts.length !== 6 || parts[0] !== 'arn' || parts[1] !== partition || parts[3] !== '' || !/^\d{12}$/.test(parts[4])) return false;
    if (parts[2] === 'iam') return parts[5] === 'root' || IAM_PATHED.test(parts[5]);
    if (parts[2] === 'sts') return /^assumed-role\/[\w+=,.@-]{1,64}\/[\w+=,.@-]{2,64}$/.test(parts[5]);
    return false;
  }
  if (type === 'Service') return value === '*' || /^[a-z0-9-]+(\.[a-z0-9-]+)*\.amazonaws\.com(\.cn)?$/.test(value);
  if (type === 'Federated') return value.length > 0;
  if (type === 'CanonicalUser') return /^[0-9a-f]{64}$/.test(value);
  return false;
}
