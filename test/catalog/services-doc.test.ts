import * as fs from 'node:fs';
import * as path from 'node:path';
import { SERVICE_CATALOG } from '../../resource-type/catalog';
import { renderServicesDoc, servicesDocGenerator } from '../../scripts/generators/services-doc';
import { GENERATORS } from '../../scripts/generators';

const doc = renderServicesDoc();

test('docs/services.md is up to date with the catalog (run "npm run generate")', () => {
  expect(fs.readFileSync(path.join(__dirname, '../../docs/services.md'), 'utf8')).toBe(doc);
});

test('the generator is registered', () => {
  expect(GENERATORS).toContain(servicesDocGenerator);
  expect(servicesDocGenerator.generate().map((f) => f.path)).toEqual(['docs/services.md']);
});

test('every service has a section with its links; uncertain facts are marked', () => {
  for (const s of SERVICE_CATALOG) {
    expect(doc).toContain(`## \`${s.id}\` — ${s.displayName}`);
    for (const l of s.docLinks) expect(doc).toContain(`](${l.url})`);
    for (const f of s.facts) expect(doc).toContain(`- ${f.text}${f.uncertain ? ' *(unverified)*' : ''}`);
  }
  expect(doc).toMatch(/\*\*Not supported\.\*\* AWS Certificate Manager has no customer managed key option/);
});
