import { STATEMENT_KEYS } from '../policy/canonical';
import { isGeneratedSid } from '../policy/sids';
import { isPlainObject } from './coerce';
import { SID } from './formats';
import type { Issues } from './issues';

const STATEMENT_FIELDS: ReadonlySet<string> = new Set(STATEMENT_KEYS);
const ACTION = /^(\*|kms:[A-Za-z*]+)$/;

function checkStringOrList(value: unknown, path: string, what: string, issues: Issues, pattern?: RegExp, patternHelp?: string): void {
  const list = typeof value === 'string' ? [value] : Array.isArray(value) ? value : undefined;
  if (!list || list.length === 0) {
    issues.add(path, value, `must be a ${what} string or a non-empty list of strings.`);
    return;
  }
  list.forEach((v, i) => {
    const p = Array.isArray(value) ? `${path}/${i}` : path;
    if (typeof v !== 'string') issues.add(p, v, 'must be a string.');
    else if (pattern && !pattern.test(v)) issues.add(p, v, patternHelp ?? 'is not allowed here.');
  });
}

function checkPrincipal(value: unknown, path: string, issues: Issues): void {
  if (value === '*') return;
  if (!isPlainObject(value) || Object.keys(value).length === 0) {
    issues.add(path, value, 'must be "*" or an object such as {"AWS": ["arn:...:role/Name"]} or {"Service": "logs.amazonaws.com"}.');
    return;
  }
  for (const [type, v] of Object.entries(value)) {
    if (!['AWS', 'Service', 'Federated', 'CanonicalUser'].includes(type))
      issues.add(`${path}/${type}`, type, 'is not a principal type; use AWS, Service, Federated or CanonicalUser.');
    else checkStringOrList(v, `${path}/${type}`, 'principal', issues);
  }
}

function checkCondition(value: unknown, path: string, issues: Issues): void {
  if (!isPlainObject(value)) {
    issues.add(path, value, 'must be an object of operator → {conditionKey: value(s)}.');
    return;
  }
  for (const [op, block] of Object.entries(value)) {
    if (!/^(ForAnyValue:|ForAllValues:)?[A-Za-z]+$/.test(op))
      issues.add(`${path}/${op}`, op, 'is not a condition operator (for example StringEquals, ArnLike, Bool).');
    if (!isPlainObject(block)) {
      issues.add(`${path}/${op}`, block, 'must be an object of condition keys to a value or list of values.');
      continue;
    }
    for (const [k, v] of Object.entries(block)) {
      const ok =
        ['string', 'boolean', 'number'].includes(typeof v) ||
        (Array.isArray(v) && v.every((x) => ['string', 'boolean', 'number'].includes(typeof x)));
      if (!ok) issues.add(`${path}/${op}/${k}`, v, 'must be a string, boolean, number or a list of them.');
    }
  }
}

/**
 * Checks one IAM statement's JSON shape. `kind` decides whether a Sid is required
 * (AdditionalPolicyStatements: yes, merged by Sid).
 */
export function checkStatement(st: unknown, path: string, issues: Issues, kind: 'additional' | 'override'): void {
  if (!isPlainObject(st)) {
    issues.add(path, st, 'must be a policy statement object.');
    return;
  }
  for (const key of Object.keys(st))
    if (!STATEMENT_FIELDS.has(key))
      issues.add(`${path}/${key}`, key, `is not a statement field; allowed: ${[...STATEMENT_FIELDS].join(', ')}.`);
  if (st.Sid !== undefined || kind === 'additional') {
    if (typeof st.Sid !== 'string' || st.Sid.length < 1 || st.Sid.length > 128 || !SID.test(st.Sid)) {
      issues.add(
        `${path}/Sid`,
        st.Sid,
        'must be 1-128 letters, digits, spaces, . _ or -' + (kind === 'additional' ? ' (required: statements are merged by Sid).' : '.'),
      );
    } else if (isGeneratedSid(st.Sid)) {
      issues.add(`${path}/Sid`, st.Sid, 'starts with "ServiceKmsKeys", which is reserved for generated statements; choose another Sid.');
    }
  }
  if (st.Effect !== 'Allow' && st.Effect !== 'Deny') issues.add(`${path}/Effect`, st.Effect, 'must be "Allow" or "Deny".');
  const hasP = st.Principal !== undefined;
  const hasNP = st.NotPrincipal !== undefined;
  if (hasP === hasNP)
    issues.add(
      `${path}/Principal`,
      st.Principal ?? st.NotPrincipal,
      'exactly one of Principal or NotPrincipal is required in a key policy statement.',
    );
  if (hasP) checkPrincipal(st.Principal, `${path}/Principal`, issues);
  if (hasNP) checkPrincipal(st.NotPrincipal, `${path}/NotPrincipal`, issues);
  const hasA = st.Action !== undefined;
  const hasNA = st.NotAction !== undefined;
  if (hasA === hasNA) issues.add(`${path}/Action`, st.Action ?? st.NotAction, 'exactly one of Action or NotAction is required.');
  const actionHelp = 'must be a KMS action such as kms:Decrypt (wildcards allowed) or "*".';
  if (hasA) checkStringOrList(st.Action, `${path}/Action`, 'action', issues, ACTION, actionHelp);
  if (hasNA) checkStringOrList(st.NotAction, `${path}/NotAction`, 'action', issues, ACTION, actionHelp);
  if (st.Resource !== undefined && st.NotResource !== undefined)
    issues.add(`${path}/NotResource`, st.NotResource, 'cannot be combined with Resource; give at most one of them.');
  if (st.Resource !== undefined) checkStringOrList(st.Resource, `${path}/Resource`, 'resource', issues);
  if (st.NotResource !== undefined) checkStringOrList(st.NotResource, `${path}/NotResource`, 'resource', issues);
  if (st.Condition !== undefined) checkCondition(st.Condition, `${path}/Condition`, issues);
}

/** Checks a full KeyPolicy override (object, or JSON text). Returns the parsed object when the JSON parses. */
export function checkPolicyDocument(value: unknown, path: string, issues: Issues): Record<string, unknown> | undefined {
  let doc: unknown = value;
  if (typeof value === 'string') {
    try {
      doc = JSON.parse(value);
    } catch (error) {
      issues.add(
        path,
        value.length > 200 ? `${value.slice(0, 200)}...` : value,
        `is not valid JSON (${(error as Error).message}); give a policy document object or its JSON text.`,
      );
      return undefined;
    }
  }
  if (!isPlainObject(doc)) {
    issues.add(path, value, 'must be a policy document: {"Version": "2012-10-17", "Statement": [...]}.');
    return undefined;
  }
  for (const key of Object.keys(doc))
    if (!['Version', 'Id', 'Statement'].includes(key))
      issues.add(`${path}/${key}`, key, 'is not a policy document field; allowed: Version, Id, Statement.');
  if (doc.Version !== '2012-10-17') issues.add(`${path}/Version`, doc.Version, 'must be "2012-10-17".');
  const statements = Array.isArray(doc.Statement) ? doc.Statement : doc.Statement === undefined ? [] : [doc.Statement];
  if (statements.length === 0) issues.add(`${path}/Statement`, doc.Statement, 'must hold at least one statement.');
  const sids = new Set<string>();
  statements.forEach((st, i) => {
    checkStatement(st, `${path}/Statement/${i}`, issues, 'override');
    const sid = isPlainObject(st) && typeof st.Sid === 'string' ? st.Sid : undefined;
    if (sid !== undefined) {
      if (sids.has(sid)) issues.add(`${path}/Statement/${i}/Sid`, sid, 'is used by two statements; Sids must be unique.');
      sids.add(sid);
    }
  });
  return doc;
}
