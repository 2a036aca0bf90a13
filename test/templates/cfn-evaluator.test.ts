/** The test evaluator itself: the org simulation will deploy templates through it, so its semantics matter. */
import type { CfnTemplate } from '../support/cfn-yaml';
import { parseCfnYaml } from '../support/cfn-yaml';
import { creationOrder, renderTemplate } from './lib/cfn-evaluator';

const tpl = (yaml: string): CfnTemplate => parseCfnYaml(yaml) as CfnTemplate;
const env = { accountId: '123456789012', region: 'eu-west-1' };

const SAMPLE = tpl(
  `
Parameters:
  Name: {Type: String, AllowedPattern: '^[a-z]+$'}
  Mode: {Type: String, AllowedValues: [a, b], Default: a}
  List: {Type: CommaDelimitedList, AllowedPattern: '^(x|y)?$', Default: ''}
  Count: {Type: Number, MinValue: 1, MaxValue: 5, Default: 2}
Rules:
  NotBoth:
    RuleCondition: !Equals [!Ref Mode, b]
    Assertions:
      - Assert: !Not [!Equals [!Ref Name, forbidden]]
        AssertDescription: Name forbidden with mode b.
Conditions:
  IsB: !Equals [!Ref Mode, b]
  HasList: !Not [!Equals [!Join ['', !Ref List], '']]
  Both: !And [!Condition IsB, !Condition HasList]
Resources:
  Second:
    Type: AWS::SNS::Topic
    Properties:
      Display: !GetAtt First.Arn
      Items: [a, !If [IsB, b, !Ref AWS::NoValue], !Select [1, !Split [',', 'p,q,r']]]
      Maybe: !If [Both, yes, !Ref AWS::NoValue]
  First:
    Type: AWS::SNS::Topic
    Properties:
      Text: !Sub 'arn:\${AWS::Partition}:x:\${AWS::Region}:\${AWS::AccountId}:\${Name}-\${!Literal}-\${AWS::StackName}'
  Third:
    Type: AWS::SNS::Topic
    Condition: IsB
    DependsOn: Second
Outputs:
  Out: {Value: !Sub ['\${A}/\${Count}', {A: !Ref Second}]}
  OnlyB: {Condition: IsB, Value: !Ref Third}
`,
);

describe('cfn-evaluator', () => {
  test('evaluates parameters, conditions, Sub, GetAtt, If with NoValue, Select/Split, outputs', () => {
    const stack = renderTemplate(SAMPLE, { env, parameters: { Name: 'abc' } });
    expect(stack.parameters).toEqual({ Name: 'abc', Mode: 'a', List: [''], Count: '2' });
    expect(stack.conditions).toEqual({ IsB: false, HasList: false, Both: false });
    expect(stack.resources.map((r) => r.logicalId)).toEqual(['First', 'Second']);
    expect(stack.resources[0].properties.Text).toBe('arn:aws:x:eu-west-1:123456789012:abc-${Literal}-test-stack');
    expect(stack.resources[1].properties).toEqual({ Display: 'First.Arn', Items: ['a', 'q'] });
    expect(stack.outputs).toEqual({ Out: 'Second-physical-id/2' });
  });

  test('conditions referencing conditions, conditional resources and outputs', () => {
    const stack = renderTemplate(SAMPLE, { env: { ...env, partition: 'aws-cn' }, parameters: { Name: 'abc', Mode: 'b', List: 'x,y' } });
    expect(stack.conditions).toEqual({ IsB: true, HasList: true, Both: true });
    expect(stack.resources.map((r) => r.logicalId)).toEqual(['First', 'Second', 'Third']);
    expect(stack.resources[1].properties).toMatchObject({ Items: ['a', 'b', 'q'], Maybe: 'yes' });
    expect(stack.outputs.OnlyB).toBe('Third-physical-id');
    expect(String(stack.resources[0].properties.Text)).toMatch(/^arn:aws-cn:/);
  });

  test('resolvers supply physical ids and attributes', () => {
    const stack = renderTemplate(SAMPLE, {
      env,
      parameters: { Name: 'abc' },
      resourceRef: (id, type) => `${type}/${id}`,
      getAtt: (id, attribute) => `${id}:${attribute}:resolved`,
    });
    expect(stack.resources[1].properties.Display).toBe('First:Arn:resolved');
    expect(stack.outputs.Out).toBe('AWS::SNS::Topic/Second/2');
  });

  test.each([
    [{}, /Name has no value/],
    [{ Name: 'ABC' }, /AllowedPattern/],
    [{ Name: 'abc', Mode: 'c' }, /not one of a, b/],
    [{ Name: 'abc', List: 'x,z' }, /'z' does not match/],
    [{ Name: 'abc', Count: '9' }, /MaxValue/],
    [{ Name: 'abc', Count: 'two' }, /not a number/],
    [{ Name: 'abc', Unknown: 'x' }, /Unknown is not declared/],
    [{ Name: 'forbidden', Mode: 'b' }, /Rule NotBoth failed: Name forbidden with mode b/],
  ])('rejects bad parameters like CloudFormation does: %j', (parameters, message) => {
    expect(() => renderTemplate(SAMPLE, { env, parameters: parameters as Record<string, string> })).toThrow(message);
  });

  test('rule functions: Fn::EachMemberIn, Fn::EachMemberEquals and Fn::Contains over list parameters', () => {
    const rules = tpl(`
Parameters:
  Items: {Type: CommaDelimitedList, Default: 'a,b'}
  Same: {Type: CommaDelimitedList, Default: 'x,x'}
Rules:
  Known:
    Assertions:
      - Assert: {'Fn::EachMemberIn': [!Ref Items, [a, b, c]]}
        AssertDescription: Items must be a, b or c.
  AllX:
    RuleCondition: {'Fn::Contains': [!Ref Items, c]}
    Assertions:
      - Assert: !Not [{'Fn::EachMemberEquals': [!Ref Same, y]}]
        AssertDescription: with c, Same must not be all y.
Resources:
  A: {Type: AWS::SNS::Topic}
`);
    expect(renderTemplate(rules, { env, parameters: {} }).resources).toHaveLength(1);
    expect(() => renderTemplate(rules, { env, parameters: { Items: 'a,d' } })).toThrow(/Rule Known failed: Items must be a, b or c/);
    expect(() => renderTemplate(rules, { env, parameters: { Items: 'c', Same: 'y,y' } })).toThrow(/Rule AllX failed/);
    expect(() => renderTemplate(rules, { env, parameters: { Items: 'c', Same: 'x,y' } })).not.toThrow();
    expect(() => renderTemplate(rules, { env, parameters: { Items: 'b', Same: 'y,y' } })).not.toThrow();
  });

  test('orders creation by references and DependsOn and rejects cycles', () => {
    expect(creationOrder(SAMPLE)).toEqual(['First', 'Second', 'Third']);
    const cyclic = tpl(`
Resources:
  A: {Type: AWS::SNS::Topic, Properties: {X: !Ref B}}
  B: {Type: AWS::SNS::Topic, Properties: {X: !Sub '\${A.Arn}'}}
`);
    expect(() => creationOrder(cyclic)).toThrow(/Circular dependency/);
  });

  test('a reference to a resource whose condition is false is an error', () => {
    const t = tpl(`
Parameters: {On: {Type: String, Default: 'no'}}
Conditions: {IsOn: !Equals [!Ref On, 'yes']}
Resources:
  A: {Type: AWS::SNS::Topic, Condition: IsOn}
  B: {Type: AWS::SNS::Topic, Properties: {X: !Ref A}}
`);
    expect(() => renderTemplate(t, { env, parameters: {} })).toThrow(/condition IsOn is false/);
  });
});
