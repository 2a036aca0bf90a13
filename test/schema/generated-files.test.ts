import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { staleFiles } from '../../scripts/generate';
import { GENERATORS } from '../../scripts/generators';
import type { Generator } from '../../scripts/generators/types';
import { RESOURCE_DOC_PATH, renderResourceDoc, writableDefinitions } from '../../scripts/generators/resource-doc';
import { UPDATE_BEHAVIOUR } from '../../scripts/generators/update-behaviour';
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

  /** The text of the `heading name` section: up to the next heading of the same or a higher level. */
  const sectionOf = (text: string, heading: string, name: string): string => {
    const start = text.indexOf(`${heading} ${name}\n`);
    if (start < 0) throw new Error(`docs/resource.md has no "${heading} ${name}" section`);
    const next = text.slice(start + 1).search(new RegExp(`\\n#{2,${heading.length}} `));
    return next < 0 ? text.slice(start) : text.slice(start, start + 1 + next);
  };
  const definitionsPart = doc.slice(doc.indexOf('## Definitions\n'));
  const fieldOf = (definition: string, name: string): string => sectionOf(sectionOf(definitionsPart, '###', definition), '####', name);

  test('documents every top-level property: type, required, default, constraints, update behaviour', () => {
    const properties = doc.slice(doc.indexOf('## Properties\n'), doc.indexOf('## Return values\n'));
    for (const [name, sub] of Object.entries(schema.properties as Json)) {
      if ((schema.readOnlyProperties as string[]).includes(`/properties/${name}`)) continue;
      const section = sectionOf(properties, '###', name);
      expect(section).toMatch(/- Type: \S/);
      expect(section).toContain(`- Required: ${(schema.required as string[]).includes(name) ? 'Yes' : 'No'}`);
      expect(section).toMatch(/- Update requires: \S.{20,}/);
      if ((sub as Json).default !== undefined) expect(section).toContain(`- Default: \`${JSON.stringify((sub as Json).default)}\``);
      if ((sub as Json).maxItems !== undefined) expect(section).toMatch(new RegExp(`- Items: \\d+-${(sub as Json).maxItems}`));
    }
    expect(sectionOf(properties, '###', 'ProjectCode')).toContain('Update requires: Replacement');
    expect(sectionOf(properties, '###', 'PrimaryRegion')).toMatch(/Update requires: Replacement, which fails.*AlreadyExists/);
    expect(sectionOf(properties, '###', 'Services')).toMatch(
      /Update requires: No interruption.*scheduled for deletion after PendingWindowInDays/,
    );
    expect(sectionOf(properties, '###', 'PendingWindowInDays')).toContain('Default: `30`');
    expect(sectionOf(properties, '###', 'PendingWindowInDays')).toContain('Range: 7-30');
    expect(sectionOf(properties, '###', 'PendingWindowInDays')).toContain('Write-only');
  });

  test('documents every nested field of every writable definition, with its own update behaviour', () => {
    const writable = writableDefinitions();
    expect(writable.sort()).toEqual(['PolicyStatement', 'ServiceKey', 'Tag']);
    for (const definition of writable) {
      const def = schema.definitions[definition] as Json;
      for (const [name, sub] of Object.entries(def.properties as Json)) {
        const field = fieldOf(definition, name);
        expect(field).toContain(`- Required: ${((def.required as string[]) ?? []).includes(name) ? 'Yes' : 'No'}`);
        expect(field).toMatch(/- Type: \S/);
        expect(field).toContain(`- Update requires: ${UPDATE_BEHAVIOUR[`${definition}.${name}`]}`);
        if ((sub as Json).default !== undefined) expect(field).toContain(`- Default: \`${JSON.stringify((sub as Json).default)}\``);
        if ((sub as Json).pattern !== undefined) expect(field).toContain(`Pattern: \`${(sub as Json).pattern}\``);
      }
    }
  });

  test('states the update behaviours that matter for data: MultiRegion, Service, removal, rotation in replicas', () => {
    expect(fieldOf('ServiceKey', 'MultiRegion')).toMatch(/Update requires: Not updatable.*fails with InvalidRequest before any change/);
    expect(fieldOf('ServiceKey', 'Service')).toMatch(/removal plus addition.*scheduled for deletion after PendingWindowInDays.*new key/);
    expect(fieldOf('ServiceKey', 'EnableKeyRotation')).toMatch(/replica key set the value is not applied/);
    expect(fieldOf('ServiceKey', 'Enabled')).toMatch(/EnableKey or DisableKey/);
    expect(fieldOf('Tag', 'Key')).toMatch(/UntagResource.*TagResource/);
    expect(fieldOf('PolicyStatement', 'Sid')).toMatch(/merged by Sid/);
  });

  test('the generator refuses a writable property without update behaviour, and a stale entry', () => {
    const extraField = structuredClone(schema);
    extraField.definitions.ServiceKey.properties.Alias = { type: 'string', description: 'x' };
    expect(() => renderResourceDoc(extraField as never)).toThrow(/ServiceKey\.Alias has no update behaviour/);
    const extraTop = structuredClone(schema);
    extraTop.properties.Owner = { type: 'string', description: 'x' };
    expect(() => renderResourceDoc(extraTop as never)).toThrow(/Owner has no update behaviour/);
    const { 'Tag.Value': _dropped, ...rest } = UPDATE_BEHAVIOUR;
    expect(() => renderResourceDoc(schema as never, rest)).toThrow(/Tag\.Value has no update behaviour/);
    expect(() => renderResourceDoc(schema as never, { ...UPDATE_BEHAVIOUR, 'Tag.Colour': 'x' })).toThrow(
      /Tag\.Colour name no writable property/,
    );
    const createOnly = structuredClone(schema);
    createOnly.createOnlyProperties.push('/properties/Tags');
    expect(() => renderResourceDoc(createOnly as never)).toThrow(/Tags is createOnly/);
  });

  test('read-only attribute definitions are documented as Fn::GetAtt attributes, not as input fields', () => {
    expect(definitionsPart).not.toContain('### KeyArns\n');
  });

  test('lists every Fn::GetAtt attribute, per service', () => {
    for (const group of ['KeyArns', 'KeyIds', 'AliasNames']) {
      for (const service of Object.keys(schema.definitions[group].properties)) expect(doc).toContain(`\`Keys.${group}.${service}\``);
    }
  });
});
