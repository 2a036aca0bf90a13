import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT, loadSchema } from './cfn-rules';

describe('.rpdk-config (cfn validate checks)', () => {
  const text = fs.readFileSync(path.join(REPO_ROOT, '.rpdk-config'), 'utf8');
  const config = JSON.parse(text) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

  test('is at most 10 KiB and names the type of the schema', () => {
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(10 * 1024);
    expect(config.typeName).toBe(loadSchema().typeName);
    expect(config.typeName).toMatch(/^[a-zA-Z0-9]{2,64}::[a-zA-Z0-9]{2,64}::[a-zA-Z0-9]{2,64}$/);
    expect(config.artifact_type).toBe('RESOURCE');
  });

  test('targets nodejs22.x with protocol 2.0.0 and the bundled entrypoints', () => {
    expect(config).toMatchObject({
      language: 'typescript',
      runtime: 'nodejs22.x',
      entrypoint: 'dist/handlers.entrypoint',
      testEntrypoint: 'dist/handlers.testEntrypoint',
    });
    expect(config.settings).toMatchObject({
      protocolVersion: '2.0.0',
      use_docker: false,
      no_docker: true,
      buildCommand: 'node scripts/bundle.mjs',
    });
  });

  test('the schema file name is the hyphenated, lower-cased type name', () => {
    const expected = `${config.typeName.replace(/::/g, '-').toLowerCase()}.json`;
    expect(fs.existsSync(path.join(REPO_ROOT, expected))).toBe(true);
  });
});
