import * as fs from 'node:fs';
import * as path from 'node:path';
import { SERVICE_CATALOG, getServiceDefinition, supportedServices } from '../../resource-type/catalog';

const schema = JSON.parse(fs.readFileSync(path.join(__dirname, '../../schema/org-security-servicekmskeys.json'), 'utf8'));
const schemaServices: string[] = /^\^\((.*)\)\$$/.exec(schema.definitions.ServiceKey.properties.Service.pattern)![1]!.split('|');

test("the catalog has exactly the schema's 31 services, in the schema's order", () => {
  expect(schemaServices).toHaveLength(31);
  expect(SERVICE_CATALOG.map((s) => s.id)).toEqual(schemaServices);
});

test('Services.maxItems is the number of supported services (one key per service)', () => {
  expect(schema.properties.Services.maxItems).toBe(supportedServices().length);
});

test("attributeName matches the schema's Keys definitions (KeyArns, KeyIds, AliasNames), for every supported service", () => {
  for (const def of ['KeyArns', 'KeyIds', 'AliasNames']) {
    const names = Object.keys(schema.definitions[def].properties).sort();
    expect(
      supportedServices()
        .map((s) => s.attributeName)
        .sort(),
    ).toEqual(names);
  }
  for (const s of supportedServices())
    expect(schema.definitions.KeyArns.properties[s.attributeName].description).toContain(`(service \`${s.id}\`)`);
});

test('getServiceDefinition finds entries and nothing else', () => {
  expect(getServiceDefinition('secretsmanager')?.attributeName).toBe('SecretsManager');
  expect(getServiceDefinition('S3')).toBeUndefined();
  expect(getServiceDefinition('sagemaker')).toBeUndefined();
});

test('acm is in the catalog only to be rejected with an explanation', () => {
  expect(getServiceDefinition('acm')!.unsupportedReason).toMatch(/aws\/acm/);
  expect(supportedServices().map((s) => s.id)).not.toContain('acm');
});

test('mwaa: no multi-Region, no alias use by the service', () => {
  expect(getServiceDefinition('mwaa')).toMatchObject({ supportsMultiRegion: false, supportsAlias: false });
  expect(
    SERVICE_CATALOG.filter((s) => !s.supportsMultiRegion)
      .map((s) => s.id)
      .sort(),
  ).toEqual(['acm', 'mwaa']);
});

test('every entry is documented: description, purpose, at least one AWS doc link', () => {
  for (const s of SERVICE_CATALOG) {
    expect(s.defaultDescription.length).toBeGreaterThan(10);
    expect(s.defaultDescription.length).toBeLessThanOrEqual(8192);
    expect(s.purpose.length).toBeGreaterThan(5);
    expect(s.docLinks.length).toBeGreaterThan(0);
    for (const l of s.docLinks) expect(l.url).toMatch(/^https:\/\/docs\.aws\.amazon\.com\//);
  }
});

test('every supported service has some way for its AWS service to use the key', () => {
  for (const s of supportedServices()) {
    const ways = s.viaService.length + s.servicePrincipals.length + (s.nodeRoleActions ? 1 : 0);
    expect(ways).toBeGreaterThan(0);
  }
});

test("options are the schema's service-specific options, each on the documented services", () => {
  const takers = (o: string) =>
    SERVICE_CATALOG.filter((s) => (s.options as readonly string[]).includes(o))
      .map((s) => s.id)
      .sort();
  expect(takers('EventSourceServices')).toEqual(['sns', 'sqs']);
  expect(takers('NodeRoleArns')).toEqual(['session']);
  expect(takers('GlobalTables')).toEqual(['dynamodb']);
  expect(takers('AutoScalingGrants')).toEqual(['ebs']);
  expect(takers('SourceArns')).toEqual(['cloudtrail', 'config', 'events', 'sns', 'sqs']);
  // SourceArns is offered exactly where a statement uses aws:SourceArn.
  for (const s of SERVICE_CATALOG) {
    const uses = s.servicePrincipals.some((r) => r.sourceArn) || s.eventSources.length > 0;
    expect([s.id, s.options.includes('SourceArns')]).toEqual([s.id, uses]);
  }
  for (const s of SERVICE_CATALOG) for (const e of s.eventSources) expect(e.id).toMatch(/^[a-z0-9-]{1,64}$/);
});

test('no grant action is ever given to people without GrantIsForAWSResource, except the EKS exception', () => {
  const ungated = SERVICE_CATALOG.flatMap((s) =>
    s.viaService.filter((v) => v.grantsWithoutGrantIsForAwsResource).map((v) => `${s.id}/${v.id}`),
  );
  expect(ungated).toEqual(['eks/ViaEks']);
  for (const s of SERVICE_CATALOG) for (const v of s.viaService) expect(v.actions).not.toContain('kms:CreateGrant');
});
