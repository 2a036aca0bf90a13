/**
 * Static reference checks on every template: Ref / Fn::Sub variables / GetAtt / DependsOn / Condition names exist,
 * parameters are documented and constrained, no hard-coded partition, outputs export key ARNs.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadCfnTemplate, type CfnTemplate } from '../../cli/cloudformation/yaml';
import { isPseudoParameter, subVariables } from '../../cli/cloudformation/evaluator';
import { TYPE_NAME } from './lib/schema-checks';
import { REPO_ROOT, TEMPLATE_FILES } from './lib/template-files';

const templates: Array<[string, CfnTemplate]> = TEMPLATE_FILES.map((f) => [f, loadCfnTemplate(path.join(REPO_ROOT, f))]);

interface Reference {
  kind: 'Ref' | 'Sub' | 'GetAtt' | 'If' | 'Condition';
  name: string;
  at: string;
}

function collect(value: unknown, at: string, found: Reference[] = [], locals: Set<string> = new Set()): Reference[] {
  if (Array.isArray(value)) value.forEach((v, i) => collect(v, `${at}/${i}`, found, locals));
  else if (typeof value === 'object' && value !== null) {
    for (const [key, v] of Object.entries(value)) {
      const here = `${at}/${key}`;
      if (key === 'Ref') found.push({ kind: 'Ref', name: String(v), at: here });
      else if (key === 'Condition' && typeof v === 'string') found.push({ kind: 'Condition', name: v, at: here });
      else if (key === 'Fn::GetAtt')
        found.push({ kind: 'GetAtt', name: Array.isArray(v) ? String(v[0]) : String(v).split('.')[0], at: here });
      else if (key === 'Fn::If') {
        found.push({ kind: 'If', name: String((v as unknown[])[0]), at: here });
        collect((v as unknown[]).slice(1), here, found, locals);
      } else if (key === 'Fn::Sub') {
        const [text, map] = typeof v === 'string' ? [v, {}] : (v as [string, Record<string, unknown>]);
        for (const name of subVariables(text)) {
          if (!(name in map)) found.push({ kind: 'Sub', name, at: here });
        }
        collect(map, here, found, locals);
      } else collect(v, here, found, locals);
    }
  }
  return found;
}

function problems(template: CfnTemplate): string[] {
  const params = new Set(Object.keys(template.Parameters ?? {}));
  const resources = new Set(Object.keys(template.Resources));
  const conditions = new Set(Object.keys(template.Conditions ?? {}));
  const out: string[] = [];
  const sections = {
    Conditions: template.Conditions ?? {},
    Resources: template.Resources,
    Outputs: template.Outputs ?? {},
    Rules: (template as { Rules?: unknown }).Rules ?? {},
  };
  for (const ref of collect(sections, '')) {
    const ok =
      ref.kind === 'Ref'
        ? isPseudoParameter(ref.name) || params.has(ref.name) || resources.has(ref.name)
        : ref.kind === 'Sub'
          ? isPseudoParameter(ref.name) ||
            params.has(ref.name) ||
            resources.has(ref.name) ||
            (ref.name.includes('.') && resources.has(ref.name.split('.')[0]))
          : ref.kind === 'GetAtt'
            ? resources.has(ref.name)
            : conditions.has(ref.name);
    if (!ok) out.push(`${ref.at}: ${ref.kind} ${ref.name} names nothing declared`);
    if (ref.kind === 'Ref' && ref.at.startsWith('/Conditions') && resources.has(ref.name))
      out.push(`${ref.at}: conditions cannot reference resource ${ref.name}`);
  }
  for (const [id, resource] of Object.entries(template.Resources)) {
    const deps = resource.DependsOn === undefined ? [] : Array.isArray(resource.DependsOn) ? resource.DependsOn : [resource.DependsOn];
    for (const dep of deps) if (!resources.has(dep)) out.push(`/Resources/${id}/DependsOn: ${dep} is not a resource`);
    if (resource.Condition !== undefined && !conditions.has(resource.Condition))
      out.push(`/Resources/${id}/Condition: ${resource.Condition} is not a condition`);
  }
  for (const [name, output] of Object.entries(template.Outputs ?? {})) {
    if (output.Condition !== undefined && !conditions.has(output.Condition))
      out.push(`/Outputs/${name}/Condition: ${output.Condition} is not a condition`);
  }
  return out;
}

describe('template references', () => {
  test.each(templates)('%s: every Ref, Fn::Sub variable, GetAtt, DependsOn and condition names something declared', (_f, template) => {
    expect(problems(template)).toEqual([]);
  });

  test('the reference check finds dangling names', () => {
    const broken = {
      Parameters: { P: { Type: 'String' } },
      Conditions: { C: { 'Fn::Equals': [{ Ref: 'Missing' }, 'x'] } },
      Resources: {
        R: {
          Type: 'AWS::SNS::Topic',
          DependsOn: 'Nope',
          Properties: { TopicName: { 'Fn::Sub': '${P}-${Ghost}-${AWS::Region}' }, X: { 'Fn::If': ['NoSuch', 1, 2] } },
        },
      },
      Outputs: { O: { Value: { 'Fn::GetAtt': ['Other', 'Arn'] } } },
    } as unknown as CfnTemplate;
    expect(problems(broken)).toHaveLength(5);
  });

  test.each(templates)(
    '%s: every parameter has a description and a constraint (pattern, allowed values or range), patterns explained in words',
    (_f, template) => {
      const weak = Object.entries(template.Parameters ?? {})
        .filter(([, p]) => typeof p.Description !== 'string' || !(p.AllowedPattern || p.AllowedValues || p.MinValue !== undefined))
        .map(([name]) => name);
      expect(weak).toEqual([]);
      // A pattern alone makes CloudFormation answer "must match pattern ^...$": say it in words.
      const unexplained = Object.entries(template.Parameters ?? {})
        .filter(([, p]) => p.AllowedPattern !== undefined && typeof p.ConstraintDescription !== 'string')
        .map(([name]) => name);
      expect(unexplained).toEqual([]);
    },
  );

  test.each(TEMPLATE_FILES)('%s never hard-codes the aws partition in an ARN', (file) => {
    expect(readFileSync(path.join(REPO_ROOT, file), 'utf8')).not.toContain('arn:aws:');
  });

  test.each(templates.filter(([, t]) => Object.values(t.Resources).some((r) => r.Type === TYPE_NAME)))(
    '%s exports key ARNs via Fn::GetAtt Keys.KeyArns.<Service>',
    (_f, template) => {
      const exported = Object.values(template.Outputs ?? {}).filter((o) => {
        const value = o.Value as { 'Fn::GetAtt'?: [string, string] };
        return o.Export !== undefined && value['Fn::GetAtt'] !== undefined && value['Fn::GetAtt'][1].startsWith('Keys.KeyArns.');
      });
      expect(exported.length).toBeGreaterThan(0);
    },
  );
});
