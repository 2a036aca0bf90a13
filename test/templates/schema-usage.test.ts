/**
 * Every Org::Security::ServiceKmsKeys resource in our templates against our schema: raw Properties with intrinsic
 * functions (each Fn::If branch combination), Ref kinds, readOnly properties, and GetAtt attribute paths.
 */
import path from 'node:path';
import { loadCfnTemplate, type CfnTemplate } from '../../cli/cloudformation/yaml';
import {
  assignments,
  chooseBranches,
  ifConditions,
  isSchemaPath,
  READ_ONLY_TOP_LEVEL,
  refKindProblems,
  SCHEMA,
  TYPE_NAME,
  validateRelaxed,
} from './lib/schema-checks';
import { REPO_ROOT, TEMPLATE_FILES } from './lib/template-files';

const templates: Array<[string, CfnTemplate]> = TEMPLATE_FILES.map((f) => [f, loadCfnTemplate(path.join(REPO_ROOT, f))]);
const usages = templates.flatMap(([file, t]) =>
  Object.entries(t.Resources)
    .filter(([, r]) => r.Type === TYPE_NAME)
    .map(([id, r]) => ({ name: `${file} ${id}`, template: t, properties: r.Properties ?? {} })),
);

function getAtts(value: unknown, found: Array<[string, string]> = []): Array<[string, string]> {
  if (Array.isArray(value)) value.forEach((v) => getAtts(v, found));
  else if (typeof value === 'object' && value !== null) {
    for (const [key, v] of Object.entries(value)) {
      if (key === 'Fn::GetAtt')
        found.push(Array.isArray(v) ? [String(v[0]), String(v[1])] : [String(v).split('.')[0], String(v).split('.').slice(1).join('.')]);
      else if (key === 'Fn::Sub') {
        const text = typeof v === 'string' ? v : (v as [string])[0];
        for (const m of text.matchAll(/\$\{([A-Za-z0-9]+)\.([^}]+)\}/g)) found.push([m[1], m[2]]);
        if (typeof v !== 'string') getAtts((v as unknown[])[1], found);
      } else getAtts(v, found);
    }
  }
  return found;
}

describe('Org::Security::ServiceKmsKeys usages', () => {
  test('the key-set templates declare the type', () => {
    const files = new Set(usages.map((u) => u.name.split(' ')[0]));
    expect([...files].sort()).toEqual(
      [
        'stacksets/key-sets.yaml',
        'templates/minimal.yaml',
        'templates/org-wide.yaml',
        'templates/scenario1-single-region.yaml',
        'templates/scenario2-multi-region.yaml',
        'templates/scenario3-cross-account.yaml',
      ].sort(),
    );
  });

  test.each(usages.map((u) => [u.name, u] as const))(
    '%s validates against the schema for every Fn::If branch combination',
    (_name, usage) => {
      const conditions = [...ifConditions(usage.properties)];
      const hasServiceRule = 'AtLeastOneService' in ((usage.template as { Rules?: object }).Rules ?? {});
      for (const assignment of assignments(conditions)) {
        const chosen = chooseBranches(usage.properties, assignment) as { Services: unknown[] };
        // An empty Services list is unreachable when the AtLeastOneService rule exists (render.test proves the rule
        // rejects those parameters).
        if (hasServiceRule && chosen.Services.length === 0) continue;
        const errors = validateRelaxed(chosen);
        expect({ assignment, errors }).toEqual({ assignment, errors: [] });
      }
    },
  );

  test.each(usages.map((u) => [u.name, u] as const))(
    '%s refers to list parameters exactly where the schema expects arrays',
    (_name, usage) => {
      const conditions = [...ifConditions(usage.properties)];
      for (const assignment of assignments(conditions)) {
        expect(refKindProblems(chooseBranches(usage.properties, assignment), { properties: SCHEMA.properties }, usage.template)).toEqual(
          [],
        );
      }
    },
  );

  test.each(usages.map((u) => [u.name, u] as const))('%s sets no readOnly property', (_name, usage) => {
    expect(READ_ONLY_TOP_LEVEL).toContain('Keys');
    expect(Object.keys(usage.properties).filter((p) => READ_ONLY_TOP_LEVEL.includes(p))).toEqual([]);
  });

  test.each(templates)('%s: GetAtt attributes of our type are schema property paths', (_file, template) => {
    const bad = getAtts([template.Resources, template.Outputs ?? {}])
      .filter(([id]) => template.Resources[id]?.Type === TYPE_NAME)
      .filter(([, attribute]) => !isSchemaPath(attribute))
      .map(([id, attribute]) => `${id}.${attribute}`);
    expect(bad).toEqual([]);
  });

  test('the checks reject what they must (unknown property, readOnly path, wrong GetAtt, list Ref for a scalar)', () => {
    expect(validateRelaxed({ ProjectCode: 'x', Services: [{ Service: 's3' }], KeyAdministratorArns: { Ref: 'A' }, Bogus: 1 })).not.toEqual(
      [],
    );
    expect(validateRelaxed({ ProjectCode: 'x', Services: [{ Service: 'nope' }], KeyAdministratorArns: { Ref: 'A' } })).not.toEqual([]);
    expect(
      validateRelaxed({ ProjectCode: { 'Fn::If': ['C', 'a', 'b'] }, Services: [{ Service: 's3' }], KeyAdministratorArns: { Ref: 'A' } }),
    ).not.toEqual([]);
    expect(
      validateRelaxed({
        ProjectCode: { Ref: 'P' },
        Services: [{ Service: 's3', MultiRegion: { 'Fn::Sub': 'x' } }],
        KeyAdministratorArns: { Ref: 'A' },
      }),
    ).toEqual([]);
    expect(isSchemaPath('Keys.KeyArns.S3')).toBe(true);
    expect(isSchemaPath('Keys.KeyArns.s3')).toBe(false);
    expect(isSchemaPath('Keys.KeyArn.S3')).toBe(false);
    const template = { Parameters: { L: { Type: 'CommaDelimitedList' }, S: { Type: 'String' } }, Resources: {} } as CfnTemplate;
    expect(refKindProblems({ ProjectCode: { Ref: 'L' } }, { properties: SCHEMA.properties }, template)).toHaveLength(1);
    expect(refKindProblems({ KeyAdministratorArns: { Ref: 'S' } }, { properties: SCHEMA.properties }, template)).toHaveLength(1);
    expect(refKindProblems({ KeyAdministratorArns: { Ref: 'L' } }, { properties: SCHEMA.properties }, template)).toEqual([]);
  });
});
