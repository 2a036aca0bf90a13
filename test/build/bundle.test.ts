import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { handlerRequest } from '../registry-adapter/payloads';

const root = path.resolve(__dirname, '..', '..');
const buildDir = fs.mkdtempSync(path.join(os.tmpdir(), 'skk-build-'));

interface Metafile {
  inputs: Record<string, unknown>;
}

function hasNodeModulesAbove(dir: string): boolean {
  for (let current = dir; ; current = path.dirname(current)) {
    if (fs.existsSync(path.join(current, 'node_modules'))) return true;
    if (path.dirname(current) === current) return false;
  }
}

beforeAll(() => {
  // Extra arguments are what `cfn submit` appends to the buildCommand; they must be ignored.
  execFileSync(process.execPath, ['scripts/bundle.mjs', 'TypeFunction', '--use-container'], {
    cwd: root,
    env: { ...process.env, SERVICEKMSKEYS_BUILD_DIR: buildDir, SERVICEKMSKEYS_BUILD_ONLY: 'TypeFunction' },
    stdio: 'pipe',
  });
});

afterAll(() => fs.rmSync(buildDir, { recursive: true, force: true }));

describe('Lambda bundle (npm run build)', () => {
  test('.rpdk-config entrypoints resolve inside build/TypeFunction', () => {
    const config = JSON.parse(fs.readFileSync(path.join(root, '.rpdk-config'), 'utf8')) as Record<string, string>;
    for (const key of ['entrypoint', 'testEntrypoint']) {
      const [file, exported] = [config[key].slice(0, config[key].lastIndexOf('.')), config[key].split('.').pop()];
      const artifact = path.join(buildDir, 'TypeFunction', `${file}.js`);
      expect(fs.existsSync(artifact)).toBe(true);
      expect(fs.readFileSync(artifact, 'utf8')).toContain(exported);
    }
  });

  test('runs with no node_modules anywhere above it and returns a serialized ProgressEvent with errorCode', () => {
    const lambdaDir = fs.mkdtempSync(path.join(os.tmpdir(), 'skk-lambda-'));
    try {
      expect(hasNodeModulesAbove(lambdaDir)).toBe(false);
      fs.cpSync(path.join(buildDir, 'TypeFunction'), lambdaDir, { recursive: true });
      const script = `
        const { entrypoint } = require('./dist/handlers.js');
        entrypoint(JSON.parse(process.argv[1]), {}).then((r) => process.stdout.write('RESULT' + JSON.stringify(r)));
      `;
      const output = execFileSync(process.execPath, ['-e', script, JSON.stringify(handlerRequest('CREATE'))], {
        cwd: lambdaDir,
        env: { PATH: process.env.PATH ?? '', NODE_PATH: '', AWS_ENDPOINT_URL: 'http://127.0.0.1:9' },
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const event = JSON.parse(output.slice(output.lastIndexOf('RESULT') + 'RESULT'.length)) as Record<string, unknown>;
      expect(event.status).toBe('FAILED');
      // Minified with keepNames: the lib can still derive errorCode from the exception class name.
      expect(typeof event.errorCode).toBe('string');
      expect(event.errorCode).not.toBe('');
      expect(event.callbackDelaySeconds).toBe(0);
    } finally {
      fs.rmSync(lambdaDir, { recursive: true, force: true });
    }
  });

  test('inlines only the three aws-sdk v2 clients, no dev-only packages, one class-transformer', () => {
    const meta = JSON.parse(fs.readFileSync(path.join(buildDir, 'TypeFunction.meta.json'), 'utf8')) as Metafile;
    const inputs = Object.keys(meta.inputs);
    expect(inputs.some((i) => i.includes('@cloud-copilot'))).toBe(false);
    expect(inputs.some((i) => i.includes('/emulator/'))).toBe(false);
    expect(inputs.some((i) => /aws-sdk\/clients\/all\.js$/.test(i))).toBe(false);
    const v2Clients = inputs.filter((i) => /node_modules\/aws-sdk\/clients\/[a-z0-9]+\.js$/.test(i)).map((i) => path.basename(i));
    // The three the lib uses, plus the two the v2 core itself loads for its credential providers.
    expect(v2Clients.sort()).toEqual(['cloudwatch.js', 'cloudwatchlogs.js', 'cognitoidentity.js', 's3.js', 'sts.js']);
    const transformerRoots = new Set(inputs.filter((i) => i.includes('node_modules/class-transformer/')).map((i) => i.split('node_modules/class-transformer/')[0]));
    expect(transformerRoots.size).toBe(1);
  });

  test('the v3 default credential chain and the replaceAll polyfill are replaced by their shims', () => {
    const meta = JSON.parse(fs.readFileSync(path.join(buildDir, 'TypeFunction.meta.json'), 'utf8')) as Metafile;
    const inputs = Object.keys(meta.inputs);
    expect(inputs.some((i) => i.includes('node_modules/@aws-sdk/credential-provider-node/'))).toBe(false);
    expect(inputs.some((i) => i.includes('node_modules/@aws-sdk/credential-provider-imds/'))).toBe(false);
    expect(inputs.some((i) => i.includes('node_modules/string.prototype.replaceall/'))).toBe(false);
    expect(inputs).toEqual(expect.arrayContaining(['scripts/no-default-credentials-shim.js', 'scripts/replaceall-native-shim.js']));
  });

  test('exactly one class-transformer@0.5.1 is installed (npm ls)', () => {
    const listing = execFileSync('npm', ['ls', 'class-transformer', '--all', '--json'], { cwd: root, encoding: 'utf8' });
    const versions: string[] = [];
    const walk = (deps: Record<string, { version: string; dependencies?: Record<string, unknown> }> | undefined): void => {
      for (const [name, info] of Object.entries(deps ?? {})) {
        if (name === 'class-transformer') versions.push(info.version);
        walk(info.dependencies as never);
      }
    };
    walk((JSON.parse(listing) as { dependencies: never }).dependencies);
    expect(new Set(versions)).toEqual(new Set(['0.5.1']));
    const copies = execFileSync('find', ['node_modules', '-type', 'd', '-name', 'class-transformer', '-path', '*node_modules/class-transformer'], { cwd: root, encoding: 'utf8' })
      .split('\n')
      .filter(Boolean);
    expect(copies).toEqual(['node_modules/class-transformer']);
  });
});
