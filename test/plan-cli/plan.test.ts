/** `servicekmskeys plan`, run in-process through cli/main.ts with a fake io. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import { main } from '../../cli/main';
import { serializePolicy, policyByteSize } from '../../resource-type/policy';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plan-cli-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string): string {
  fs.writeFileSync(path.join(dir, name), text);
  return name;
}

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c) => (out += String(c)));
  stderr.on('data', (c) => (err += String(c)));
  const code = await main(['plan', ...argv], { stdout, stderr, env: {}, cwd: dir });
  return { code, out, err };
}

const PROPS = {
  ProjectCode: 'shop',
  KeyAdministratorArns: ['arn:aws-us-gov:iam::111111111111:role/KeyAdmin'],
  TrustedAccountIds: ['222222222222'],
  CrossAccountAccessViaService: 'true',
  Services: [{ Service: 's3' }, { Service: 'sqs', EventSourceServices: ['sns'] }],
};

test('--json prints {"keys":[{service, region, alias, policy, bytes}]} for a Properties JSON file', async () => {
  const file = write('props.json', JSON.stringify(PROPS));
  const { code, out, err } = await run(file, '--account', '111111111111', '--region', 'us-gov-west-1', '--json');
  expect(err).toBe('');
  expect(code).toBe(0);
  const parsed = JSON.parse(out);
  expect(Object.keys(parsed)).toEqual(['keys']);
  expect(parsed.keys.map((k: Record<string, unknown>) => Object.keys(k))).toEqual([
    ['service', 'region', 'alias', 'policy', 'bytes'],
    ['service', 'region', 'alias', 'policy', 'bytes'],
  ]);
  const [s3, sqs] = parsed.keys;
  expect(s3).toMatchObject({ service: 's3', region: 'us-gov-west-1', alias: 'alias/shop/s3' });
  expect(sqs.alias).toBe('alias/shop/sqs');
  expect(typeof s3.policy).toBe('object');
  expect(s3.bytes).toBe(policyByteSize(serializePolicy(s3.policy)));
  expect(JSON.stringify(s3.policy)).toContain('"kms:ViaService":"s3.us-gov-west-1.amazonaws.com"');
  expect(JSON.stringify(sqs.policy)).toContain('"Service":"sns.amazonaws.com"');
});

test('a CloudFormation YAML template with short tags, parameters and mappings', async () => {
  const file = write(
    'template.yaml',
    `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  AdminRole: { Type: String, Default: KeyAdmin }
  Trusted: { Type: CommaDelimitedList }
Mappings:
  Env: { prod: { Code: shop-prod } }
Resources:
  Bucket:
    Type: AWS::S3::Bucket
  Keys:
    Type: Org::Security::ServiceKmsKeys
    Properties:
      ProjectCode: !FindInMap [Env, prod, Code]
      KeyAdministratorArns:
        - !Sub arn:\${AWS::Partition}:iam::\${AWS::AccountId}:role/\${AdminRole}
      KeyUserArns:
        - !Join ['', ['arn:', !Ref 'AWS::Partition', ':iam::', !Ref 'AWS::AccountId', ':role/App']]
      TrustedAccountIds: !Ref Trusted
      Services:
        - Service: logs
          MultiRegion: true
`,
  );
  const { code, out, err } = await run(
    file,
    '--account=111111111111',
    '--region=cn-north-1',
    '--parameter',
    'Trusted=222222222222, 333333333333',
    '--json',
  );
  expect(err).toBe('');
  expect(code).toBe(0);
  const key = JSON.parse(out).keys[0];
  expect(key).toMatchObject({ service: 'logs', region: 'cn-north-1', alias: 'alias/shop-prod/logs' });
  const text = JSON.stringify(key.policy);
  expect(text).toContain('arn:aws-cn:iam::111111111111:role/KeyAdmin');
  expect(text).toContain('arn:aws-cn:iam::111111111111:role/App');
  expect(text).toContain('arn:aws-cn:iam::333333333333:root');
  expect(text).toContain('logs.cn-north-1.amazonaws.com.cn');
});

test('readable table and per-key summaries without --json', async () => {
  const file = write(
    'props2.yaml',
    `ProjectCode: shop\nKeyAdministratorArns: [arn:aws:iam::111111111111:role/KeyAdmin]\nServices:\n  - Service: mwaa\n  - Service: secretsmanager\n    RotationPeriodInDays: "730"\n`,
  );
  const { code, out } = await run(file, '--account', '111111111111', '--region', 'eu-west-1');
  expect(code).toBe(0);
  const lines = out.split('\n');
  expect(lines[0]).toBe('Key set "shop" in account 111111111111, eu-west-1 (aws): 2 key(s)');
  expect(lines[2]).toMatch(/^SERVICE\s+ALIAS\s+REGION\s+ENABLED\s+MULTI-REGION\s+ROTATION\s+STATEMENTS\s+POLICY BYTES$/);
  expect(lines[3]).toMatch(/^mwaa\s+alias\/shop\/mwaa\s+eu-west-1\s+yes\s+no\s+365 days\s+\d+\s+[\d,]+ \/ 32,768$/);
  expect(lines[4]).toMatch(/^secretsmanager\s+alias\/shop\/secretsmanager\s+eu-west-1\s+yes\s+no\s+730 days/);
  expect(out).toContain('mwaa — Amazon MWAA (alias/shop/mwaa,');
  expect(out).toContain('Note: Amazon MWAA accepts only the key id or ARN, not the alias.');
  expect(out).toContain(
    'when: only through sqs.eu-west-1.amazonaws.com; caller account 111111111111, encryption context aws:sqs:arn like arn:aws:sqs:eu-west-1:*:airflow-celery-*',
  );
  expect(out).toMatch(/Explicit TrustedAccountIds that fit every policy: up to [\d,]+ \(you list 0\)\./);
});

test('invalid input exits 3 and names each property', async () => {
  const file = write(
    'bad.json',
    JSON.stringify({ ...PROPS, PendingWindowInDays: 3, Services: [{ Service: 'acm' }, { Service: 'mwaa', MultiRegion: true }] }),
  );
  const { code, out, err } = await run(file, '--account', '111111111111', '--region', 'us-gov-west-1');
  expect(code).toBe(3);
  expect(out).toBe('');
  expect(err).toContain('PendingWindowInDays = 3: must be from 7 to 30.');
  expect(err).toContain('Services/0/Service = "acm"');
  expect(err).toContain('Services/1/MultiRegion = true');
});

test('usage errors exit 2', async () => {
  const file = write('ok.json', JSON.stringify(PROPS));
  expect((await run(file, '--region', 'eu-west-1')).code).toBe(2);
  expect((await run(file, '--account', '111111111111')).code).toBe(2);
  expect((await run(file, '--account', '1111', '--region', 'eu-west-1')).code).toBe(2);
  expect((await run('--account', '111111111111', '--region', 'eu-west-1')).code).toBe(2);
  const unknown = await run(file, '--account', '111111111111', '--region', 'eu-west-1', '--colour');
  expect(unknown.code).toBe(2);
  expect(unknown.err).toContain('Unknown option "--colour"');
});

test('templates: several resources need --resource; unresolvable intrinsics and missing files exit 3', async () => {
  const two = write(
    'two.json',
    JSON.stringify({
      Resources: {
        A: { Type: 'Org::Security::ServiceKmsKeys', Properties: PROPS },
        B: { Type: 'Org::Security::ServiceKmsKeys', Properties: PROPS },
      },
    }),
  );
  const many = await run(two, '--account', '111111111111', '--region', 'us-gov-west-1');
  expect(many.code).toBe(2);
  expect(many.err).toContain('(A, B); choose one with --resource');
  expect((await run(two, '--account', '111111111111', '--region', 'us-gov-west-1', '--resource', 'B', '--json')).code).toBe(0);
  const none = write('none.json', JSON.stringify({ Resources: { X: { Type: 'AWS::S3::Bucket' } } }));
  expect((await run(none, '--account', '111111111111', '--region', 'eu-west-1')).code).toBe(3);
  const getatt = write(
    'getatt.yaml',
    `Resources:\n  K:\n    Type: Org::Security::ServiceKmsKeys\n    Properties:\n      ProjectCode: !GetAtt Other.Name\n`,
  );
  const g = await run(getatt, '--account', '111111111111', '--region', 'eu-west-1');
  expect(g.code).toBe(3);
  expect(g.err).toContain('Resources/K/Properties/ProjectCode: cannot resolve Fn::GetAtt offline');
  expect((await run('missing.json', '--account', '111111111111', '--region', 'eu-west-1')).code).toBe(3);
  const unmapped = write(
    'unmapped.yaml',
    `Mappings: {Env: {prod: {Code: shop}}}\nResources:\n  K:\n    Type: Org::Security::ServiceKmsKeys\n    Properties:\n      ProjectCode: !FindInMap [Env, dev, Code]\n`,
  );
  const m = await run(unmapped, '--account', '111111111111', '--region', 'eu-west-1');
  expect(m.code).toBe(3);
  expect(m.err).toContain('Resources/K/Properties/ProjectCode: Fn::FindInMap [Env, dev, Code]: mapping Env has no value for dev/Code.');
});

test('plan --help', async () => {
  const { code, out } = await run('--help');
  expect(code).toBe(0);
  expect(out).toContain('Usage: servicekmskeys plan <file> --account <12-digit id> --region <region>');
});
