import { getServiceDefinition, SERVICE_CATALOG } from '../catalog';
import type { ServiceDefinition, ServiceOption } from '../catalog/types';
import { ValidationError } from '../core/errors';
import { aliasNameFor } from '../core/ownership';
import { partitionOf } from '../core/partition';
import type { DeploymentTarget, KeySetSpec, PolicyDocument, PolicyStatement, ResourceProperties, ServiceKeySpec } from '../core/types';
import { isPlainObject, readBoolean, readInteger, readString, readStringList } from './coerce';
import { ACCOUNT_ID, checkPrincipalArn, ORG_ID, OU_PATH, PROJECT_CODE, REGION, SOURCE_ARN } from './formats';
import { Issues } from './issues';
import { checkRenderedPolicies } from './policy-checks';
import { checkPolicyDocument, checkStatement } from './statements';
import { MAX_TAGS_PER_KEY, mergedTags, OWNERSHIP_TAG_COUNT, readTags } from './tags';

export { Issues } from './issues';
export { MAX_TAGS_PER_KEY, OWNERSHIP_TAG_COUNT } from './tags';

const TOP_LEVEL = new Set([
  'ProjectCode',
  'Services',
  'KeyAdministratorArns',
  'KeyUserArns',
  'TrustedAccountIds',
  'TrustedOrganizationId',
  'TrustedOrganizationalUnitPaths',
  'CrossAccountAccessViaService',
  'PendingWindowInDays',
  'PrimaryRegion',
  'Tags',
]);
/** Accepted and ignored: read-only output (Keys) and the custom resource's ServiceToken. */
const IGNORED = new Set(['Keys', 'ServiceToken']);

const SERVICE_FIELDS = new Set([
  'Service',
  'Enabled',
  'EnableKeyRotation',
  'RotationPeriodInDays',
  'MultiRegion',
  'Description',
  'KeyPolicy',
  'AdditionalPolicyStatements',
  'KeyUserArns',
  'EventSourceServices',
  'SourceArns',
  'NodeRoleArns',
  'GlobalTables',
  'AutoScalingGrants',
  'Tags',
]);

const SERVICE_IDS = SERVICE_CATALOG.map((s) => s.id);

function principalList(value: unknown, path: string, max: number, target: DeploymentTarget, issues: Issues): string[] {
  const list = readStringList(value, path, max, issues);
  list.forEach((arn, i) => checkPrincipalArn(arn, `${path}/${i}`, target.partition, issues));
  return list;
}

/** An option the service does not take: say which services take it. */
function optionNotAllowed(def: ServiceDefinition, option: ServiceOption, path: string, value: unknown, issues: Issues): void {
  const takers = SERVICE_CATALOG.filter((s) => s.options.includes(option)).map((s) => s.id);
  issues.add(`${path}/${option}`, value, `is not an option of the ${def.id} key; only ${takers.join(', ')} take ${option}.`);
}

function hasValue(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') return value.trim().toLowerCase() === 'true';
  return true;
}

function readService(
  raw: unknown,
  i: number,
  target: DeploymentTarget,
  ctx: { trusted: string[] },
  issues: Issues,
): ServiceKeySpec | undefined {
  const path = `Services/${i}`;
  if (!isPlainObject(raw)) {
    issues.add(path, raw, 'must be an object with at least "Service".');
    return undefined;
  }
  for (const k of Object.keys(raw))
    if (!SERVICE_FIELDS.has(k))
      issues.add(`${path}/${k}`, k, `is not a property of a service key; allowed: ${[...SERVICE_FIELDS].join(', ')}.`);
  const service = raw.Service;
  const def = typeof service === 'string' ? getServiceDefinition(service) : undefined;
  if (!def) {
    issues.add(
      `${path}/Service`,
      service,
      `is not a supported service; use one of: ${SERVICE_IDS.filter((s) => !getServiceDefinition(s)?.unsupportedReason).join(', ')}.`,
    );
    return undefined;
  }
  if (def.unsupportedReason) {
    issues.add(`${path}/Service`, service, def.unsupportedReason);
    return undefined;
  }
  if (def.unavailableIn?.includes(target.partition)) {
    issues.add(
      `${path}/Service`,
      service,
      `${def.displayName} offers no customer managed key option in partition ${target.partition}; remove it from the key sets deployed there.`,
    );
  }

  const enabled = readBoolean(raw.Enabled, `${path}/Enabled`, true, issues);
  const enableKeyRotation = readBoolean(raw.EnableKeyRotation, `${path}/EnableKeyRotation`, true, issues);
  const rotationPeriodInDays = readInteger(raw.RotationPeriodInDays, `${path}/RotationPeriodInDays`, 365, 90, 2560, issues);
  const multiRegion = readBoolean(raw.MultiRegion, `${path}/MultiRegion`, false, issues);
  if (multiRegion && !def.supportsMultiRegion) {
    issues.add(
      `${path}/MultiRegion`,
      raw.MultiRegion,
      `${def.displayName} does not support multi-Region keys; set MultiRegion to false for ${def.id}.`,
    );
  }
  const description = readString(raw.Description, `${path}/Description`, issues) ?? def.defaultDescription;
  if (description.length > 8192)
    issues.add(`${path}/Description`, `${description.slice(0, 40)}...`, `is ${description.length} characters; at most 8192 are allowed.`);

  let keyPolicy: PolicyDocument | string | undefined;
  if (raw.KeyPolicy !== undefined && raw.KeyPolicy !== null) {
    const parsed = checkPolicyDocument(raw.KeyPolicy, `${path}/KeyPolicy`, issues);
    if (parsed) keyPolicy = typeof raw.KeyPolicy === 'string' ? raw.KeyPolicy : (parsed as unknown as PolicyDocument);
  }

  const additional: PolicyStatement[] = [];
  if (raw.AdditionalPolicyStatements !== undefined && raw.AdditionalPolicyStatements !== null) {
    const list = raw.AdditionalPolicyStatements;
    if (!Array.isArray(list)) issues.add(`${path}/AdditionalPolicyStatements`, list, 'must be a list of policy statements.');
    else {
      if (list.length > 50)
        issues.add(`${path}/AdditionalPolicyStatements`, list.length, `has ${list.length} statements; at most 50 are allowed.`);
      const sids = new Set<string>();
      list.forEach((st, j) => {
        const before = issues.count;
        checkStatement(st, `${path}/AdditionalPolicyStatements/${j}`, issues, 'additional');
        const sid = isPlainObject(st) ? st.Sid : undefined;
        if (typeof sid === 'string') {
          if (sids.has(sid))
            issues.add(`${path}/AdditionalPolicyStatements/${j}/Sid`, sid, 'is used by two statements; Sids must be unique.');
          sids.add(sid);
        }
        if (issues.count === before) additional.push(st as unknown as PolicyStatement);
      });
    }
  }

  const keyUserArns = principalList(raw.KeyUserArns, `${path}/KeyUserArns`, 100, target, issues);

  const eventSourceServices = readStringList(raw.EventSourceServices, `${path}/EventSourceServices`, 20, issues);
  if (eventSourceServices.length > 0 && !def.options.includes('EventSourceServices'))
    optionNotAllowed(def, 'EventSourceServices', path, raw.EventSourceServices, issues);
  else {
    eventSourceServices.forEach((s, j) => {
      if (!def.eventSources.some((e) => e.id === s)) {
        issues.add(
          `${path}/EventSourceServices/${j}`,
          s,
          `is not an event source of the ${def.id} key; allowed: ${def.eventSources.map((e) => e.id).join(', ')}.`,
        );
      }
    });
  }

  const sourceArns = readStringList(raw.SourceArns, `${path}/SourceArns`, 50, issues);
  if (sourceArns.length > 0) {
    if (!def.options.includes('SourceArns')) optionNotAllowed(def, 'SourceArns', path, raw.SourceArns, issues);
    sourceArns.forEach((arn, j) => {
      const m = arn.length <= 2048 ? SOURCE_ARN.exec(arn) : null;
      if (!m)
        issues.add(
          `${path}/SourceArns/${j}`,
          arn,
          `is not an ARN (arn:${target.partition}:<service>:<region>:<account>:<resource>, wildcards allowed).`,
        );
      else if (m[1] !== target.partition)
        issues.add(`${path}/SourceArns/${j}`, arn, `is in partition ${m[1]} but the key set is in ${target.partition}.`);
    });
  }

  const nodeRoleArns = principalList(raw.NodeRoleArns, `${path}/NodeRoleArns`, 100, target, issues);
  if (nodeRoleArns.length > 0 && !def.options.includes('NodeRoleArns'))
    optionNotAllowed(def, 'NodeRoleArns', path, raw.NodeRoleArns, issues);

  const globalTables = readBoolean(raw.GlobalTables, `${path}/GlobalTables`, false, issues);
  if (hasValue(raw.GlobalTables) && !def.options.includes('GlobalTables'))
    optionNotAllowed(def, 'GlobalTables', path, raw.GlobalTables, issues);

  const autoScalingGrants = readBoolean(raw.AutoScalingGrants, `${path}/AutoScalingGrants`, false, issues);
  if (hasValue(raw.AutoScalingGrants) && !def.options.includes('AutoScalingGrants'))
    optionNotAllowed(def, 'AutoScalingGrants', path, raw.AutoScalingGrants, issues);
  else if (autoScalingGrants && ctx.trusted.length === 0) {
    issues.add(
      `${path}/AutoScalingGrants`,
      raw.AutoScalingGrants,
      'needs TrustedAccountIds: it lets those accounts grant their EC2 Auto Scaling service-linked roles use of the key.',
    );
  }

  const tags = readTags(raw.Tags, `${path}/Tags`, issues);

  return {
    service: def.id,
    enabled,
    enableKeyRotation,
    rotationPeriodInDays,
    multiRegion: multiRegion && def.supportsMultiRegion,
    description,
    ...(keyPolicy !== undefined ? { keyPolicy } : {}),
    additionalPolicyStatements: additional,
    keyUserArns,
    eventSourceServices,
    sourceArns,
    nodeRoleArns,
    globalTables: globalTables && def.options.includes('GlobalTables'),
    autoScalingGrants: autoScalingGrants && def.options.includes('AutoScalingGrants'),
    tags,
  };
}

/**
 * Validates resource properties (PascalCase, as in the schema) for a deployment target and returns
 * the normalized key set with defaults applied. Accepts booleans/integers as strings (custom
 * resource). Renders every key policy to check size, charset and lockout safety. Throws one
 * ValidationError listing every problem.
 */
export function validateProperties(properties: ResourceProperties, target: DeploymentTarget): KeySetSpec {
  const issues = new Issues();
  if (!isPlainObject(properties))
    throw new ValidationError([{ property: '(root)', value: properties, message: 'Properties must be an object.' }]);
  if (!REGION.test(target.region)) {
    issues.add(
      '(target)',
      target.region,
      'is not a Region of a supported partition; this resource type supports aws, aws-cn and aws-us-gov Regions only (not ISO or sovereign-cloud partitions).',
    );
  } else if (partitionOf(target.region) !== target.partition) {
    issues.add(
      '(target)',
      `${target.region}/${target.partition}`,
      `Region ${target.region} is in partition ${partitionOf(target.region)}, not ${target.partition}.`,
    );
  }
  if (!ACCOUNT_ID.test(target.accountId)) issues.add('(target)', target.accountId, 'the deployment account must be a 12-digit account id.');

  for (const k of Object.keys(properties)) {
    if (!TOP_LEVEL.has(k) && !IGNORED.has(k))
      issues.add(k, k, `is not a property of Org::Security::ServiceKmsKeys; allowed: ${[...TOP_LEVEL].join(', ')}.`);
  }

  const projectCode = readString(properties.ProjectCode, 'ProjectCode', issues);
  if (projectCode === undefined) issues.add('ProjectCode', properties.ProjectCode, 'is required: 1-64 letters, digits, _ or -.');
  else if (!PROJECT_CODE.test(projectCode))
    issues.add(
      'ProjectCode',
      projectCode,
      'must be 1-64 letters, digits, _ or - (it becomes the alias segment alias/<ProjectCode>/<service>).',
    );
  else if (projectCode.toLowerCase() === 'aws')
    issues.add('ProjectCode', projectCode, 'cannot be "aws": alias/aws/ is reserved for AWS managed keys.');

  const admins = principalList(properties.KeyAdministratorArns, 'KeyAdministratorArns', 100, target, issues);
  if (
    admins.length === 0 &&
    properties.KeyAdministratorArns !== undefined &&
    Array.isArray(properties.KeyAdministratorArns) &&
    properties.KeyAdministratorArns.length === 0
  ) {
    issues.add(
      'KeyAdministratorArns',
      properties.KeyAdministratorArns,
      "needs at least one IAM role or user ARN of the key set's account.",
    );
  } else if (properties.KeyAdministratorArns === undefined || properties.KeyAdministratorArns === null) {
    issues.add(
      'KeyAdministratorArns',
      properties.KeyAdministratorArns,
      `is required: at least one IAM role or user ARN in account ${target.accountId}.`,
    );
  }
  admins.forEach((arn, i) => {
    const m = /^arn:[^:]+:iam::([0-9]{12}):/.exec(arn);
    if (m && m[1] !== target.accountId) {
      issues.add(
        `KeyAdministratorArns/${i}`,
        arn,
        `is in account ${m[1]}, but key management works only from the key's own account ${target.accountId}; use an administrator role of that account.`,
      );
    }
  });

  const keyUserArns = principalList(properties.KeyUserArns, 'KeyUserArns', 100, target, issues);

  const trustedRaw = readStringList(properties.TrustedAccountIds, 'TrustedAccountIds', 500, issues);
  trustedRaw.forEach((a, i) => {
    if (!ACCOUNT_ID.test(a)) issues.add(`TrustedAccountIds/${i}`, a, 'must be a 12-digit AWS account id.');
  });
  // The owner is always trusted; dropping it lets one StackSet parameter list serve every account.
  const trusted = trustedRaw.filter((a) => ACCOUNT_ID.test(a) && a !== target.accountId).sort();

  const orgId = readString(properties.TrustedOrganizationId, 'TrustedOrganizationId', issues);
  if (orgId !== undefined && !ORG_ID.test(orgId))
    issues.add('TrustedOrganizationId', orgId, 'must be an organization id: o- followed by 10-32 lowercase letters or digits.');
  const ouPaths = readStringList(properties.TrustedOrganizationalUnitPaths, 'TrustedOrganizationalUnitPaths', 50, issues);
  ouPaths.forEach((p, i) => {
    if (!OU_PATH.test(p))
      issues.add(
        `TrustedOrganizationalUnitPaths/${i}`,
        p,
        'must be an OU path such as o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/ (optionally ending in *).',
      );
    else if (orgId === undefined)
      issues.add(`TrustedOrganizationalUnitPaths/${i}`, p, 'needs TrustedOrganizationId: OU paths narrow the organization.');
    else if (!p.startsWith(`${orgId}/`))
      issues.add(`TrustedOrganizationalUnitPaths/${i}`, p, `must start with the TrustedOrganizationId "${orgId}/".`);
  });

  const crossAccountAccessViaService = readBoolean(properties.CrossAccountAccessViaService, 'CrossAccountAccessViaService', false, issues);
  const pendingWindowInDays = readInteger(properties.PendingWindowInDays, 'PendingWindowInDays', 30, 7, 30, issues);

  const primaryRegion = readString(properties.PrimaryRegion, 'PrimaryRegion', issues);
  if (primaryRegion !== undefined) {
    if (!REGION.test(primaryRegion)) issues.add('PrimaryRegion', primaryRegion, 'must be a Region name such as eu-west-1.');
    else if (partitionOf(primaryRegion) !== target.partition) {
      issues.add(
        'PrimaryRegion',
        primaryRegion,
        `is in partition ${partitionOf(primaryRegion)}, but this key set is in ${target.region} (${target.partition}); multi-Region keys replicate only within a partition.`,
      );
    }
  }
  const isReplica = primaryRegion !== undefined && primaryRegion !== target.region;

  const setTags = readTags(properties.Tags, 'Tags', issues);

  const services: ServiceKeySpec[] = [];
  const rawServices = properties.Services;
  if (!Array.isArray(rawServices) || rawServices.length === 0) {
    issues.add('Services', rawServices, 'is required: a list of 1-31 service keys such as [{"Service": "s3"}].');
  } else {
    if (rawServices.length > 31)
      issues.add('Services', rawServices.length, `has ${rawServices.length} entries; at most 31 are allowed (one per service).`);
    const seen = new Map<string, number>();
    rawServices.forEach((raw, i) => {
      const key = readService(raw, i, target, { trusted }, issues);
      if (!key) return;
      if (seen.has(key.service)) {
        issues.add(
          `Services/${i}/Service`,
          key.service,
          `is listed twice (also Services/${seen.get(key.service)}); each service has one key per key set.`,
        );
        return;
      }
      seen.set(key.service, i);
      const tagCount = mergedTags(setTags, key.tags).length + OWNERSHIP_TAG_COUNT;
      if (tagCount > MAX_TAGS_PER_KEY) {
        issues.add(
          `Services/${i}/Tags`,
          tagCount,
          `the ${key.service} key would carry ${tagCount} tags (key set Tags + per-key Tags + ${OWNERSHIP_TAG_COUNT} ownership tags); KMS allows ${MAX_TAGS_PER_KEY}.`,
        );
      }
      const alias = aliasNameFor(projectCode ?? '', key.service);
      if (alias.length > 256) issues.add('ProjectCode', projectCode, `makes the alias ${alias} longer than 256 characters.`);
      // Disabled keys too: the engine replicates them (then disables them), and a model saying
      // MultiRegion false would never read back equal.
      if (isReplica && !key.multiRegion) {
        issues.add(
          `Services/${i}/MultiRegion`,
          false,
          `must be true: this is a replica key set (PrimaryRegion ${primaryRegion} differs from ${target.region}), so every key is a replica of its multi-Region primary, disabled ones too. Set MultiRegion: true for ${key.service}, as in the primary key set.`,
        );
      }
      services.push(key);
    });
  }

  if (issues.count > 0) throw new ValidationError(issues.list);

  const spec: KeySetSpec = {
    projectCode: projectCode!,
    services,
    keyAdministratorArns: admins,
    keyUserArns,
    trustedAccountIds: trusted,
    ...(orgId !== undefined ? { trustedOrganizationId: orgId } : {}),
    trustedOrganizationalUnitPaths: ouPaths,
    crossAccountAccessViaService,
    pendingWindowInDays,
    ...(primaryRegion !== undefined ? { primaryRegion } : {}),
    tags: setTags,
  };
  checkRenderedPolicies(spec, target, issues);
  if (issues.count > 0) throw new ValidationError(issues.list);
  return spec;
}
