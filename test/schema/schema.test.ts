import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  MAX_SCHEMA_BYTES,
  REPO_ROOT,
  SCHEMA_FILE,
  cfnValidateProblems,
  loadSchema,
  metaSchemaValidator,
  pythonJsonDumps,
  strictMetaSchemaValidator,
} from './cfn-rules';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const validate = metaSchemaValidator();
const validateStrict = strictMetaSchemaValidator();

function errorsOf(fn: typeof validate, schema: unknown): string {
  return fn(schema) ? '' : JSON.stringify(fn.errors, null, 1);
}

describe('resource schema', () => {
  const raw = fs.readFileSync(SCHEMA_FILE, 'utf8');
  const schema = loadSchema();

  test('passes the CloudFormation meta-schema', () => {
    expect(errorsOf(validate, schema)).toBe('');
  });

  test('passes the stricter meta-schema (additionalProperties wherever properties appear)', () => {
    expect(errorsOf(validateStrict, schema)).toBe('');
  });

  test('passes every extra cfn validate check', () => {
    expect(cfnValidateProblems(schema, raw)).toEqual([]);
  });

  test('the root symlink cfn expects points at the schema', () => {
    const link = path.join(REPO_ROOT, 'org-security-servicekmskeys.json');
    expect(fs.realpathSync(link)).toBe(fs.realpathSync(SCHEMA_FILE));
  });

  test('is well under the 60 KiB limit as cfn measures it', () => {
    expect(Buffer.byteLength(pythonJsonDumps(schema))).toBeLessThan(MAX_SCHEMA_BYTES);
  });

  test('has the five handlers with sensible timeouts', () => {
    expect(Object.keys(schema.handlers as Json).sort()).toEqual(['create', 'delete', 'list', 'read', 'update']);
    for (const handler of Object.values(schema.handlers as Json)) {
      expect((handler as Json).timeoutInMinutes ?? 120).toBeGreaterThanOrEqual(2);
      expect((handler as Json).timeoutInMinutes ?? 120).toBeLessThanOrEqual(2160);
    }
  });

  test('every pattern compiles with the unicode flag too (ajv compiles patterns with it)', () => {
    const patterns = raw.match(/"pattern": "((?:[^"\\]|\\.)*)"/g) ?? [];
    expect(patterns.length).toBeGreaterThan(0);
    for (const entry of patterns) {
      const pattern = JSON.parse(`{${entry}}`).pattern as string;
      expect(() => new RegExp(pattern, 'u')).not.toThrow();
    }
  });
});

describe('mutated schemas are rejected', () => {
  const mutate = (change: (s: Json) => void): Json => {
    const copy = loadSchema() as Json;
    change(copy);
    return copy;
  };

  // Rejected by the meta-schema itself.
  test.each<[string, (s: Json) => void]>([
    ['no primaryIdentifier', (s) => delete s.primaryIdentifier],
    ['empty primaryIdentifier', (s) => (s.primaryIdentifier = [])],
    ['no description', (s) => delete s.description],
    ['additionalProperties true at the top', (s) => (s.additionalProperties = true)],
    ['additionalProperties true nested', (s) => (s.definitions.Tag.additionalProperties = true)],
    ['a property named Key_Id', (s) => (s.properties.Key_Id = { type: 'string', description: 'x' })],
    ['a handler without permissions', (s) => delete s.handlers.read.permissions],
    ['an unknown handler', (s) => (s.handlers.patch = { permissions: ['kms:DescribeKey'] })],
    ['timeoutInMinutes 1', (s) => (s.handlers.create.timeoutInMinutes = 1)],
    ['tagging without taggable', (s) => delete s.tagging.taggable],
    ['enum without type', (s) => delete s.definitions.PolicyStatement.properties.Effect.type],
    ['readOnly keyword inside a property', (s) => (s.properties.ProjectCode.readOnly = true)],
    ['a bad typeName', (s) => (s.typeName = 'Org::ServiceKmsKeys')],
    ['a readOnlyProperties entry that is not a JSON pointer', (s) => (s.readOnlyProperties = ['properties/Keys'])],
    ['a pattern that is not a regex', (s) => (s.properties.ProjectCode.pattern = '^([a-z$')],
    ['insertionOrder as a string', (s) => (s.properties.Services.insertionOrder = 'false')],
  ])('meta-schema: %s', (_name, change) => {
    expect(validate(mutate(change))).toBe(false);
  });

  test('stricter meta-schema: an object with properties but no additionalProperties', () => {
    const schema = mutate((s) => delete s.definitions.Tag.additionalProperties);
    expect(validate(schema)).toBe(true);
    expect(validateStrict(schema)).toBe(false);
  });

  // Accepted by the meta-schema, rejected by the cfn validate extra checks.
  test.each<[string, (s: Json) => void, RegExp]>([
    [
      'primaryIdentifier neither createOnly nor readOnly',
      (s) => (s.createOnlyProperties = ['/properties/PrimaryRegion']),
      /primaryIdentifier/,
    ],
    ['an array without insertionOrder', (s) => delete s.properties.KeyUserArns.insertionOrder, /insertionOrder/],
    ['a nested object without additionalProperties', (s) => delete s.definitions.KeyArns.additionalProperties, /additionalProperties/],
    ['no tagging block', (s) => delete s.tagging, /tagging/],
    ['a lowercase property name', (s) => (s.definitions.Tag.properties.key = { type: 'string', description: 'x' }), /lowercase/],
    ['a * permission', (s) => s.handlers.list.permissions.push('kms:*'), /contains \*/],
    [
      'a hard-coded partition in a pattern',
      (s) => (s.properties.KeyAdministratorArns.items.pattern = '^arn:aws:iam::[0-9]{12}:root$'),
      /arn:aws:/,
    ],
    [
      'an enum with 16 values',
      (s) => (s.definitions.PolicyStatement.properties.Effect.enum = Array.from({ length: 16 }, (_, i) => `E${i}`)),
      /enum/,
    ],
    ['minLength on an integer', (s) => (s.properties.PendingWindowInDays.minLength = 1), /minLength does not apply/],
    ['minItems on an object', (s) => (s.properties.Keys.minItems = 1), /minItems does not apply/],
    ['readOnly overlapping createOnly', (s) => s.createOnlyProperties.push('/properties/Keys'), /readOnly and createOnly/],
    ['readOnly overlapping writeOnly', (s) => s.writeOnlyProperties.push('/properties/Keys'), /readOnly and writeOnly/],
    ['readOnly overlapping required', (s) => s.required.push('Keys'), /readOnly and required/],
    ['non-ASCII text', (s) => (s.description += ' \u2014 dash'), /non-ASCII/],
    ['more than 60 KiB', (s) => (s.properties.ProjectCode.description = 'x'.repeat(MAX_SCHEMA_BYTES)), /bytes/],
    ['a list-parameter property name', (s) => (s.properties.NextToken = { type: 'string', description: 'x' }), /list parameter/],
    ['a property without description', (s) => delete s.properties.PrimaryRegion.description, /description/],
    ['an unresolvable $ref', (s) => (s.properties.Tags.items.$ref = '#/definitions/Nope'), /does not resolve/],
    ['a pointer to no property', (s) => s.writeOnlyProperties.push('/properties/Nope'), /names no property/],
  ])('cfn validate: %s', (_name, change, message) => {
    const schema = mutate(change);
    const text = JSON.stringify(schema);
    expect(cfnValidateProblems(schema, text).join('\n')).toMatch(message);
  });
});
