import type { ServiceDefinition } from './types';
import { acm } from './services/acm';
import { athena } from './services/athena';
import { backup } from './services/backup';
import { cloudtrail } from './services/cloudtrail';
import { codeartifact } from './services/codeartifact';
import { config } from './services/config';
import { dynamodb } from './services/dynamodb';
import { ebs } from './services/ebs';
import { ecr } from './services/ecr';
import { efs } from './services/efs';
import { eks } from './services/eks';
import { elasticache } from './services/elasticache';
import { events } from './services/events';
import { firehose } from './services/firehose';
import { glue } from './services/glue';
import { kinesis } from './services/kinesis';
import { lambda } from './services/lambda';
import { logs } from './services/logs';
import { msk } from './services/msk';
import { mwaa } from './services/mwaa';
import { opensearch } from './services/opensearch';
import { rds } from './services/rds';
import { redshift } from './services/redshift';
import { s3 } from './services/s3';
import { secretsmanager } from './services/secretsmanager';
import { session } from './services/session';
import { sns } from './services/sns';
import { sqs } from './services/sqs';
import { ssm } from './services/ssm';
import { stepfunctions } from './services/stepfunctions';
import { xray } from './services/xray';

export type * from './types';
export * from './actions';

/** Every service the schema names, in the schema's order (the 19 seed services, then the 12 added). */
export const SERVICE_CATALOG: readonly ServiceDefinition[] = [
  s3,
  ebs,
  efs,
  rds,
  dynamodb,
  lambda,
  logs,
  sns,
  sqs,
  backup,
  ssm,
  secretsmanager,
  session,
  kinesis,
  glue,
  acm,
  mwaa,
  ecr,
  eks,
  cloudtrail,
  config,
  events,
  firehose,
  opensearch,
  redshift,
  elasticache,
  stepfunctions,
  xray,
  codeartifact,
  msk,
  athena,
];

const BY_ID = new Map(SERVICE_CATALOG.map((s) => [s.id, s]));

export function getServiceDefinition(id: string): ServiceDefinition | undefined {
  return BY_ID.get(id);
}

/** Services that can get a key (everything except unsupported ones such as acm). */
export function supportedServices(): readonly ServiceDefinition[] {
  return SERVICE_CATALOG.filter((s) => !s.unsupportedReason);
}
