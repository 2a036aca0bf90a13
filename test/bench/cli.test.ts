import { PassThrough } from 'node:stream';
import { main } from '../../cli/main';

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d: Buffer) => (out += d.toString()));
  stderr.on('data', (d: Buffer) => (err += d.toString()));
  const code = await main(argv, { stdout, stderr, env: {}, cwd: process.cwd() });
  return { code, out, err };
}

describe('servicekmskeys bench (command wiring, nothing measured)', () => {
  test('--help documents every option', async () => {
    const { code, out } = await run(['bench', '--help']);
    expect(code).toBe(0);
    for (const flag of ['--json', '--latency-ms', '--replica-creating-ms', '--init-runs', '--quick', '--only']) expect(out).toContain(flag);
  });

  test('a bad option is a usage error (exit 2) before anything runs', async () => {
    const { code, err } = await run(['bench', '--only', 'nothing']);
    expect(code).toBe(2);
    expect(err).toMatch(/Unknown section "nothing"/);
  });
});
