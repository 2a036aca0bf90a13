/**
 * Generates resource-role.yaml: the execution role CloudFormation assumes to run the handlers.
 * Its permissions are exactly the union of `handlers.*.permissions` in the schema.
 */
import { stringify } from 'yaml';
import type { GeneratedFile, Generator } from './types';
import { SCHEMA, type ResourceSchema } from './schema-source';

export const ROLE_PATH = 'resource-role.yaml';

/** The lib's default per-operation timeout when the schema gives none. */
const DEFAULT_TIMEOUT_MINUTES = 120;

/** Every IAM action any handler declares, sorted and de-duplicated. */
export function handlerPermissions(schema: ResourceSchema = SCHEMA): string[] {
  const actions = Object.values(schema.handlers ?? {}).flatMap((handler) => handler.permissions);
  return [...new Set(actions)].sort((a, b) => a.localeCompare(b));
}

/** clamp(70 s × the longest handler timeout, 1 h, 12 h), as `cfn generate` computes it. */
export function maxSessionDuration(schema: ResourceSchema = SCHEMA): number {
  const timeouts = Object.values(schema.handlers ?? {}).map((h) => h.timeoutInMinutes ?? DEFAULT_TIMEOUT_MINUTES);
  const longest = timeouts.length > 0 ? Math.max(...timeouts) : DEFAULT_TIMEOUT_MINUTES;
  return Math.min(Math.max(70 * longest, 3600), 43200);
}

export function renderRole(schema: ResourceSchema = SCHEMA): string {
  const typeNameHyphenated = schema.typeName.replace(/::/g, '-');
  const actions = handlerPermissions(schema);
  const statement =
    actions.length > 0 ? { Effect: 'Allow', Action: actions, Resource: '*' } : { Effect: 'Deny', Action: '*', Resource: '*' };
  const template = {
    AWSTemplateFormatVersion: '2010-09-09',
    Description: `Execution role CloudFormation assumes to run the ${schema.typeName} handlers. Generated from the schema by scripts/generators/role.ts; do not edit.`,
    Resources: {
      ExecutionRole: {
        Type: 'AWS::IAM::Role',
        Properties: {
          MaxSessionDuration: maxSessionDuration(schema),
          AssumeRolePolicyDocument: {
            Version: '2012-10-17',
            Statement: [
              {
                Effect: 'Allow',
                Principal: { Service: 'resources.cloudformation.amazonaws.com' },
                Action: 'sts:AssumeRole',
                Condition: {
                  StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
                  StringLike: {
                    'aws:SourceArn': {
                      'Fn::Sub': `arn:\${AWS::Partition}:cloudformation:\${AWS::Region}:\${AWS::AccountId}:type/resource/${typeNameHyphenated}/*`,
                    },
                  },
                },
              },
            ],
          },
          Path: '/',
          Policies: [{ PolicyName: 'ResourceTypePolicy', PolicyDocument: { Version: '2012-10-17', Statement: [statement] } }],
        },
      },
    },
    Outputs: { ExecutionRoleArn: { Value: { 'Fn::GetAtt': 'ExecutionRole.Arn' } } },
  };
  return `# Generated from schema/org-security-servicekmskeys.json by scripts/generators/role.ts — do not edit.\n${stringify(template, { lineWidth: 0 })}`;
}

export const roleGenerator: Generator = {
  name: 'role',
  generate(): GeneratedFile[] {
    return [{ path: ROLE_PATH, content: renderRole() }];
  },
};
