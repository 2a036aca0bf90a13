/**
 * cfn-lint on every template of templates/ and stacksets/ (the custom-resource provider template is linted by
 * test/custom-resource). Errors fail; so do warnings and informational findings, because every one we accept must be
 * configured away in .cfnlintrc.yaml with a reason.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { REPO_ROOT, SCHEMA_PATH, TEMPLATE_FILES } from './lib/template-files';

interface LintMatch {
  Level: string;
  Message: string;
  Rule: { Id: string };
  Filename: string;
  Location: { Start: { LineNumber: number } };
}

let schemaDir: string;

beforeAll(() => {
  const version = spawnSync('cfn-lint', ['--version'], { encoding: 'utf8' });
  if (version.error || version.status !== 0) {
    throw new Error(
      'cfn-lint is not installed or not on PATH. Install it with `pip install cfn-lint==1.51.0` (Python 3.9+); the template tests require it.',
    );
  }
  // Only our schema: --registry-schemas loads every file of the directory.
  schemaDir = mkdtempSync(path.join(tmpdir(), 'cfn-registry-schemas-'));
  copyFileSync(SCHEMA_PATH, path.join(schemaDir, path.basename(SCHEMA_PATH)));
});

afterAll(() => {
  if (schemaDir) rmSync(schemaDir, { recursive: true, force: true });
});

function lint(files: string[], regions: string[]): LintMatch[] {
  // Options after the file list: --registry-schemas takes several values and would swallow the templates.
  const args = ['-f', 'json', ...files, '--registry-schemas', schemaDir, '--regions', ...regions, '--include-checks', 'I'];
  const result = spawnSync('cfn-lint', args, { cwd: REPO_ROOT, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  if (result.error) throw result.error;
  if (result.stdout.trim() === '') throw new Error(`cfn-lint produced no JSON output (exit ${result.status}): ${result.stderr}`);
  return JSON.parse(result.stdout) as LintMatch[];
}

const describeMatch = (m: LintMatch): string => `${m.Level} ${m.Rule.Id} ${m.Filename}:${m.Location.Start.LineNumber} ${m.Message}`;

describe('cfn-lint', () => {
  test('every template in templates/ and stacksets/ is covered by the template tests', () => {
    const onDisk = ['templates', 'stacksets'].flatMap((dir) =>
      readdirSync(path.join(REPO_ROOT, dir))
        .filter((f) => /\.ya?ml$/.test(f))
        .map((f) => `${dir}/${f}`),
    );
    const notCovered = onDisk.filter((f) => f !== 'templates/custom-resource-provider.yaml' && !TEMPLATE_FILES.includes(f));
    expect(notCovered).toEqual([]);
  });

  test('reports nothing in the commercial Regions we deploy to', () => {
    const matches = lint(TEMPLATE_FILES, ['us-east-1', 'eu-west-1', 'ap-southeast-2']);
    expect(matches.map(describeMatch)).toEqual([]);
  });

  test('reports nothing in GovCloud and China for the templates that are partition-independent', () => {
    // TypeActivation (public extensions) does not exist outside the commercial partition.
    const files = TEMPLATE_FILES.filter((f) => f !== 'stacksets/activate-public-type.yaml');
    const matches = lint(files, ['us-gov-west-1', 'cn-north-1']);
    expect(matches.map(describeMatch)).toEqual([]);
  });

  test('catches a broken template (the check is live)', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cfn-lint-broken-'));
    try {
      const broken = path.join(dir, 'broken.yaml');
      writeFileSync(
        broken,
        "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Bucket:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketNme: x\n",
      );
      const matches = lint([broken], ['us-east-1']);
      expect(matches.some((m) => m.Level === 'Error')).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
