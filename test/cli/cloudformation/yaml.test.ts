/** CloudFormation YAML loading (cli/cloudformation/yaml.ts): short tags become the long form CloudFormation uses. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadCfnTemplate, parseCfnYaml } from '../../../cli/cloudformation/yaml';

describe('CloudFormation YAML', () => {
  test('short tags in scalar, sequence and mapping form expand to their long form', () => {
    const data = parseCfnYaml(`
AWSTemplateFormatVersion: 2010-09-09
A: !Ref Name
B: !GetAtt KeySet.Keys.KeyArns.S3
C: !Sub ['\${X}-y', {X: !Ref Other}]
D: !FindInMap [Map, !Ref AWS::Region, Key]
E: !If [Cond, !Join [',', [a, b]], !Ref AWS::NoValue]
F: !Condition IsProd
`);
    expect(data).toEqual({
      AWSTemplateFormatVersion: '2010-09-09',
      A: { Ref: 'Name' },
      B: { 'Fn::GetAtt': ['KeySet', 'Keys.KeyArns.S3'] },
      C: { 'Fn::Sub': ['${X}-y', { X: { Ref: 'Other' } }] },
      D: { 'Fn::FindInMap': ['Map', { Ref: 'AWS::Region' }, 'Key'] },
      E: { 'Fn::If': ['Cond', { 'Fn::Join': [',', ['a', 'b']] }, { Ref: 'AWS::NoValue' }] },
      F: { Condition: 'IsProd' },
    });
  });

  test('refuses a malformed !GetAtt and duplicate keys', () => {
    expect(() => parseCfnYaml('A: !GetAtt NoDot')).toThrow(/expected <LogicalId>\.<Attribute>/);
    expect(() => parseCfnYaml('A: 1\nA: 2')).toThrow();
  });

  test('loadCfnTemplate reads a file and refuses a document without Resources', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cfn-yaml-'));
    try {
      const good = path.join(dir, 'good.yaml');
      writeFileSync(good, 'Resources:\n  T: {Type: AWS::SNS::Topic}\n');
      expect(loadCfnTemplate(good).Resources.T!.Type).toBe('AWS::SNS::Topic');
      const bad = path.join(dir, 'bad.yaml');
      writeFileSync(bad, 'Parameters: {}\n');
      expect(() => loadCfnTemplate(bad)).toThrow(/no Resources section/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
