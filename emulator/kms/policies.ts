import { notFound } from '../errors';
import { bool, str, KEY_ID_RULE } from './input';
import { checkLockout } from './lockout';
import { findKey, type Operation } from './ops-common';
import { paginate } from './pagination';
import { parsePolicy } from './policy-document';
import { requireState } from './states';

const POLICY_NAME_RULE = { min: 1, max: 128, pattern: /^[\w]+$/ };

function requireDefaultName(name: string | undefined): void {
  if (name !== undefined && name !== 'default') throw notFound(`Policy ${name} does not exist; the only key policy name is "default".`);
}

export const GetKeyPolicy: Operation = (engine, ctx, input) => {
  const key = findKey(engine, ctx, str(input, 'KeyId', KEY_ID_RULE));
  const name = str(input, 'PolicyName', POLICY_NAME_RULE);
  engine.authorize(ctx, 'kms:GetKeyPolicy', key);
  requireDefaultName(name);
  const stale = key.stalePolicy && ctx.now < key.stalePolicy.until ? key.stalePolicy.policy : undefined;
  return { Policy: stale ?? key.policy, PolicyName: 'default' };
};

export const PutKeyPolicy: Operation = (engine, ctx, input) => {
  const key = findKey(engine, ctx, str(input, 'KeyId', KEY_ID_RULE));
  const name = str(input, 'PolicyName', POLICY_NAME_RULE);
  const policy = str(input, 'Policy', { required: true });
  const bypass = bool(input, 'BypassPolicyLockoutSafetyCheck') ?? false;
  engine.authorize(ctx, 'kms:PutKeyPolicy', key, { 'kms:BypassPolicyLockoutSafetyCheck': String(bypass) });
  requireDefaultName(name);
  const doc = parsePolicy(policy, ctx.partition);
  requireState(key, 'PutKeyPolicy');
  if (!bypass) checkLockout(ctx, doc, key.arn);
  if (engine.settings.staleReadMs > 0) key.stalePolicy = { policy: key.policy, until: ctx.now + engine.settings.staleReadMs };
  key.policy = policy;
  return {};
};

export const ListKeyPolicies: Operation = (engine, ctx, input) => {
  const key = findKey(engine, ctx, str(input, 'KeyId', KEY_ID_RULE));
  engine.authorize(ctx, 'kms:ListKeyPolicies', key);
  const { page, ...rest } = paginate(input, ['default'], `ListKeyPolicies/${key.arn}`, { max: 1000, default: 100 });
  return { PolicyNames: page, ...rest };
};
