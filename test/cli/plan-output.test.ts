/** `plan` for people: colour rules, plain-words access, warnings, templates with conditions. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { partitionOf } from '../../resource-type/core/partition';
import { validateProperties } from '../../resource-type/validation';
import { maxTrustedAccountsThatFit } from '../../resource-type/policy';
import { ESC, runCli } from './run-cli';

const ROOT = path.resolve(__dirname, '../..');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plan-output-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(name: string, value: unknown): string {
  fs.writeFileSync(path.join(dir, name), JSON.stringify(value));
  return name;
}

const TARGET = ['--account', '111111111111', '--region', 'eu-west-1'];
const PROPS = {
  ProjectCode: 'shop',
  KeyAdministratorArns: ['arn:aws:iam::111111111111:role/KeyAdmin'],
  KeyUserArns: ['arn:aws:iam::222222222222:role/AppRole'],
  TrustedAccountIds: ['222222222222'],
  CrossAccountAccessViaService: true,
  Services: [{ Service: 's3' }],
};

describe('colour', () => {
  const file = write('props.json', PROPS);
  const plan = (options: Parameters<typeof runCli>[1], ...extra: string[]) =>
    runCli(['plan', file, ...TARGET, ...extra], { cwd: dir, ...options });

  test('a terminal gets colour', async () => {
    const { code, out } = await plan({ tty: true });
    expect(code).toBe(0);
    expect(out).toContain(ESC);
  });

  test('not a terminal (pipe, file, CI log): no colour', async () => {
    expect((await plan({ tty: false })).out).not.toContain(ESC);
  });

  test('NO_COLOR (any non-empty value) wins over a terminal and over FORCE_COLOR', async () => {
    expect((await plan({ tty: true, env: { NO_COLOR: '1' } })).out).not.toContain(ESC);
    expect((await plan({ tty: true, env: { NO_COLOR: 'yes', FORCE_COLOR: '1' } })).out).not.toContain(ESC);
  });

  test('--no-color wins over a terminal; FORCE_COLOR colours a pipe', async () => {
    expect((await plan({ tty: true }, '--no-color')).out).not.toContain(ESC);
    expect((await plan({ tty: false, env: { FORCE_COLOR: '1' } })).out).toContain(ESC);
  });

  test('the coloured and the plain output say the same thing', async () => {
    const coloured = (await plan({ tty: true })).out.replace(/\u001b\[[0-9;]*m/g, '');
    expect(coloured).toBe((await plan({ tty: false })).out);
  });
});

test('access in plain words, one sentence per principal', async () => {
  const { code, out } = await runCli(['plan', write('words.json', PROPS), ...TARGET], { cwd: dir });
  expect(code).toBe(0);
  expect(out).toContain('  Who can do what:');
  expect(out).toContain('role/AppRole in 222222222222 can Encrypt/Decrypt/GenerateDataKey*/ReEncrypt* and DescribeKey\n');
  expect(out).toContain('role/KeyAdmin in 111111111111 can administer the key (');
  expect(out).toContain('account 222222222222 (its IAM policies decide) can Encrypt/Decrypt');
  expect(out).toContain(
    'principals of accounts 111111111111, 222222222222 can Encrypt/Decrypt/GenerateDataKey*/ReEncrypt* and DescribeKey through Amazon S3 in eu-west-1',
  );
  expect(out).not.toContain('Warnings');
});

test('warnings: rotation off, KeyPolicy override, Deny and wildcard principal statements, each naming its property', async () => {
  const props = {
    ...PROPS,
    Services: [
      { Service: 's3', EnableKeyRotation: false },
      {
        Service: 'sqs',
        AdditionalPolicyStatements: [
          {
            Sid: 'NoDeleteByApps',
            Effect: 'Deny',
            Principal: { AWS: 'arn:aws:iam::111111111111:role/App' },
            Action: 'kms:ScheduleKeyDeletion',
            Resource: '*',
          },
          {
            Sid: 'Everyone',
            Effect: 'Allow',
            Principal: '*',
            Action: 'kms:Decrypt',
            Resource: '*',
            Condition: { StringEquals: { 'kms:CallerAccount': '111111111111' } },
          },
        ],
      },
      {
        Service: 'sns',
        KeyPolicy: {
          Version: '2012-10-17',
          Statement: [
            { Sid: 'Root', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111111111111:root' }, Action: 'kms:*', Resource: '*' },
          ],
        },
      },
    ],
  };
  const { code, out } = await runCli(['plan', write('risky.json', props), ...TARGET], { cwd: dir });
  expect(code).toBe(0);
  const warnings = out.split('\n').filter((l) => l.startsWith('  ! '));
  expect(warnings).toEqual([
    expect.stringMatching(/^ {2}! Services\/0\/EnableKeyRotation: The s3 key has automatic rotation off/),
    expect.stringMatching(/^ {2}! Services\/1\/AdditionalPolicyStatements\/0: .*Deny statement \(NoDeleteByApps\)/),
    expect.stringMatching(
      /^ {2}! Services\/1\/AdditionalPolicyStatements\/1: .*Principal "\*" \(Everyone\), limited only by its conditions/,
    ),
    expect.stringMatching(/^ {2}! Services\/2\/KeyPolicy: The sns key uses a KeyPolicy override/),
  ]);
  expect(out).toContain(`Warnings (${warnings.length}):`);
  expect(out).toContain('role/App in 111111111111 cannot ScheduleKeyDeletion');
  expect(out).toContain('principals of account 111111111111 can Decrypt');
});

test('a TrustedAccountIds list near the 32 KB limit is flagged with how many fit', async () => {
  const target = { accountId: '111111111111', region: 'eu-west-1', partition: partitionOf('eu-west-1') };
  const base = { ...PROPS, TrustedAccountIds: ['222222222222'] };
  const max = maxTrustedAccountsThatFit(validateProperties(base, target), target);
  expect(max).toBeGreaterThan(10);
  const accounts = Array.from({ length: max }, (_, i) => String(300000000000 + i));
  const { code, out } = await runCli(['plan', write('many.json', { ...base, TrustedAccountIds: accounts }), ...TARGET], { cwd: dir });
  expect(code).toBe(0);
  expect(out).toContain(
    `! TrustedAccountIds: TrustedAccountIds lists ${max.toLocaleString('en-US')} accounts; at most ${max.toLocaleString('en-US')} fit every key policy`,
  );
  expect(out).toMatch(/! Services\/0: The s3 key policy is [\d,]+ of 32,768 bytes/);
  const few = await runCli(['plan', write('few.json', { ...base, TrustedAccountIds: accounts.slice(0, Math.floor(max / 2)) }), ...TARGET], {
    cwd: dir,
  });
  expect(few.out).not.toContain('! TrustedAccountIds');
});

test('scenario templates plan offline, conditions and Fn::If included (replica Region too)', async () => {
  const params = ['--parameter', 'ProjectCode=demo', '--parameter', 'KeyAdministratorArns=arn:aws:iam::111111111111:role/KeyAdmin'];
  const cross = await runCli(
    ['plan', 'templates/scenario3-cross-account.yaml', ...TARGET, ...params, '--parameter', 'TrustedAccountIds=222222222222, 333333333333'],
    { cwd: ROOT },
  );
  expect(cross.err).toBe('');
  expect(cross.code).toBe(0);
  expect(cross.out.split('\n')[0]).toBe('Key set "demo" in account 111111111111, eu-west-1 (aws): 6 key(s)');
  expect(cross.out).toContain('account 333333333333 (its IAM policies decide) can Encrypt/Decrypt');
  const replica = await runCli(
    [
      'plan',
      'templates/scenario2-multi-region.yaml',
      '--account',
      '111111111111',
      '--region',
      'eu-central-1',
      ...params,
      '--parameter',
      'PrimaryRegion=eu-west-1',
    ],
    { cwd: ROOT },
  );
  expect(replica.code).toBe(0);
  expect(replica.out.split('\n')[0]).toBe('Key set "demo" in account 111111111111, eu-central-1 (aws): 4 key(s), replicas of eu-west-1');
  expect(replica.out).toMatch(/^s3\s+alias\/demo\/s3\s+eu-central-1\s+yes\s+yes\s+from eu-west-1/m);
});
