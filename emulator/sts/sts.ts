import { randomBytes } from 'node:crypto';
import { EmulatorError } from '../errors';
import type { Identities } from '../identity';
import { buildArn, parseArn, partitionOf } from '../partition';

export interface StsContext {
  accessKeyId: string;
  accountId: string;
  region: string;
  callerArn: string;
  now: number;
}

const NS = 'https://sts.amazonaws.com/doc/2011-06-15/';

function xmlEscape(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function element(name: string, body: string): string {
  return `<${name}>${body}</${name}>`;
}

function response(action: string, result: string, requestId: string): string {
  return `<${action}Response xmlns="${NS}">${element(`${action}Result`, result)}${element('ResponseMetadata', element('RequestId', requestId))}</${action}Response>`;
}

export function stsErrorXml(code: string, message: string, requestId: string, type = 'Sender'): string {
  return `<ErrorResponse xmlns="${NS}"><Error><Type>${type}</Type><Code>${xmlEscape(code)}</Code><Message>${xmlEscape(message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`;
}

function userIdOf(callerArn: string, accountId: string): string {
  const parsed = parseArn(callerArn);
  if (!parsed || parsed.resource === 'root') return accountId;
  const digest = Buffer.from(parsed.resource).toString('hex').toUpperCase().slice(0, 17).padEnd(17, '0');
  if (parsed.resource.startsWith('assumed-role/')) return `AROA${digest}:${parsed.resource.split('/')[2]}`;
  return `AIDA${digest}`;
}

/** STS in the query protocol: GetCallerIdentity and AssumeRole. Returns the XML body. */
export function handleSts(identities: Identities, ctx: StsContext, action: string, params: URLSearchParams, requestId: string): string {
  if (action === 'GetCallerIdentity') {
    const result =
      element('Arn', xmlEscape(ctx.callerArn)) +
      element('UserId', xmlEscape(userIdOf(ctx.callerArn, ctx.accountId))) +
      element('Account', ctx.accountId);
    return response(action, result, requestId);
  }
  if (action === 'AssumeRole') return assumeRole(identities, ctx, params, requestId);
  throw new EmulatorError('InvalidAction', `Could not find operation ${action}: the emulator serves STS GetCallerIdentity and AssumeRole.`);
}

function assumeRole(identities: Identities, ctx: StsContext, params: URLSearchParams, requestId: string): string {
  const roleArn = params.get('RoleArn') ?? '';
  const sessionName = params.get('RoleSessionName') ?? '';
  const parsed = parseArn(roleArn);
  const partition = partitionOf(ctx.region);
  if (
    !parsed ||
    parsed.service !== 'iam' ||
    parsed.partition !== partition ||
    !/^\d{12}$/.test(parsed.accountId) ||
    !/^role\/(.+\/)?[\w+=,.@-]{1,64}$/.test(parsed.resource)
  ) {
    throw new EmulatorError(
      'ValidationError',
      `RoleArn ${JSON.stringify(roleArn)} is not a valid IAM role ARN (arn:${partition}:iam::<account>:role/<name>).`,
    );
  }
  if (!/^[\w+=,.@-]{2,64}$/.test(sessionName)) {
    throw new EmulatorError('ValidationError', `RoleSessionName ${JSON.stringify(sessionName)} must be 2-64 characters of [\\w+=,.@-].`);
  }
  const duration = Number(params.get('DurationSeconds') ?? 3600);
  if (!Number.isInteger(duration) || duration < 900 || duration > 43200)
    throw new EmulatorError('ValidationError', `DurationSeconds ${duration} must be between 900 and 43200.`);
  const roleName = parsed.resource.split('/').pop() as string;
  const sessionArn = buildArn(partition, 'sts', '', parsed.accountId, `assumed-role/${roleName}/${sessionName}`);
  const accessKeyId = `ASIA${parsed.accountId}${randomBytes(4).toString('hex').toUpperCase()}`;
  identities.registerSession(accessKeyId, parsed.accountId, sessionArn);
  const expiration = new Date(ctx.now + duration * 1000).toISOString();
  const credentials =
    element('AccessKeyId', accessKeyId) +
    element('SecretAccessKey', randomBytes(30).toString('base64')) +
    element('SessionToken', randomBytes(64).toString('base64')) +
    element('Expiration', expiration);
  const roleId = `AROA${Buffer.from(roleArn).toString('hex').toUpperCase().slice(0, 17).padEnd(17, '0')}`;
  const user = element('AssumedRoleId', `${roleId}:${sessionName}`) + element('Arn', xmlEscape(sessionArn));
  return response('AssumeRole', element('Credentials', credentials) + element('AssumedRoleUser', user), requestId);
}
