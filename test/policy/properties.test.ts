/** Property-based: random valid inputs always give valid, deterministic, size-checked policies. */
import fc from 'fast-check';
import { SERVICE_CATALOG } from '../../resource-type/catalog';
import { ValidationError } from '../../resource-type/core/errors';
import type { Partition } from '../../resource-type/core/types';
import {
  KEY_POLICY_CHARSET,
  MAX_KEY_POLICY_BYTES,
  canonicalizePolicyText,
  policiesEquivalent,
  principalsKeepingPutKeyPolicy,
  renderKeySet,
  serializePolicy,
} from '../../resource-type/policy';
import { validateProperties } from '../../resource-type/validation';

const REGIONS: Record<Partition, string[]> = {
  aws: ['eu-west-1', 'us-east-1', 'ap-southeast-4'],
  'aws-cn': ['cn-north-1', 'cn-northwest-1'],
  'aws-us-gov': ['us-gov-west-1', 'us-gov-east-1'],
};
const account = fc.stringMatching(/^[0-9]{12}$/);
const name = fc.stringMatching(/^[A-Za-z0-9_+=,.@-]{1,24}$/);

const input = fc
  .record({
    partition: fc.constantFrom<Partition>('aws', 'aws-cn', 'aws-us-gov'),
    regionIndex: fc.nat(),
    owner: account,
    project: fc.stringMatching(/^[A-Za-z0-9_-]{1,20}$/).filter((s) => s.toLowerCase() !== 'aws'),
    admins: fc.uniqueArray(name, { minLength: 1, maxLength: 3 }),
    users: fc.uniqueArray(name, { maxLength: 4 }),
    trusted: fc.uniqueArray(account, { maxLength: 25 }),
    org: fc.option(fc.stringMatching(/^o-[a-z0-9]{10}$/), { nil: undefined }),
    via: fc.boolean(),
    services: fc.uniqueArray(fc.constantFrom(...SERVICE_CATALOG.filter((s) => !s.unsupportedReason).map((s) => s.id)), {
      minLength: 1,
      maxLength: 8,
    }),
    multiRegion: fc.boolean(),
    asStrings: fc.boolean(),
  })
  .map((x) => {
    const p = x.partition;
    const region = REGIONS[p][x.regionIndex % REGIONS[p].length]!;
    const services = x.services
      .filter((id) => !(id === 'elasticache' && p === 'aws-us-gov'))
      .map((id) => {
        const def = SERVICE_CATALOG.find((s) => s.id === id)!;
        const mr = x.multiRegion && def.supportsMultiRegion;
        const svc: Record<string, unknown> = {
          Service: id,
          MultiRegion: x.asStrings ? String(mr) : mr,
          RotationPeriodInDays: x.asStrings ? '400' : 400,
        };
        if (def.eventSources.length > 0) svc.EventSourceServices = def.eventSources.slice(0, 3).map((e) => e.id);
        if (id === 'session') svc.NodeRoleArns = [`arn:${p}:iam::${x.owner}:role/Node`];
        if (id === 'dynamodb') svc.GlobalTables = true;
        return svc;
      });
    return {
      target: { accountId: x.owner, region, partition: p },
      props: {
        ProjectCode: x.project,
        KeyAdministratorArns: x.admins.map((n) => `arn:${p}:iam::${x.owner}:role/${n}`),
        KeyUserArns: x.users.map((n) => `arn:${p}:iam::${x.owner}:user/${n}`),
        TrustedAccountIds: x.trusted,
        ...(x.org ? { TrustedOrganizationId: x.org } : {}),
        CrossAccountAccessViaService: x.asStrings ? String(x.via) : x.via,
        Services: services.length > 0 ? services : [{ Service: 's3' }],
      },
    };
  });

test('random valid key sets render valid, deterministic, size-checked policies', () => {
  fc.assert(
    fc.property(input, ({ target, props }) => {
      let spec;
      try {
        spec = validateProperties(props, target);
      } catch (error) {
        // The only acceptable refusal of these inputs is the 32 KB budget, with the way out.
        expect(error).toBeInstanceOf(ValidationError);
        for (const issue of (error as ValidationError).issues) expect(issue.message).toMatch(/KMS allows at most 32768/);
        return;
      }
      const first = renderKeySet(spec, target);
      const second = renderKeySet(validateProperties(props, target), target);
      expect(second.map((k) => k.policyText)).toEqual(first.map((k) => k.policyText));
      for (const key of first) {
        expect(key.bytes).toBeLessThanOrEqual(MAX_KEY_POLICY_BYTES);
        expect(KEY_POLICY_CHARSET.test(key.policyText)).toBe(true);
        expect(serializePolicy(JSON.parse(key.policyText))).toBe(key.policyText);
        expect(policiesEquivalent(key.policyText, JSON.stringify(JSON.parse(key.policyText), null, 4))).toBe(true);
        expect(canonicalizePolicyText(key.policyText)).toBe(canonicalizePolicyText(canonicalizePolicyText(key.policyText)));
        for (const m of key.policyText.matchAll(/"arn:([a-z-]+):/g)) expect(m[1]).toBe(target.partition);
        expect(principalsKeepingPutKeyPolicy(key.policy, target, spec.keyAdministratorArns)).toContain(
          `arn:${target.partition}:iam::${target.accountId}:root`,
        );
        const sids = key.policy.Statement.map((s) => s.Sid);
        expect(new Set(sids).size).toBe(sids.length);
        for (const st of key.policy.Statement) {
          const open = st.Principal === '*' || JSON.stringify(st.Principal) === '{"AWS":"*"}';
          if (!open) continue;
          const condKeys = Object.values(st.Condition ?? {}).flatMap((b) => Object.keys(b));
          expect(condKeys.some((k) => k === 'kms:CallerAccount' || k === 'aws:PrincipalOrgID')).toBe(true);
        }
        for (const st of key.policy.Statement.filter((s) => s.Sid === 'ServiceKmsKeysKeyAdministrators')) {
          expect(JSON.stringify(st.Action)).not.toMatch(/kms:(Encrypt|Decrypt|ReEncrypt|GenerateDataKey|CreateGrant|\*)/);
        }
      }
    }),
    { numRuns: 150, seed: 20261129 },
  );
});
