import { CreateKeyCommand, DescribeKeyCommand, NotFoundException } from '@aws-sdk/client-kms';
import { ACCOUNT_A, kmsClient, rejection, useEmulator, P } from './support';

const AUTH = `AWS4-HMAC-SHA256 Credential=AKIA${ACCOUNT_A}EXAMPLE/20260101/eu-west-1/kms/aws4_request, SignedHeaders=host, Signature=abc`;

async function raw(endpoint: string, target: string, body: unknown, auth = AUTH) {
  const headers: Record<string, string> = { 'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': `TrentService.${target}` };
  if (auth) headers.Authorization = auth;
  return fetch(`${endpoint}/`, { method: 'POST', headers, body: JSON.stringify(body) });
}

describe('wire protocol', () => {
  const emu = useEmulator();

  it('answers JSON 1.1 with epoch-second numbers', async () => {
    const res = await raw(emu().endpoint, 'CreateKey', {});
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/x-amz-json-1.1');
    const body = (await res.json()) as { KeyMetadata: { CreationDate: unknown; AWSAccountId: string; Arn: string } };
    expect(typeof body.KeyMetadata.CreationDate).toBe('number');
    expect(body.KeyMetadata.AWSAccountId).toBe(ACCOUNT_A);
    expect(body.KeyMetadata.Arn.startsWith(`arn:${P}:kms:eu-west-1:`)).toBe(true);
  });

  it('returns errors as HTTP 400 with __type, message and x-amzn-ErrorType', async () => {
    const res = await raw(emu().endpoint, 'DescribeKey', { KeyId: 'missing' });
    expect(res.status).toBe(400);
    expect(res.headers.get('x-amzn-errortype')).toBe('NotFoundException');
    expect(await res.json()).toEqual({ __type: 'NotFoundException', message: expect.stringContaining('missing') });
  });

  it('is parsed by the SDK into the modelled exception class', async () => {
    const error = await rejection(kmsClient(emu()).send(new DescribeKeyCommand({ KeyId: 'missing' })));
    expect(error).toBeInstanceOf(NotFoundException);
  });

  it('rejects unknown operations and requests without SigV4', async () => {
    expect((await raw(emu().endpoint, 'Frobnicate', {})).headers.get('x-amzn-errortype')).toBe('UnknownOperationException');
    const unsigned = await raw(emu().endpoint, 'ListKeys', {}, '');
    expect(unsigned.status).toBe(403);
    expect(unsigned.headers.get('x-amzn-errortype')).toBe('MissingAuthenticationTokenException');
  });

  it('rejects a body that is not JSON', async () => {
    const res = await fetch(`${emu().endpoint}/`, {
      method: 'POST',
      headers: { 'X-Amz-Target': 'TrentService.ListKeys', Authorization: AUTH },
      body: '{nope',
    });
    expect(res.headers.get('x-amzn-errortype')).toBe('SerializationException');
  });

  it('takes the Region from the credential scope', async () => {
    const res = await raw(emu().endpoint, 'CreateKey', {}, AUTH.replace('eu-west-1', 'ap-southeast-2'));
    const body = (await res.json()) as { KeyMetadata: { Arn: string } };
    expect(body.KeyMetadata.Arn).toContain(':ap-southeast-2:');
    await kmsClient(emu(), 'ap-southeast-2').send(new CreateKeyCommand({}));
    expect(emu().admin.describeAllKeys(ACCOUNT_A, 'ap-southeast-2')).toHaveLength(2);
  });
});
