/** The CLI as a whole: help on every command, exit codes, errors without stack traces unless --debug. */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { COMMANDS } from '../../cli/main';
import { EXIT } from '../../cli/command';
import { runCli, STACK_FRAME } from './run-cli';

const ROOT = path.resolve(__dirname, '../..');

test('servicekmskeys --help lists every command and documents the exit codes', async () => {
  const { code, out, err } = await runCli(['--help']);
  expect(code).toBe(EXIT.ok);
  expect(err).toBe('');
  expect(out.split('\n')[0]).toBe('Usage: servicekmskeys <command> [options]');
  for (const c of COMMANDS) expect(out).toMatch(new RegExp(`^  ${c.name}\\s+\\S`, 'm'));
  expect(out).toContain('Exit codes: 0 ok, 1 failure, 2 usage error');
  expect(out).toContain('3 invalid input');
});

test('no command is a usage error (exit 2) that still prints the usage', async () => {
  const { code, out } = await runCli([]);
  expect(code).toBe(EXIT.usage);
  expect(out).toContain('Commands:');
});

test('an unknown command exits 2 and says so on stderr', async () => {
  const { code, out, err } = await runCli(['deploy']);
  expect(code).toBe(EXIT.usage);
  expect(out).toBe('');
  expect(err).toContain('Unknown command "deploy"');
});

test.each(COMMANDS.map((c) => [c.name]))('%s --help prints real help (usage line, options, exit codes) and exits 0', async (name) => {
  for (const flag of ['--help', '-h']) {
    const { code, out, err } = await runCli([name, flag]);
    expect(code).toBe(EXIT.ok);
    expect(err).toBe('');
    expect(out.split('\n')[0]).toMatch(new RegExp(`^Usage: servicekmskeys ${name}\\b`));
    expect(out.split('\n').length).toBeGreaterThan(5);
    expect(out).toMatch(/--[a-z]/);
    expect(out).not.toMatch(/not built yet/i);
  }
});

test.each([
  ['start', ['--frobnicate']],
  ['plan', ['x.json', '--account', '111111111111', '--region', 'eu-west-1', '--frobnicate']],
  ['emulator', ['--frobnicate']],
])('%s with an unknown option exits 2 with one line of error and no stack trace', async (name, rest) => {
  const { code, err } = await runCli([name, ...rest]);
  expect(code).toBe(EXIT.usage);
  expect(err).toMatch(/^Error: Unknown option "--frobnicate"/);
  expect(err).not.toMatch(STACK_FRAME);
});

test('errors carry no stack trace unless --debug', async () => {
  const plain = await runCli(['plan', 'missing.json', '--account', '111111111111', '--region', 'eu-west-1'], { cwd: ROOT });
  expect(plain.code).toBe(EXIT.invalidInput);
  expect(plain.err).toMatch(/^Error: Cannot read missing.json/);
  expect(plain.err).not.toMatch(STACK_FRAME);
  const debug = await runCli(['plan', 'missing.json', '--account', '111111111111', '--region', 'eu-west-1', '--debug'], { cwd: ROOT });
  expect(debug.code).toBe(EXIT.invalidInput);
  expect(debug.err).toMatch(STACK_FRAME);
});

test('invalid properties exit 3 naming the property; a missing template parameter too', async () => {
  const bad = await runCli(
    [
      'plan',
      'templates/minimal.yaml',
      '--account',
      '111111111111',
      '--region',
      'eu-west-1',
      '--parameter',
      'ProjectCode=has space',
      '--parameter',
      'KeyAdministratorArn=x',
    ],
    { cwd: ROOT },
  );
  expect(bad.code).toBe(EXIT.invalidInput);
  expect(bad.err).toContain('Parameter ProjectCode');
  const missing = await runCli(['plan', 'templates/minimal.yaml', '--account', '111111111111', '--region', 'eu-west-1'], { cwd: ROOT });
  expect(missing.code).toBe(EXIT.invalidInput);
  expect(missing.err).toContain('has no value and no Default');
  expect(missing.err).toContain('--parameter');
});

test('start refuses --real-aws without the confirmation flag (exit 2, before any AWS call)', async () => {
  const { code, out, err } = await runCli(['start', '--real-aws']);
  expect(code).toBe(EXIT.usage);
  expect(out).toBe('');
  expect(err).toContain('--yes-i-understand-this-creates-keys');
  expect((await runCli(['start', '--yes-i-understand-this-creates-keys'])).code).toBe(EXIT.usage);
  expect((await runCli(['start', '--endpoint', 'http://localhost:4566', '--keep-running'])).code).toBe(EXIT.usage);
  expect((await runCli(['start', '--real-aws', '--yes-i-understand-this-creates-keys', '--endpoint', 'http://localhost:4566'])).code).toBe(
    EXIT.usage,
  );
  expect((await runCli(['start', '--parameter', 'A=B'])).code).toBe(EXIT.usage);
  expect((await runCli(['start', '--region', 'eu-west-1', '--replica-region', 'eu-west-1'])).code).toBe(EXIT.usage);
  expect((await runCli(['start', '--region', 'Frankfurt'])).code).toBe(EXIT.usage);
});

test('start --template with a template that does not exist exits 3 without starting anything', async () => {
  const { code, err } = await runCli(['start', '--template', 'nope.yaml'], { cwd: ROOT });
  expect(code).toBe(EXIT.invalidInput);
  expect(err).toContain('Cannot read');
  expect(err).not.toMatch(STACK_FRAME);
});

test('the real executable: a usage error is one line on stderr, and no AWS SDK v2 notice follows any command', () => {
  const bin = path.join(ROOT, 'bin/servicekmskeys.js');
  const env = { ...process.env, AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE: undefined, NO_COLOR: '1' };
  const usage = spawnSync(process.execPath, [bin, 'plan', 'x.json', '--account', '111111111111'], {
    cwd: ROOT,
    env,
    encoding: 'utf8',
    timeout: 30_000,
  });
  expect(usage.status).toBe(EXIT.usage);
  expect(usage.stderr).toBe('Error: --region is required; run "servicekmskeys plan --help" for the options.\n');
  const args = ['--account', '111111111111', '--region', 'eu-west-1', '--parameter', 'ProjectCode=shop'];
  const ok = spawnSync(
    process.execPath,
    [
      bin,
      'plan',
      'templates/minimal.yaml',
      ...args,
      '--parameter',
      'KeyAdministratorArn=arn:aws:iam::111111111111:role/KeyAdmin',
      '--json',
    ],
    { cwd: ROOT, env, encoding: 'utf8', timeout: 30_000 },
  );
  expect(ok.status).toBe(EXIT.ok);
  expect(ok.stderr).toBe('');
  expect(JSON.parse(ok.stdout).keys).toHaveLength(1);
});
