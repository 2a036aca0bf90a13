import { execFile, execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { startResponseServer } from './response-server';
import { cfnEvent, keySetProps } from './harness';

const root = path.resolve(__dirname, '..', '..');
const buildDir = fs.mkdtempSync(path.join(os.tmpdir(), 'skk-cr-build-'));

function hasNodeModulesAbove(dir: string): boolean {
  for (let current = dir; ; current = path.dirname(current)) {
    if (fs.existsSync(path.join(current, 'node_modules'))) return true;
    if (path.dirname(current) === current) return false;
  }
}

beforeAll(() => {
  // What `npm run build` runs, restricted to this function and isolated from the shared build/.
  execFileSync(process.execPath, ['scripts/bundle.mjs'], {
    cwd: root,
    env: { ...process.env, SERVICEKMSKEYS_BUILD_DIR: buildDir, SERVICEKMSKEYS_BUILD_ONLY: 'CustomResourceFunction' },
    stdio: 'pipe',
  });
});
afterAll(() => fs.rmSync(buildDir, { recursive: true, force: true }));

describe('custom resource bundle (build/CustomResourceFunction/index.js)', () => {
  it('is one self-contained file with no aws-sdk v2, @cloud-copilot or emulator code', () => {
    expect(fs.readdirSync(path.join(buildDir, 'CustomResourceFunction'))).toEqual(['index.js']);
    const meta = JSON.parse(fs.readFileSync(path.join(buildDir, 'CustomResourceFunction.meta.json'), 'utf8')) as {
      inputs: Record<string, unknown>;
    };
    const inputs = Object.keys(meta.inputs);
    expect(inputs).toContain('handlers/custom-resource/index.ts');
    expect(inputs.filter((i) => /node_modules\/aws-sdk\//.test(i))).toEqual([]);
    expect(
      inputs.filter((i) => i.includes('@cloud-copilot') || i.startsWith('emulator/') || i.includes('cloudformation-cli-typescript-lib')),
    ).toEqual([]);
  });

  it('runs with no node_modules: index.handler answers a Delete of an id it never handed out with SUCCESS (no KMS needed)', async () => {
    const lambdaDir = fs.mkdtempSync(path.join(os.tmpdir(), 'skk-cr-lambda-'));
    const server = await startResponseServer();
    try {
      expect(hasNodeModulesAbove(lambdaDir)).toBe(false);
      fs.copyFileSync(path.join(buildDir, 'CustomResourceFunction', 'index.js'), path.join(lambdaDir, 'index.js'));
      const event = cfnEvent('Delete', server.url, keySetProps('payments'), {
        // A library's default physical id (the log stream name); a failed-create marker would now make KMS calls.
        physicalResourceId: '2026/11/29/[$LATEST]0123456789abcdef0123456789abcdef',
      });
      const script = `
        const { handler } = require('./index.js');
        const end = Date.now() + 30000;
        handler(JSON.parse(process.argv[1]), { getRemainingTimeInMillis: () => end - Date.now(), invokedFunctionArn: process.argv[2] })
          .then(() => process.stdout.write('DONE'), (e) => { console.error(e); process.exit(1); });
      `;
      // Asynchronous child: the response server lives in this process and must keep serving.
      const { stdout } = await promisify(execFile)(
        process.execPath,
        ['-e', script, JSON.stringify(event), 'arn:aws:lambda:eu-west-1:111111111111:function:p'],
        {
          cwd: lambdaDir,
          env: { PATH: process.env.PATH ?? '', NODE_PATH: '', AWS_REGION: 'eu-west-1' },
          encoding: 'utf8',
        },
      );
      expect(stdout.endsWith('DONE')).toBe(true);
      expect(server.onlyBody()).toEqual({
        Status: 'SUCCESS',
        PhysicalResourceId: '2026/11/29/[$LATEST]0123456789abcdef0123456789abcdef',
        StackId: event.StackId,
        RequestId: event.RequestId,
        LogicalResourceId: 'AppKeys',
      });
    } finally {
      await server.close();
      fs.rmSync(lambdaDir, { recursive: true, force: true });
    }
  });
});
