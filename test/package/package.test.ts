import { execFile, execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { unzipSync } from 'fflate';
import { packageType, type PackageResult } from '../../scripts/package';
import { handlerRequest } from '../registry-adapter/payloads';

const root = path.resolve(__dirname, '..', '..');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'skk-package-'));
const buildDir = path.join(work, 'build');
const outDir = path.join(work, 'dist');
let result: PackageResult;

/** Zip entries with their compression method (0 = stored, 8 = deflate). */
function unzip(bytes: Uint8Array): { files: Record<string, Uint8Array>; methods: Record<string, number> } {
  const methods: Record<string, number> = {};
  const files = unzipSync(bytes, {
    filter: (file) => {
      methods[file.name] = file.compression;
      return true;
    },
  });
  return { files, methods };
}

function filesUnder(dir: string, prefix: string, keep: (name: string) => boolean): string[] {
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true, withFileTypes: true }) as fs.Dirent[])
    .filter((d) => d.isFile())
    .map((d) => path.relative(dir, path.join(d.parentPath, d.name)).split(path.sep).join('/'))
    .filter(keep)
    .map((name) => `${prefix}${name}`);
}

function hasNodeModulesAbove(dir: string): boolean {
  for (let current = dir; ; current = path.dirname(current)) {
    if (fs.existsSync(path.join(current, 'node_modules'))) return true;
    if (path.dirname(current) === current) return false;
  }
}

beforeAll(() => {
  result = packageType({ root, outDir, buildDir });
});

afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

describe('servicekmskeys package: schema handler package', () => {
  const settings = () => JSON.parse(fs.readFileSync(path.join(root, '.rpdk-config'), 'utf8')) as { entrypoint: string; typeName: string };
  const outer = () => unzip(fs.readFileSync(path.join(outDir, 'org-security-servicekmskeys.zip')));

  it('contains exactly the entries cfn submit --dry-run writes, all ZIP_STORED', () => {
    const { files, methods } = outer();
    const isSource = (name: string) => /\.(ts|json)$/.test(name) && !name.endsWith('.d.ts');
    const expected = [
      'schema.json',
      '.rpdk-config',
      ...(fs.existsSync(path.join(root, 'overrides.json')) ? ['overrides.json'] : []),
      ...filesUnder(path.join(root, 'inputs'), 'inputs/', () => true),
      'ResourceProvider.zip',
      ...filesUnder(path.join(root, 'resource-type'), 'src/resource-type/', isSource),
      ...filesUnder(path.join(root, 'handlers'), 'src/handlers/', isSource),
      '.cfn_metadata.json',
    ];
    expect(Object.keys(files).sort()).toEqual([...expected].sort());
    expect(result.entries).toEqual(Object.keys(files));
    expect(Object.keys(files).slice(0, 2)).toEqual(['schema.json', '.rpdk-config']);
    expect(Object.keys(files).at(-1)).toBe('.cfn_metadata.json');
    expect(new Set(Object.values(methods))).toEqual(new Set([0]));
    for (const excluded of ['resource-role.yaml', 'template.yml', 'package.json', 'configuration-schema.json'])
      expect(files[excluded]).toBeUndefined();
    expect(Object.keys(files).some((n) => n.startsWith('docs/') || n.includes('node_modules') || n.startsWith('src/test/'))).toBe(false);
  });

  it('carries the raw schema, .rpdk-config, inputs and sources byte for byte', () => {
    const { files } = outer();
    const text = (name: string) => Buffer.from(files[name]).toString('utf8');
    expect(text('schema.json')).toBe(fs.readFileSync(path.join(root, 'schema/org-security-servicekmskeys.json'), 'utf8'));
    expect(text('.rpdk-config')).toBe(fs.readFileSync(path.join(root, '.rpdk-config'), 'utf8'));
    for (const name of Object.keys(files).filter((n) => n.startsWith('inputs/')))
      expect(text(name)).toBe(fs.readFileSync(path.join(root, name), 'utf8'));
    for (const name of Object.keys(files).filter((n) => n.startsWith('src/')))
      expect(text(name)).toBe(fs.readFileSync(path.join(root, name.slice(4)), 'utf8'));
    expect(text('src/handlers/registry/handlers.ts')).toContain('entrypoint');
    expect(JSON.parse(text('.cfn_metadata.json'))).toEqual({ 'cli-version': 'org-security-servicekmskeys@0.1.0' });
  });

  it('has a ResourceProvider.zip of build/TypeFunction whose handler file matches the .rpdk-config entrypoint', () => {
    const inner = unzip(outer().files['ResourceProvider.zip']);
    const entrypoint = settings().entrypoint; // dist/handlers.entrypoint
    const handlerFile = `${entrypoint.slice(0, entrypoint.lastIndexOf('.'))}.js`;
    expect(handlerFile).toBe('dist/handlers.js');
    expect(Object.keys(inner.files).sort()).toEqual(filesUnder(path.join(buildDir, 'TypeFunction'), '', () => true).sort());
    expect(Buffer.from(inner.files[handlerFile]).equals(fs.readFileSync(path.join(buildDir, 'TypeFunction', handlerFile)))).toBe(true);
    expect(result.handlerZipBytes).toBe(outer().files['ResourceProvider.zip'].length);
  });

  it('runs the inner artifact with no node_modules: the entrypoint answers a registry request', async () => {
    const lambdaDir = fs.mkdtempSync(path.join(os.tmpdir(), 'skk-provider-'));
    try {
      expect(hasNodeModulesAbove(lambdaDir)).toBe(false);
      for (const [name, data] of Object.entries(unzip(outer().files['ResourceProvider.zip']).files)) {
        fs.mkdirSync(path.dirname(path.join(lambdaDir, name)), { recursive: true });
        fs.writeFileSync(path.join(lambdaDir, name), data);
      }
      const [file, exported] = settings().entrypoint.split(/\.(?=[^.]+$)/);
      const script = `
        const handler = require('./${file}.js')[${JSON.stringify(exported)}];
        Promise.resolve(handler(JSON.parse(process.argv[1]), {})).then((r) => process.stdout.write('RESULT' + JSON.stringify(r)));
      `;
      const { stdout } = await promisify(execFile)(
        process.execPath,
        ['-e', script, JSON.stringify(handlerRequest('READ', { withCredentials: false }))],
        {
          cwd: lambdaDir,
          env: { PATH: process.env.PATH ?? '', NODE_PATH: '' },
          encoding: 'utf8',
        },
      );
      const event = JSON.parse(stdout.slice(stdout.lastIndexOf('RESULT') + 'RESULT'.length)) as Record<string, unknown>;
      // No caller credentials in the request: the handler itself answers with a typed failure.
      expect(event).toMatchObject({ status: 'FAILED', errorCode: 'InvalidCredentials' });
    } finally {
      fs.rmSync(lambdaDir, { recursive: true, force: true });
    }
  });

  it('writes resource-role.yaml (the generated file) and the custom-resource code zip next to it', () => {
    expect(fs.readFileSync(path.join(outDir, 'resource-role.yaml'), 'utf8')).toBe(
      fs.readFileSync(path.join(root, 'resource-role.yaml'), 'utf8'),
    );
    const code = unzip(fs.readFileSync(path.join(outDir, 'custom-resource-function.zip')));
    expect(Object.keys(code.files)).toContain('index.js');
    expect(result.customResourceZip?.bytes).toBe(fs.statSync(path.join(outDir, 'custom-resource-function.zip')).size);
  });

  it('is reproducible: packaging the same build again gives identical bytes', () => {
    const again = path.join(work, 'again');
    packageType({ root, outDir: again, buildDir, skipBuild: true });
    expect(
      fs
        .readFileSync(path.join(again, 'org-security-servicekmskeys.zip'))
        .equals(fs.readFileSync(path.join(outDir, 'org-security-servicekmskeys.zip'))),
    ).toBe(true);
  });
});

describe('servicekmskeys package (CLI)', () => {
  const cli = (args: string[], env: NodeJS.ProcessEnv = {}) => {
    try {
      return {
        code: 0,
        stdout: execFileSync(process.execPath, ['bin/servicekmskeys.js', 'package', ...args], {
          cwd: root,
          env: { ...process.env, ...env },
          encoding: 'utf8',
          stdio: 'pipe',
        }),
        stderr: '',
      };
    } catch (error) {
      const e = error as { status: number; stdout: string; stderr: string };
      return { code: e.status, stdout: e.stdout, stderr: e.stderr };
    }
  };

  it('packages an existing build with --skip-build --out and reports sizes', () => {
    const out = path.join(work, 'cli-out');
    const run = cli(['--skip-build', '--out', out], { SERVICEKMSKEYS_BUILD_DIR: buildDir });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      new RegExp(
        `^wrote ${out}/org-security-servicekmskeys\\.zip \\([0-9.]+ KiB, \\d+ entries; ResourceProvider\\.zip [0-9.]+ KiB, dist/handlers\\.js [0-9.]+ KiB\\)$`,
        'm',
      ),
    );
    expect(fs.readdirSync(out).sort()).toEqual(['custom-resource-function.zip', 'org-security-servicekmskeys.zip', 'resource-role.yaml']);
  });

  it('fails with a clear message when --skip-build finds no bundle', () => {
    const run = cli(['--skip-build', '--out', path.join(work, 'none')], { SERVICEKMSKEYS_BUILD_DIR: path.join(work, 'empty-build') });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /dist\/handlers\.js does not exist: \.rpdk-config's entrypoint "dist\/handlers\.entrypoint" needs the Lambda bundle/,
    );
  });

  it('rejects unknown options with the usage exit code', () => {
    const run = cli(['--zip']);
    expect(run.code).toBe(2);
    expect(run.stderr.split('\n')[0]).toBe('Error: Unknown option "--zip" for package; run "servicekmskeys package --help".');
  });
});
