import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { staleFiles } from '../../scripts/generate';
import { GENERATORS } from '../../scripts/generators';
import type { Generator } from '../../scripts/generators/types';
import { RESOURCE_DOC_PATH, renderResourceDoc } from '../../scripts/generators/resource-doc';
import { ROLE_PATH, handlerPermissions, maxSessionDuration, renderRole } from '../../scripts/generators/role';
import { REPO_ROOT, loadSchema } from './cfn-rules';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('generated files', () => {
  test.each(['models', 'resource-doc', 'role'])('%s generator is registered and its output is up to date', (name) => {
    const generator = GENERATORS.find((g) => g.name === name);
    expect(generator).toBeDefined();
    for (const file of generator!.generate()) {
      expect(fs.readFileSync(path.join(REPO_ROOT, file.path), 'utf8')).toBe(file.content);
    }
  });

  test('the staleness check (npm run check:generated) reports a file whose content differs', () => {
    expect(staleFiles().filter((f) => /^(resource-type\/model\/models\.ts|docs\/resource\.md|resource-role\.yaml) /.test(f))).toEqual([]);
    const registry = GENERATORS as Generator[];
    const fake: Generator = { name: 'fake', generate: () => [{ path: ROLE_PATH, content: 'stale' }] };
    registry.push(fake);
    try {
      expect(staleFiles()).toContain(`${ROLE_PATH} (from fake)`);
    } finally {
      registry.splice(registry.indexOf(fake), 1);
    }
  });
});

describe('resource-role.yaml', () => {
  const schema = loadSchema() as Json;
  const role = parse(fs.readFileSync(path.join(REPO_ROOT, ROLE_PATH), 'utf8')) as Json;
  const properties = role.Resources.ExecutionRole.Properties;

  test('allows exactly the union of the handler permissions', () => {
    const union = new Set(Object.values(schema.handlers as Json).flatMap((h: Json) => h.permissions as string[]));
    expect(new Set(handlerPermissions())).toEqual(union);
    expect(properties.Policies[0].PolicyDocument.Statement).toEqual([{ Effect: 'Allow', Action: [...union].sort(), Resource: '*' }]);
    expect(handlerPermissions()).toContain('iam:CreateServiceLinkedRole');
    expect(handlerPermissions()).toContain('kms:ReplicateKey');
  });

  test('trusts only CloudFormation for this type in this account', () => {
    const [trust] = properties.AssumeRolePolicyDocument.Statement;
    expect(trust.Principal).toEqual({ Service: 'resources.cloudformation.amazonaws.com' });
    expect(trust.Action).toBe('sts:AssumeRole');
    expect(trust.Condition.StringEquals['aws:SourceAccount']).toEqual({ Ref: 'AWS::AccountId' });
    expect(trust.Condition.StringLike['aws:SourceArn']['Fn::Sub']).toBe(
      'arn:${AWS::Partition}:cloudformation:${AWS::Region}:${AWS::AccountId}:type/resource/Org-Security-ServiceKmsKeys/*',
    );
  });

  test('MaxSessionDuration = clamp(70 s x longest timeout, 3600, 43200)', () => {
    const longest = Math.max(...Object.values(schema.handlers as Json).map((h: Json) => h.timeoutInMinutes ?? 120));
    expect(properties.MaxSessionDuration).toBe(Math.min(Math.max(70 * longest, 3600), 43200));
    const withTimeouts = (minutes: number[]) =>
      ({
        ...schema,
        handlers: Object.fromEntries(minutes.map((m, i) => [`h${i}`, { permissions: ['kms:DescribeKey'], timeoutInMinutes: m }])),
      }) as never;
    expect(maxSessionDuration(withTimeouts([2, 30]))).toBe(3600);
    expect(maxSessionDuration(withTimeouts([120]))).toBe(8400);
    expect(maxSessionDuration(withTimeouts([2160]))).toBe(43200);
  });

  test('a schema without permissions gets a Deny-all policy', () => {
    const text = renderRole({ ...schema, handlers: {} } as never);
    expect(parse(text).Resources.ExecutionRole.Properties.Policies[0].PolicyDocument.Statement).toEqual([
      { Effect: 'Deny', Action: '*', Resource: '*' },
    ]);
  });

  test('passes cfn-lint', () => {
    const found = spawnSync('cfn-lint', ['--version'], { encoding: 'utf8' });
    if (found.error) throw new Error('cfn-lint is not installed (pip install cfn-lint); .ci/run requires it.');
    execFileSync('cfn-lint', [path.join(REPO_ROOT, ROLE_PATH)], { encoding: 'utf8' });
  });
});

describe('docs/resource.md', () => {
  const schema = loadSchema() as Json;
  const doc = renderResourceDoc();

  test('is the committed file', () => {
    expect(fs.readFileSync(path.join(REPO_ROOT, RESOURCE_DOC_PATH), 'utf8')).toBe(doc);
  });

  test('documents every property and definition property with its update behaviour', () => {
    for (const name of Object.keys(schema.properties)) {
      if (name === 'Keys') continue;
      expect(doc).toContain(`### ${name}\n`);
    }
    for (const definition of Object.values(schema.definitions as Json)) {
      for (const name of Object.keys((definition as Json).properties ?? {})) expect(doc).toContain(`#### ${name}\n`);
    }
    const section = (name: string) => doc.slice(doc.indexOf(`### ${name}\n`), doc.indexOf('\n### ', doc.indexOf(`### ${name}\n`) + 1));
    expect(section('ProjectCode')).toContain('Update requires: Replacement');
    expect(section('ProjectCode')).toContain('Required: Yes');
    expect(section('Services')).toContain('Update requires: No interruption');
    expect(section('PendingWindowInDays')).toContain('Default: `30`');
    expect(section('PendingWindowInDays')).toContain('Range: 7-30');
    expect(section('PendingWindowInDays')).toContain('Write-only');
  });

  test('lists every Fn::GetAtt attribute, per service', () => {
    for (const group of ['KeyArns', 'KeyIds', 'AliasNames']) {
      for (const service of Object.keys(schema.definitions[group].properties)) expect(doc).toContain(`\`Keys.${group}.${service}\``);
    }
  });
});
