/** `plan --diff` against a live key set on the emulator: what an UPDATE would change, with reads only. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ACCOUNT, CREDENTIALS, invoke, startHarness, type Harness } from '../engine/harness';
import { runCli } from './run-cli';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plan-diff-'));
const PROPS = {
  ProjectCode: 'diffy',
  KeyAdministratorArns: [`arn:aws:iam::${ACCOUNT}:role/KeyAdmin`],
  Services: [{ Service: 's3' }, { Service: 'sqs', EnableKeyRotation: false }],
  Tags: [{ Key: 'Env', Value: 'dev' }],
};
const saved = { ...process.env };
let h: Harness;

beforeAll(async () => {
  h = await startHarness();
  // plan --diff uses the SDK's normal credential chain: here, the environment.
  process.env.AWS_ACCESS_KEY_ID = CREDENTIALS.accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY = CREDENTIALS.secretAccessKey;
  delete process.env.AWS_PROFILE;
  const created = await invoke('create', PROPS);
  expect(created.status).toBe('SUCCESS');
});

afterAll(async () => {
  process.env = saved;
  fs.rmSync(dir, { recursive: true, force: true });
  await h.stop();
});

function write(name: string, value: unknown): string {
  fs.writeFileSync(path.join(dir, name), JSON.stringify(value));
  return name;
}

async function diff(props: unknown, ...extra: string[]) {
  const file = write(`p-${Math.random().toString(36).slice(2)}.json`, props);
  const before = h.emulator.admin.callLog().length;
  const run = await runCli(
    ['plan', file, '--account', ACCOUNT, '--region', 'eu-west-1', '--diff', '--endpoint', h.emulator.endpoint, ...extra],
    { cwd: dir },
  );
  // GetCallerIdentity (STS) is the account check; the rest are KMS calls.
  const calls = h.emulator.admin
    .callLog()
    .slice(before)
    .map((c) => c.operation);
  return { ...run, calls };
}

const READS = /^(Describe|Get|List)/;

test('unchanged properties: everything in sync, no state-changing call would be made, and only reads happened', async () => {
  const { code, out, err, calls } = await diff(PROPS);
  expect(err).toBe('');
  expect(code).toBe(0);
  expect(out).toContain('Live diff of key set "diffy" in account 111111111111, eu-west-1');
  expect(out).toMatch(/^s3\s+\S+\s+= in sync$/m);
  expect(out).toMatch(/^sqs\s+\S+\s+= in sync$/m);
  expect(out).toContain('Nothing to change: an UPDATE with these properties would make no state-changing call.');
  expect(calls.length).toBeGreaterThan(0);
  expect(calls.filter((c) => !READS.test(c))).toEqual([]);
  expect(calls.filter((c) => c === 'GetCallerIdentity')).toHaveLength(1);
  expect(out).toContain(`${calls.length - 1} read calls, no writes`);
});

test('changed properties and out-of-band drift: each change in words, nothing written', async () => {
  const s3 = h.emulator.admin.describeAllKeys(ACCOUNT, 'eu-west-1').find((k) => k.aliases.includes('alias/diffy/s3'))!;
  const drifted = JSON.parse(s3.policy) as { Statement: unknown[] };
  drifted.Statement.push({
    Sid: 'Sneaky',
    Effect: 'Allow',
    Principal: { AWS: 'arn:aws:iam::444444444444:root' },
    Action: 'kms:Decrypt',
    Resource: '*',
  });
  h.emulator.admin.mutateKey(ACCOUNT, 'eu-west-1', s3.keyId, { policy: JSON.stringify(drifted) });
  const desired = {
    ...PROPS,
    Services: [{ Service: 's3' }, { Service: 'sqs', EnableKeyRotation: true, RotationPeriodInDays: 180 }, { Service: 'logs' }],
    Tags: [{ Key: 'Env', Value: 'prod' }],
  };
  const { code, out, calls } = await diff(desired);
  expect(code).toBe(0);
  expect(out).toMatch(/^s3\s+\S+\s+~ change$/m);
  expect(out).toMatch(/^logs\s+—\s+\+ create$/m);
  expect(out).toContain('  ~ key policy: - Sneaky (');
  expect(out).toContain('  ~ rotation: off → every 180 days');
  expect(out).toContain('  ~ tags: ~ Env=prod');
  expect(out).toContain('  + create the key (single-Region) with its key policy and tags');
  expect(out).toMatch(/An UPDATE with these properties would make \d+ state-changing call\(s\)\./);
  expect(calls.filter((c) => !READS.test(c))).toEqual([]);
  // Nothing was repaired by looking.
  expect(h.emulator.admin.describeAllKeys(ACCOUNT, 'eu-west-1').find((k) => k.keyId === s3.keyId)!.policy).toContain('Sneaky');
});

test('a removed service is listed for deletion; --json gives the diff as data', async () => {
  const { code, out } = await diff({ ...PROPS, Services: [{ Service: 's3' }] }, '--json');
  expect(code).toBe(0);
  const parsed = JSON.parse(out);
  expect(parsed.keys.map((k: { service: string; status: string }) => [k.service, k.status])).toEqual([
    ['s3', 'change'],
    ['sqs', 'remove'],
  ]);
  expect(parsed.keys[1].changes).toEqual(['schedule the key for deletion in 30 days', 'delete the alias alias/diffy/sqs']);
  expect(parsed.mutatingCalls).toBeGreaterThanOrEqual(3);
});

test('a key set that does not exist: says so; an unreachable endpoint exits 1 without a stack trace', async () => {
  const missing = await diff({ ...PROPS, ProjectCode: 'nothere' });
  expect(missing.code).toBe(0);
  expect(missing.out).toContain('No key of key set "nothere" exists in eu-west-1');
  const file = write('down.json', PROPS);
  const down = await runCli(['plan', file, '--account', ACCOUNT, '--region', 'eu-west-1', '--diff', '--endpoint', 'http://127.0.0.1:9'], {
    cwd: dir,
  });
  expect(down.code).toBe(1);
  expect(down.err).toMatch(/^Error: plan --diff could not read the key set in eu-west-1: /);
  expect(down.err).not.toMatch(/^\s+at /m);
});

test('--account that is not the account of the credentials is refused (exit 2) before reading KMS', async () => {
  const { code, err, calls } = await diff(
    { ...PROPS, KeyAdministratorArns: ['arn:aws:iam::999999999999:role/KeyAdmin'] },
    '--account',
    '999999999999',
  );
  expect(code).toBe(2);
  expect(err).toContain('--account is 999999999999, but your credentials are for account 111111111111');
  expect(calls).toEqual(['GetCallerIdentity']);
});
