/** Pure helpers: colour decision, ANSI-aware tables, policy statements in words, start's progress diff. */
import { colourEnabled, COLOUR, stripAnsi } from '../../cli/ui/style';
import { table } from '../../cli/ui/table';
import { actionsInWords, policyInWords, viaServiceInWords } from '../../cli/plan/words';
import { progressLine, shortNote } from '../../cli/start/progress';

const TARGET = { accountId: '111111111111', region: 'eu-west-1', partition: 'aws' as const };

test.each([
  [{}, true, false, true],
  [{}, false, false, false],
  [{ NO_COLOR: '1' }, true, false, false],
  [{ NO_COLOR: '' }, true, false, true],
  [{ TERM: 'dumb' }, true, false, false],
  [{ FORCE_COLOR: '1' }, false, false, true],
  [{ FORCE_COLOR: '0' }, false, false, false],
  [{ FORCE_COLOR: '1', NO_COLOR: '1' }, false, false, false],
  [{}, true, true, false],
])('colourEnabled(env %j, tty %s, --no-color %s) = %s', (env, tty, flag, expected) => {
  expect(colourEnabled({ env, stream: { isTTY: tty }, noColorFlag: flag })).toBe(expected);
});

test('table aligns by visible width, so colours do not shift columns', () => {
  const plain = table([
    ['A', 'BB', 'C'],
    ['long cell', 'x', 'y'],
  ]);
  const coloured = table([
    ['A', 'BB', 'C'],
    [COLOUR.red('long cell'), COLOUR.green('x'), 'y'],
  ]);
  expect(plain).toEqual(['A          BB  C', 'long cell  x   y']);
  expect(coloured.map(stripAnsi)).toEqual(plain);
  expect(table([['N'], ['5'], ['123']], { alignRight: [0] })).toEqual(['  N', '  5', '123']);
});

test('actions and ViaService hosts in words', () => {
  expect(actionsInWords(['kms:Decrypt', 'kms:Encrypt'])).toBe('Encrypt/Decrypt');
  expect(actionsInWords(['kms:*'])).toBe('do anything (kms:*)');
  expect(actionsInWords(['kms:PutKeyPolicy', 'kms:ScheduleKeyDeletion', 'kms:DescribeKey', 'kms:TagResource', 'kms:ListGrants'])).toBe(
    'administer the key (5 actions)',
  );
  expect(actionsInWords(['kms:CreateGrant', 'kms:ListGrants'])).toBe('create grants');
  expect(actionsInWords(['kms:PutKeyPolicy', 'kms:DescribeKey', 'kms:CreateGrant'])).toBe('PutKeyPolicy/DescribeKey and create grants');
  expect(viaServiceInWords('s3.eu-west-1.amazonaws.com')).toBe('Amazon S3 in eu-west-1');
  expect(viaServiceInWords('logs.cn-north-1.amazonaws.com.cn')).toBe('Amazon CloudWatch Logs in cn-north-1');
});

test('policy statements in words, one sentence per principal', () => {
  const sentences = policyInWords(
    [
      {
        Sid: 'Users',
        Effect: 'Allow',
        Principal: { AWS: ['arn:aws:iam::222222222222:role/AppRole', 'arn:aws:iam::333333333333:root'] },
        Action: ['kms:Encrypt', 'kms:Decrypt'],
        Resource: '*',
      },
      {
        Sid: 'Via',
        Effect: 'Allow',
        Principal: { AWS: '*' },
        Action: 'kms:Decrypt',
        Resource: '*',
        Condition: { StringEquals: { 'kms:ViaService': 's3.eu-west-1.amazonaws.com', 'kms:CallerAccount': ['111111111111'] } },
      },
      { Sid: 'Open', Effect: 'Allow', Principal: '*', Action: 'kms:Decrypt', Resource: '*' },
      {
        Sid: 'NoDelete',
        Effect: 'Deny',
        Principal: { AWS: 'arn:aws:sts::111111111111:assumed-role/Ops/alice' },
        Action: 'kms:ScheduleKeyDeletion',
        Resource: '*',
      },
      {
        Sid: 'Logs',
        Effect: 'Allow',
        Principal: { Service: 'logs.eu-west-1.amazonaws.com' },
        Action: 'kms:Encrypt',
        Resource: '*',
        Condition: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': 'arn:aws:logs:eu-west-1:111111111111:*' } },
      },
    ],
    TARGET,
  );
  expect(sentences.map((s) => s.text)).toEqual([
    'role/AppRole in 222222222222 can Encrypt/Decrypt',
    'account 333333333333 (its IAM policies decide) can Encrypt/Decrypt',
    'principals of account 111111111111 can Decrypt through Amazon S3 in eu-west-1',
    'anyone can Decrypt',
    'role/Ops session alice in 111111111111 cannot ScheduleKeyDeletion',
    'the service logs.eu-west-1.amazonaws.com can Encrypt with encryption context aws:logs:arn like arn:aws:logs:eu-west-1:111111111111:*',
  ]);
  expect(sentences.map((s) => s.wildcardPrincipal)).toEqual([false, false, false, true, false, false]);
});

test('start progress: the engine notes in the handler log, shortened for a line that names Region and service', () => {
  const line = '%s\n [eu-central-1 s3] waiting for the s3 key mrk-0123456789abcdef0123456789abcdef to finish Creating';
  const note = progressLine(line)!;
  expect(note).toEqual({
    region: 'eu-central-1',
    service: 's3',
    message: 'waiting for the s3 key mrk-0123456789abcdef0123456789abcdef to finish Creating',
  });
  expect(shortNote(note)).toBe('waiting for key mrk-01234567… to finish Creating');
  const replicate = progressLine(
    '[us-gov-west-1 sqs] replicating the sqs primary key mrk-0123456789abcdef0123456789abcdef from us-gov-east-1',
  )!;
  expect(shortNote(replicate)).toBe('replicating primary key mrk-01234567… from us-gov-east-1');
  const visible = progressLine("[eu-west-1 logs] waiting for the logs key's changes to become visible in eu-west-1")!;
  expect(shortNote(visible)).toBe("waiting for key's changes to become visible in eu-west-1");
  const single = progressLine('[eu-west-1 ebs] alias alias/x/ebs created for the ebs key 1234abcd-12ab-34cd-56ef-1234567890ab')!;
  expect(shortNote(single)).toBe('alias alias/x/ebs created for key 1234abcd-12a…');
  // Another service's key in the message is left as it is; the library's own lines are not progress.
  expect(shortNote({ region: 'eu-west-1', service: 's3', message: 'the sqs key is fine' })).toBe('the sqs key is fine');
  expect(progressLine('%s\n [CREATE] invoking handler...')).toBeUndefined();
  expect(progressLine('Handler returned SUCCESS')).toBeUndefined();
  expect(progressLine('[eu-west-1] key set checked')).toEqual({ region: 'eu-west-1', message: 'key set checked' });
});
