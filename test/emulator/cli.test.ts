import { spawn } from 'node:child_process';
import path from 'node:path';
import { CreateKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { parseEmulatorArgs } from '../../cli/commands/emulator';

const ROOT = path.resolve(__dirname, '../..');

describe('servicekmskeys emulator (CLI)', () => {
  it('parses its flags', () => {
    expect(
      parseEmulatorArgs([
        '--port',
        '4566',
        '--account-id',
        '999999999999',
        '--latency-ms',
        '5-10',
        '--quota-factor',
        '0.5',
        '--authorization',
        '--replica-creating-ms',
        '0',
        '--consistency-window-ms',
        '100',
      ]),
    ).toEqual({
      options: {
        port: 4566,
        defaultAccountId: '999999999999',
        latencyMs: { min: 5, max: 10 },
        quotas: { factor: 0.5 },
        authorization: true,
        replicaCreatingMs: 0,
      },
      consistencyWindowMs: 100,
    });
    expect(parseEmulatorArgs(['--quotas', '--latency-ms', '3']).options).toEqual({ quotas: true, latencyMs: 3 });
    expect(() => parseEmulatorArgs(['--port', 'x'])).toThrow(/--port/);
    expect(() => parseEmulatorArgs(['--account-id', '12'])).toThrow(/12 digits/);
    expect(() => parseEmulatorArgs(['--bogus'])).toThrow(/Unknown option/);
  });

  it('prints exactly one endpoint line, serves the SDK, and exits 0 on SIGTERM', async () => {
    const child = spawn(
      process.execPath,
      [path.join(ROOT, 'bin/servicekmskeys.js'), 'emulator', '--port', '0', '--account-id', '444444444444'],
      { cwd: ROOT },
    );
    let stdout = '';
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const endpoint = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        if (stdout.includes('\n')) resolve(stdout.split('\n')[0]);
      });
      child.on('exit', () => reject(new Error(`emulator exited early: ${stdout}`)));
    });
    expect(endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const kms = new KMSClient({
      region: 'eu-west-1',
      endpoint,
      maxAttempts: 1,
      credentials: { accessKeyId: 'ANYKEY', secretAccessKey: 'x' },
    });
    expect((await kms.send(new CreateKeyCommand({}))).KeyMetadata?.AWSAccountId).toBe('444444444444');
    kms.destroy();
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stdout).toBe(`${endpoint}\n`);
  });
});
