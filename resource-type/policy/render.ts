import { getServiceDefinition } from '../catalog';
import { ValidationError, type ValidationIssue } from '../core/errors';
import { aliasNameFor } from '../core/ownership';
import type { DeploymentTarget, KeySetSpec, PolicyDocument, PolicyStatement, ServiceKeySpec } from '../core/types';
import type { AccessSummary } from './access';
import { MAX_KEY_POLICY_BYTES, policyByteSize } from './budget';
import { serializePolicy } from './canonical';
import { generateStatements } from './generate';
import { substituteJson, substituteText } from './placeholders';

function keyIndex(spec: KeySetSpec, key: ServiceKeySpec): number {
  const i = spec.services.indexOf(key);
  return i >= 0 ? i : spec.services.findIndex((s) => s.service === key.service);
}

/** The user's KeyPolicy override, parsed and with placeholders substituted. */
function overrideDocument(spec: KeySetSpec, key: ServiceKeySpec, target: DeploymentTarget): PolicyDocument {
  const raw = key.keyPolicy!;
  const doc =
    typeof raw === 'string' ? (JSON.parse(substituteText(raw, spec, target)) as PolicyDocument) : substituteJson(raw, spec, target);
  const statements = Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement as unknown as PolicyStatement];
  return { ...doc, Version: doc.Version ?? '2012-10-17', Statement: statements.map(withResource) };
}

function withResource(st: PolicyStatement): PolicyStatement {
  return st.Resource === undefined && st.NotResource === undefined ? { ...st, Resource: '*' } : st;
}

/** Merges statements by Sid: a statement with the Sid of an earlier one replaces it in place. */
function mergeBySid(base: readonly PolicyStatement[], extra: readonly PolicyStatement[]): PolicyStatement[] {
  const out = [...base];
  for (const st of extra) {
    const at = st.Sid === undefined ? -1 : out.findIndex((s) => s.Sid === st.Sid);
    if (at >= 0) out[at] = st;
    else out.push(st);
  }
  return out;
}

/**
 * The key policy of one service key in one Region: the generated policy (or the KeyPolicy
 * override), placeholders substituted, AdditionalPolicyStatements merged by Sid.
 * `target.region` is the Region the key lives in (a replica's own Region).
 */
export function renderKeyPolicy(spec: KeySetSpec, key: ServiceKeySpec, target: DeploymentTarget): PolicyDocument {
  const additional = substituteJson(key.additionalPolicyStatements, spec, target).map(withResource);
  if (key.keyPolicy !== undefined) {
    const doc = overrideDocument(spec, key, target);
    return { ...doc, Statement: mergeBySid(doc.Statement, additional) };
  }
  const generated = generateStatements(spec, key, target).map((g) => g.statement);
  const generatedSids = new Set(generated.map((s) => s.Sid));
  const collisions = additional.filter((s) => s.Sid !== undefined && generatedSids.has(s.Sid));
  if (collisions.length > 0) {
    const i = keyIndex(spec, key);
    throw new ValidationError(
      collisions.map((s) => ({
        property: `Services/${i}/AdditionalPolicyStatements`,
        value: s.Sid,
        message: `Sid "${s.Sid}" is a generated statement of the ${key.service} key; choose another Sid (generated Sids start with "ServiceKmsKeys").`,
      })),
    );
  }
  return { Version: '2012-10-17', Statement: mergeBySid(generated, additional) };
}

export interface RenderedKey {
  readonly service: string;
  readonly region: string;
  readonly aliasName: string;
  readonly policy: PolicyDocument;
  /** Exactly the string sent to KMS. */
  readonly policyText: string;
  readonly bytes: number;
}

/** Every key of the set, rendered for the target Region. */
export function renderKeySet(spec: KeySetSpec, target: DeploymentTarget): RenderedKey[] {
  return spec.services.map((key) => {
    const policy = renderKeyPolicy(spec, key, target);
    const policyText = serializePolicy(policy);
    return {
      service: key.service,
      region: target.region,
      aliasName: aliasNameFor(spec.projectCode, key.service),
      policy,
      policyText,
      bytes: policyByteSize(policyText),
    };
  });
}

function describeUserStatement(st: PolicyStatement): AccessSummary {
  const actions = st.Action === undefined ? [] : typeof st.Action === 'string' ? [st.Action] : [...st.Action];
  const who = st.Principal === '*' ? 'Anyone' : JSON.stringify(st.Principal ?? st.NotPrincipal ?? {});
  return {
    sid: st.Sid ?? '(no Sid)',
    effect: st.Effect,
    who,
    actions: st.NotAction !== undefined ? [`all except ${JSON.stringify(st.NotAction)}`] : actions,
    when: st.Condition ? JSON.stringify(st.Condition) : 'always',
    why: 'Added by the key set (KeyPolicy or AdditionalPolicyStatements).',
    generated: false,
  };
}

/** Who can do what with the key, in words (generated statements explained, user statements summarized). */
export function describeAccess(spec: KeySetSpec, key: ServiceKeySpec, target: DeploymentTarget): AccessSummary[] {
  const policy = renderKeyPolicy(spec, key, target);
  if (key.keyPolicy !== undefined) return policy.Statement.map(describeUserStatement);
  const generated = new Map(generateStatements(spec, key, target).map((g) => [g.statement.Sid, g]));
  return policy.Statement.map((st) => {
    const g = st.Sid !== undefined ? generated.get(st.Sid) : undefined;
    return g && g.statement === st
      ? g.access
      : g && JSON.stringify(g.statement) === JSON.stringify(st)
        ? g.access
        : describeUserStatement(st);
  });
}

/** Synthetic account ids for size probing (never real accounts). */
function syntheticAccounts(n: number): string[] {
  return Array.from({ length: n }, (_, i) => String(900000000000 + i));
}

/**
 * The largest explicit TrustedAccountIds list that keeps the key policy of `service` (or, without
 * it, of every supported service in the key set — the worst case) within 32,768 bytes, with the
 * key set's other settings unchanged. 12-digit ids all have the same length, so the answer does
 * not depend on which accounts.
 */
export function maxTrustedAccountsThatFit(spec: KeySetSpec, target: DeploymentTarget, service?: string): number {
  const keys = spec.services
    .filter((k) => (service ? k.service === service : true))
    .filter((k) => !getServiceDefinition(k.service)?.unsupportedReason);
  if (keys.length === 0) return 0;
  const fits = (n: number): boolean => {
    const probe: KeySetSpec = { ...spec, trustedAccountIds: syntheticAccounts(n) };
    return keys.every((key) => {
      const k = probe.services[spec.services.indexOf(key)]!;
      return policyByteSize(serializePolicy(renderKeyPolicy(probe, k, target))) <= MAX_KEY_POLICY_BYTES;
    });
  };
  if (!fits(0)) return 0;
  let lo = 0;
  let hi = 1;
  while (fits(hi)) {
    lo = hi;
    hi *= 2;
    if (hi > 100000) return lo;
  }
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (fits(mid)) lo = mid;
    else hi = mid;
  }
  return lo;
}

export type { ValidationIssue };
