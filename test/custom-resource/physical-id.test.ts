import {
  failedCreatePhysicalId,
  keySetPhysicalId,
  parseFailedCreatePhysicalId,
  parseKeySetPhysicalId,
} from '../../handlers/custom-resource/physical-id';

const target = { accountId: '111111111111', region: 'us-gov-west-1', partition: 'aws-us-gov' as const };

describe('physical ids', () => {
  it('derives a stable id from account, Region and ProjectCode and parses it back', () => {
    const id = keySetPhysicalId(target, 'Payments_prod-1');
    expect(id).toBe('servicekmskeys/111111111111/us-gov-west-1/Payments_prod-1');
    expect(keySetPhysicalId(target, 'Payments_prod-1')).toBe(id);
    expect(parseKeySetPhysicalId(id)).toEqual({ accountId: '111111111111', region: 'us-gov-west-1', projectCode: 'Payments_prod-1' });
  });

  it('recognises no key set in the failed-create marker or foreign ids', () => {
    const marker = failedCreatePhysicalId('5d0b2c1e-1234-4cde-9f00-6a7b8c9d0e1f');
    expect(marker).toBe('servicekmskeys-create-failed/5d0b2c1e-1234-4cde-9f00-6a7b8c9d0e1f');
    for (const id of [
      marker,
      undefined,
      '',
      '2026/11/29/[$LATEST]abcdef',
      'servicekmskeys/11111111111/eu-west-1/x',
      'servicekmskeys/111111111111/eu-west-1/a/b',
    ]) {
      expect(parseKeySetPhysicalId(id)).toBeUndefined();
    }
  });

  it('the failed-create marker gives back the RequestId of its Create (the created-by tag its rollback removes); other ids none', () => {
    const requestId = '5d0b2c1e-1234-4cde-9f00-6a7b8c9d0e1f';
    expect(parseFailedCreatePhysicalId(failedCreatePhysicalId(requestId))).toBe(requestId);
    for (const id of [undefined, '', 'servicekmskeys-create-failed/', keySetPhysicalId(target, 'p'), '2026/11/29/[$LATEST]abc'])
      expect(parseFailedCreatePhysicalId(id)).toBeUndefined();
  });
});
