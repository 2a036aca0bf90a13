import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { RuleTester } from 'eslint';
import tseslint from 'typescript-eslint';
import noHardcodedPartition from '../../scripts/eslint-rules/no-hardcoded-partition';
import noUnboundedPromiseAll from '../../scripts/eslint-rules/no-unbounded-promise-all';

const ROOT = path.resolve(__dirname, '..', '..');

// RuleTester registers its cases with jest's describe/it.
const tester = new RuleTester({ languageOptions: { parser: tseslint.parser, ecmaVersion: 2022, sourceType: 'module' } });

tester.run('no-hardcoded-partition', noHardcodedPartition, {
  valid: [
    "const a = arn(partition, 'kms', region, account, `key/${id}`);",
    "const p = 'arn:' + partition + ':iam::' + account + ':root';",
    'const t = `arn:${partition}:kms:${region}:${account}:key/${id}`;',
    "const s = 'aws:SourceArn';",
    "const x = 'arn:aws-cn:kms';", // only the commercial partition literal is forbidden
    'const r = /^arn:(aws|aws-cn|aws-us-gov):iam::/;', // a pattern over every partition is fine
  ],
  invalid: [
    { code: "const a = 'arn:aws:iam::111122223333:root';", errors: [{ messageId: 'hardcoded' }] },
    { code: 'const a = "arn:aws:kms:eu-west-1:1:key/x";', errors: [{ messageId: 'hardcoded' }] },
    { code: 'const a = `arn:aws:iam::${account}:root`;', errors: [{ messageId: 'hardcoded' }] },
    { code: 'const a = `${prefix}arn:aws:s3:::${bucket}`;', errors: [{ messageId: 'hardcoded' }] },
    { code: "const a = { Resource: 'arn:aws:kms:*' } as const;", errors: [{ messageId: 'hardcoded' }] },
    { code: 'const ok = /^arn:aws:iam::[0-9]{12}:root$/.test(value);', errors: [{ messageId: 'hardcoded' }] },
  ],
});

tester.run('no-unbounded-promise-all', noUnboundedPromiseAll, {
  valid: [
    'await Promise.all([describeKey(a), getKeyPolicy(a)]);',
    'await Promise.all(workers);',
    'const workers = []; for (let i = 0; i < 4; i++) workers.push(run()); await Promise.all(workers);',
    'let calls = keys.map(f); calls = calls.slice(0, 4); await Promise.all(calls);',
    'async function g(calls: Promise<void>[]) { await Promise.all(calls); }',
    'await mapBounded(keys, 4, (k) => describeKey(k));',
    'await Promise.resolve(keys.map(f));',
    'const all = keys.map(f);',
  ],
  invalid: [
    { code: 'await Promise.all(keys.map((k) => describeKey(k)));', errors: [{ messageId: 'unbounded', data: { name: 'all' } }] },
    {
      code: 'await Promise.allSettled(regions.flatMap((r) => replicate(r)));',
      errors: [{ messageId: 'unbounded', data: { name: 'allSettled' } }],
    },
    { code: 'await Promise.all(Array.from(ids, (id) => load(id)));', errors: [{ messageId: 'unbounded' }] },
    { code: 'await Promise.all([...keys.map(f), g()]);', errors: [{ messageId: 'unbounded' }] },
    { code: 'await Promise.race(tasks.filter(Boolean));', errors: [{ messageId: 'unbounded', data: { name: 'race' } }] },
    { code: 'await Promise.all(keys.map(f) as Promise<void>[]);', errors: [{ messageId: 'unbounded' }] },
    // The usual way around the rule: name the collection first.
    { code: 'const calls = keys.map((k) => describeKey(k)); await Promise.all(calls);', errors: [{ messageId: 'unbounded' }] },
    { code: 'const a = ids.map(load); const b = a; await Promise.allSettled(b);', errors: [{ messageId: 'unbounded' }] },
    {
      code: 'function h() { const calls = [...keys.map(f)]; return async () => Promise.all(calls); }',
      errors: [{ messageId: 'unbounded' }],
    },
  ],
});

/**
 * Runs the repository's real eslint.config.mjs in a child process (jest cannot load ESM configs)
 * and returns, per file name, the rule ids reported for `code`, or 'ignored'.
 */
function lintAs(code: string, filePaths: string[]): Record<string, string[] | 'ignored'> {
  const script = `
    const { ESLint } = require('eslint');
    (async () => {
      const eslint = new ESLint({ cwd: process.cwd() });
      const out = {};
      for (const file of JSON.parse(process.argv[2])) {
        if (await eslint.isPathIgnored(file)) { out[file] = 'ignored'; continue; }
        const [result] = await eslint.lintText(process.argv[1], { filePath: file });
        out[file] = result.messages.map((m) => m.ruleId);
      }
      process.stdout.write(JSON.stringify(out));
    })();
  `;
  const output = execFileSync(process.execPath, ['-e', script, code, JSON.stringify(filePaths)], { cwd: ROOT, encoding: 'utf8' });
  return JSON.parse(output) as Record<string, string[] | 'ignored'>;
}

describe('eslint.config.mjs wiring', () => {
  const code =
    "export const a = 'arn:aws:iam::1:root';\nexport async function f(k: string[]) { return Promise.all(k.map(async (x) => x)); }\n";
  const results = lintAs(code, [
    'resource-type/example.ts',
    'handlers/registry/example.ts',
    'cli/commands/example.ts',
    'test/example.test.ts',
    'resource-type/model/models.ts',
    'resource-type/model/properties.ts',
  ]);

  test('production code gets both project rules', () => {
    for (const file of ['resource-type/example.ts', 'handlers/registry/example.ts', 'cli/commands/example.ts']) {
      expect(results[file]).toEqual(
        expect.arrayContaining(['servicekmskeys/no-hardcoded-partition', 'servicekmskeys/no-unbounded-promise-all']),
      );
    }
  });

  test('tests may use literal ARNs as data', () => {
    expect(results['test/example.test.ts']).not.toContain('servicekmskeys/no-hardcoded-partition');
  });

  test('the generated models file is not linted; the hand-written conversion is', () => {
    expect(results['resource-type/model/models.ts']).toBe('ignored');
    expect(results['resource-type/model/properties.ts']).not.toBe('ignored');
  });
});
