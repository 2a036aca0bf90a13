/** Text and JSON forms of a plan and of a live diff. */
import { getServiceDefinition } from '../../resource-type/catalog';
import { MAX_KEY_POLICY_BYTES } from '../../resource-type/policy';
import { PLAIN, type Style } from '../ui/style';
import { table } from '../ui/table';
import type { LiveDiff } from './diff';
import type { Plan } from './model';

const n = (x: number) => x.toLocaleString('en-US');

/** The --json shape: policy as an object, exactly what would be sent (canonical). */
export function planJson(plan: Plan): string {
  return JSON.stringify(
    {
      keys: plan.keys.map((k) => ({
        service: k.service,
        region: k.region,
        alias: k.aliasName,
        policy: JSON.parse(k.policyText),
        bytes: k.bytes,
      })),
    },
    null,
    2,
  );
}

function bytesCell(bytes: number, style: Style): string {
  const text = `${n(bytes)} / ${n(MAX_KEY_POLICY_BYTES)}`;
  return bytes > MAX_KEY_POLICY_BYTES * 0.8 ? style.warn(text) : text;
}

export function planText(plan: Plan, style: Style = PLAIN): string {
  const { spec, target } = plan;
  const out: string[] = [];
  const replica = spec.primaryRegion !== undefined && spec.primaryRegion !== target.region;
  out.push(
    style.heading(
      `Key set "${spec.projectCode}" in account ${target.accountId}, ${target.region} (${target.partition}): ${plan.keys.length} key(s)${replica ? `, replicas of ${spec.primaryRegion}` : ''}`,
    ),
  );
  out.push('');
  out.push(
    ...table(
      [
        ['SERVICE', 'ALIAS', 'REGION', 'ENABLED', 'MULTI-REGION', 'ROTATION', 'STATEMENTS', 'POLICY BYTES'],
        ...plan.keys.map((k) => [
          k.service,
          k.aliasName,
          k.region,
          k.spec.enabled ? 'yes' : style.warn('no'),
          k.spec.multiRegion || replica ? 'yes' : 'no',
          replica ? `from ${spec.primaryRegion}` : k.spec.enableKeyRotation ? `${k.spec.rotationPeriodInDays} days` : style.warn('off'),
          String(k.statements),
          bytesCell(k.bytes, style),
        ]),
      ],
      { header: style.bold },
    ),
  );
  out.push('');
  out.push(
    `Explicit TrustedAccountIds that fit every policy: up to ${n(plan.maxTrustedAccounts)} (you list ${spec.trustedAccountIds.length}).`,
  );
  if (plan.warnings.length > 0) {
    out.push('', style.warn(style.bold(`Warnings (${plan.warnings.length}):`)));
    for (const w of plan.warnings) out.push(style.warn(`  ! ${w.property}: ${w.message}`));
  }
  for (const k of plan.keys) {
    const def = getServiceDefinition(k.service)!;
    out.push('', style.heading(`${k.service} — ${def.displayName} (${k.aliasName}, ${n(k.bytes)} bytes)`));
    if (!def.supportsAlias) out.push(style.warn(`  Note: ${def.displayName} accepts only the key id or ARN, not the alias.`));
    out.push('  Who can do what:');
    for (const s of k.sentences)
      out.push(`    ${s.effect === 'Deny' ? style.bad('DENY ') : ''}${s.wildcardPrincipal ? style.warn(s.text) : s.text}`);
    out.push(style.dim('  Statements:'));
    for (const a of k.access) {
      out.push(`    ${a.effect === 'Deny' ? style.bad('DENY ') : ''}${style.bold(a.who)}${a.generated ? '' : style.warn(' (yours)')}`);
      out.push(`      may: ${a.actions.join(', ')}`);
      out.push(`      when: ${a.when}`);
      out.push(style.dim(`      why: ${a.why}`));
    }
  }
  return out.join('\n');
}

export function diffJson(diff: LiveDiff): string {
  return JSON.stringify(diff, null, 2);
}

export function diffText(plan: Plan, diff: LiveDiff, where: string, style: Style = PLAIN): string {
  const { spec, target } = plan;
  const out: string[] = [];
  out.push(
    style.heading(
      `Live diff of key set "${spec.projectCode}" in account ${target.accountId}, ${target.region} (read from ${where}; ${diff.readCalls} read calls, no writes)`,
    ),
  );
  if (!diff.exists)
    out.push(
      style.warn(
        `No key of key set "${spec.projectCode}" exists in ${target.region}: an UPDATE would fail (NotFound); a CREATE would make what is listed below.`,
      ),
    );
  out.push('');
  const mark: Record<string, string> = {
    create: style.ok('+ create'),
    change: style.warn('~ change'),
    'in-sync': style.dim('= in sync'),
    remove: style.bad('- remove'),
  };
  out.push(
    ...table([['SERVICE', 'KEY ID', 'STATUS'], ...diff.keys.map((k) => [k.service, k.keyId ?? '—', mark[k.status]!])], {
      header: style.bold,
    }),
  );
  for (const k of diff.keys.filter((d) => d.changes.length > 0)) {
    out.push('', style.bold(`${k.service}:`));
    for (const c of k.changes)
      out.push(`  ${k.status === 'remove' ? style.bad('-') : k.status === 'create' ? style.ok('+') : style.warn('~')} ${c}`);
  }
  out.push('');
  out.push(
    diff.mutatingCalls === 0
      ? style.ok('Nothing to change: an UPDATE with these properties would make no state-changing call.')
      : `An UPDATE with these properties would make ${diff.mutatingCalls} state-changing call(s).`,
  );
  return out.join('\n');
}
