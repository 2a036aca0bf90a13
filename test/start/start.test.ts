/**
 * `npm start` as a user runs it: `node bin/servicekmskeys.js start` in a child process, which must exit 0 within
 * the bound (a hang guard: the process is killed when it runs longer) and print the summary, the access matrix,
 * the drift repair and the deletion. Also --template, --keep-running and --endpoint.
 */
import { spawn, spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { KMSClient, ListAliasesCommand } from '@aws-sdk/client-kms';
import { startEmulator } from '../../emulator';

const ROOT = path.resolve(__dirname, '../..');
const BIN = path.join(ROOT, 'bin', 'servicekmskeys.js');
const BOUND_MS = 90_000;

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  out: string;
  err: string;
}

function start(
  args: string[],
  env: NodeJS.ProcessEnv = {},
  onOutput?: (out: string, kill: (signal: NodeJS.Signals) => void) => void,
): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'start', ...args], {
      cwd: ROOT,
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), BOUND_MS);
    child.stdout.on('data', (c) => {
      out += String(c);
      onOutput?.(out, (signal) => child.kill(signal));
    });
    child.stderr.on('data', (c) => (err += String(c)));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, out, err });
    });
  });
}

/** Lines of the section that starts with `heading` (up to the next numbered heading). */
function section(out: string, heading: RegExp): string[] {
  const lines = out.split('\n');
  const from = lines.findIndex((l) => heading.test(l));
  expect(from).toBeGreaterThanOrEqual(0);
  const rest = lines.slice(from + 1);
  const to = rest.findIndex((l) => /^\d\. /.test(l));
  return to < 0 ? rest : rest.slice(0, to);
}

test(
  'npm start: deploys the scenario templates (primary + replica), prints summary, access matrix and drift repair, deletes everything, exits 0',
  async () => {
    const run = await start([]);
    expect(run.signal).toBeNull();
    expect(run.err).not.toMatch(/^Error:/m);
    expect(run.code).toBe(0);
    expect(run.out).not.toContain('\u001b[');

    // 1. Progress per key and Region: the handler's own notes from its log, through the registry entrypoint.
    const deploy = section(run.out, /^1\. Deploy/).join('\n');
    expect(deploy).toContain('CREATE kms-multi-region/KeySet (demo) in eu-west-1');
    expect(deploy).toContain('CREATE kms-multi-region/KeySet (demo) in eu-central-1, replica of eu-west-1');
    expect(deploy).toContain('CREATE kms-cross-account/KeySet (shared) in eu-west-1');
    expect(deploy).toMatch(/^ {4}eu-west-1 +demo\/s3 +created key mrk-[0-9a-f]{8}…$/m);
    expect(deploy).toMatch(/^ {4}eu-central-1 +demo\/s3 +replicating primary key mrk-[0-9a-f]{8}… from eu-west-1$/m);
    expect(deploy).toMatch(/^ {4}eu-central-1 +demo\/s3 +waiting for key mrk-[0-9a-f]{8}… to finish Creating$/m);
    expect(deploy).toMatch(/^ {4}eu-central-1 +demo\/s3 +key mrk-[0-9a-f]{8}… is ready$/m);
    expect(deploy).toMatch(/^ {4}eu-west-1 +shared\/logs +alias alias\/shared\/logs created for key [0-9a-f]{8}-[0-9a-f]{3}…$/m);
    expect(deploy.match(/✓ CREATE SUCCESS/g)).toHaveLength(3);

    // 2. Summary table, grouped by stack: 4 primaries + 4 replicas + 6 cross-account keys.
    const summary = section(run.out, /^2\. Summary/);
    expect(summary[0]).toMatch(/^ {4}SERVICE +REGION +KEY ID +ALIAS +KIND +ROTATION +POLICY BYTES$/);
    expect(summary[1]).toBe('  kms-multi-region (templates/scenario2-multi-region.yaml)');
    expect(summary).toContain('  kms-cross-account (templates/scenario3-cross-account.yaml)');
    const rows = summary.filter((l) => /^ {4}[a-z]/.test(l));
    expect(rows).toHaveLength(14);
    expect(rows).toContainEqual(
      expect.stringMatching(/^ {4}s3 +eu-central-1 +mrk-[0-9a-f]{32} +alias\/demo\/s3 +replica +365 days \(primary's\) +[\d,]+$/),
    );
    expect(rows).toContainEqual(expect.stringMatching(/^ {4}ebs +eu-west-1 +[0-9a-f-]{36} +alias\/shared\/ebs +single +365 days +[\d,]+$/));

    // 3. Access matrix by real calls.
    const matrix = section(run.out, /^3\. Access matrix/);
    expect(matrix.join('\n')).toMatch(/authorization mode .*: \d+ calls\./);
    const header = matrix.find((l) => l.startsWith('  KEY '))!;
    expect(header.split(/ {2,}/).map((s) => s.trim())).toEqual([
      '',
      'KEY',
      'REGION',
      'KeyAdmin',
      'App',
      'App via',
      'AppRole',
      'Worker',
      'Worker via',
      'Outsider',
      'Outsider via',
    ]);
    const cells = (label: string, region: string) =>
      matrix
        .find((l) => new RegExp(`^ {2}${label.replace('/', '\\/')} +${region} `).test(l))!
        .trim()
        .split(/ +/)
        .slice(2);
    // Trusted accounts use the cross-account keys; the outsider never; the administrator only administers.
    expect(cells('shared/s3', 'eu-west-1')).toEqual(['P', '-', 'EGD', 'EGD', 'EGD', 'EGD', '-', '-']);
    // Through SQS an owner-account role gets only what SQS uses (GenerateDataKey, Decrypt).
    expect(cells('shared/sqs', 'eu-west-1')).toEqual(['P', '-', 'GD', 'EGD', 'EGD', 'EGD', '-', '-']);
    // The multi-Region set trusts no other account.
    expect(cells('demo/s3', 'eu-central-1')).toEqual(['P', 'EGD', 'EGD', '-', '-', '-', '-', '-']);
    expect(matrix.join('\n')).toContain(
      'principals of accounts 111111111111, 222222222222, 333333333333 can Encrypt/Decrypt/GenerateDataKey*/ReEncrypt* and DescribeKey through Amazon S3 in eu-west-1',
    );

    // 4. Drift repair with call counts from the emulator's call log.
    const drift = section(run.out, /^4\. Drift repair/).join('\n');
    expect(drift).toContain('Real call: role/Outsider in 444444444444 Decrypt → allowed (drift!)');
    expect(drift).toMatch(/^ {4}eu-west-1 +shared\/s3 +repaired drift: key policy of key [0-9a-f]{8}-[0-9a-f]{3}… updated$/m);
    expect(drift).toMatch(
      /Repaired: the live policy equals the rendered one again\. The UPDATE made \d+ KMS calls, 1 state-changing \(.*PutKeyPolicy 1; emulator call log\)/,
    );
    expect(drift).toContain('Real call: role/Outsider in 444444444444 Decrypt → denied');
    expect(drift).toMatch(/The same UPDATE again, nothing drifted: \d+ KMS calls, 0 state-changing/);

    // 5. Everything deleted.
    const teardown = section(run.out, /^5\. Delete everything/).join('\n');
    expect(teardown.match(/✓ DELETE SUCCESS/g)).toHaveLength(3);
    expect(teardown).toMatch(/^ {4}eu-west-1 +shared\/s3 +key [0-9a-f]{8}-[0-9a-f]{3}… scheduled for deletion in 30 days$/m);
    expect(teardown).toMatch(/^ {4}eu-central-1 +demo\/s3 +key mrk-[0-9a-f]{8}… scheduled for deletion in 30 days/m);
    expect(teardown).toContain('all 14 keys are pending deletion');
    expect(run.out).toMatch(/Done in [\d.]+ s/);
  },
  BOUND_MS + 10_000,
);

test(
  '--template deploys that template; --keep-running leaves the emulator up for the AWS CLI until SIGTERM',
  async () => {
    let endpoint: string | undefined;
    let listed: string[] | undefined;
    let diff: { status: number | null; stdout: string; stderr: string } | undefined;
    const run = await start(['--template', 'templates/minimal.yaml', '--keep-running', '--region', 'us-west-2'], {}, (out, kill) => {
      const m = /^ {2}Endpoint: (http:\/\/127\.0\.0\.1:\d+)$/m.exec(out);
      if (!m || endpoint || !out.includes('Stop with Ctrl-C.')) return;
      endpoint = m[1]!;
      // The plan --diff command start suggests must find nothing to change in the key set it just deployed.
      const suggested = /^ {4}npx servicekmskeys plan (.+)$/m.exec(out)![1]!.split(' ');
      const env = {
        ...process.env,
        NO_COLOR: '1',
        AWS_ENDPOINT_URL_KMS: endpoint,
        AWS_ENDPOINT_URL_STS: endpoint,
        AWS_ACCESS_KEY_ID: 'AKIA111111111111EXAMPLE',
        AWS_SECRET_ACCESS_KEY: 'local',
        AWS_REGION: 'us-west-2',
        AWS_PROFILE: '',
        AWS_SESSION_TOKEN: '',
      };
      diff = spawnSync(process.execPath, [BIN, 'plan', ...suggested], { cwd: ROOT, env, encoding: 'utf8', timeout: 30_000 });
      const kms = new KMSClient({
        region: 'us-west-2',
        endpoint,
        credentials: { accessKeyId: 'AKIA111111111111EXAMPLE', secretAccessKey: 'x' },
        maxAttempts: 1,
      });
      kms
        .send(new ListAliasesCommand({}))
        .then((r) => (listed = (r.Aliases ?? []).map((a) => a.AliasName!)))
        .finally(() => {
          kms.destroy();
          kill('SIGTERM');
        });
    });
    expect(diff?.stderr).toBe('');
    expect(diff?.status).toBe(0);
    expect(diff?.stdout).toContain('Nothing to change: an UPDATE with these properties would make no state-changing call.');
    expect(run.err).not.toMatch(/^Error:/m);
    expect(run.code).toBe(0);
    expect(run.out).toContain('Stacks: kms-minimal (templates/minimal.yaml); 1 keys in total.');
    expect(run.out).toContain('CREATE kms-minimal/KeySet (demo) in us-west-2');
    expect(run.out).not.toMatch(/^CREATE .* in eu-central-1/m);
    expect(run.out).toContain('export AWS_ENDPOINT_URL_KMS=');
    expect(run.out).not.toContain('5. Delete everything');
    expect(listed).toContain('alias/demo/s3');
  },
  BOUND_MS + 10_000,
);

test(
  '--endpoint targets another KMS endpoint with credentials from the normal SDK chain',
  async () => {
    const other = await startEmulator({ replicaCreatingMs: 100 });
    try {
      const run = await start(['--endpoint', other.endpoint, '--template', 'templates/minimal.yaml'], {
        AWS_ACCESS_KEY_ID: 'AKIA555555555555EXAMPLE',
        AWS_SECRET_ACCESS_KEY: 'x',
        AWS_SESSION_TOKEN: '',
        AWS_PROFILE: '',
      });
      expect(run.err).not.toMatch(/^Error:/m);
      expect(run.code).toBe(0);
      expect(run.out).toContain(`endpoint ${other.endpoint} 555555555555`);
      expect(run.out).toMatch(/KMS calls: .*CreateKey 1/);
      // Progress comes from the handler's log, so it shows against any endpoint.
      expect(run.out).toMatch(/^ {4}eu-west-1 +demo\/s3 +created key [0-9a-f]{8}-[0-9a-f]{3}…$/m);
      expect(run.out).toContain('all 1 keys are pending deletion');
      const keys = other.admin.describeAllKeys('555555555555', 'eu-west-1');
      expect(keys).toHaveLength(1);
      expect(keys[0]!.state).toBe('PendingDeletion');
      expect(other.admin.callCounts({ accountId: '555555555555' }).CreateKey).toBe(1);
    } finally {
      await other.stop();
    }
  },
  BOUND_MS + 10_000,
);
