/**
 * The CloudFormation template evaluator (cli/cloudformation/evaluator.ts): plan and start render templates with it and
 * the org simulation deploys through it, so its semantics matter.
 */
import type { CfnTemplate } from '../../../cli/cloudformation/yaml';
import { parseCfnYaml } from '../../../cli/cloudformation/yaml';
import { creationOrder, renderTemplate } from '../../../cli/cloudformation/evaluator';

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

describe('CloudFormation template evaluator', () => {
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

  test('list parameters: members are space-trimmed like CloudFormation does, then checked', () => {
    const t = tpl(`
Parameters:
  Ids: {Type: CommaDelimitedList, AllowedPattern: '^[0-9]{12}$'}
  Subnets: {Type: 'List<AWS::EC2::Subnet::Id>', Default: 'subnet-1 , subnet-2'}
  Text: {Type: String}
Resources:
  A: {Type: AWS::SNS::Topic, Properties: {Ids: !Ref Ids, Subnets: !Ref Subnets, Text: !Ref Text}}
`);
    const stack = renderTemplate(t, { env, parameters: { Ids: '111111111111, 222222222222 ,333333333333', Text: ' kept as is ' } });
    expect(stack.resources[0]!.properties).toEqual({
      Ids: ['111111111111', '222222222222', '333333333333'],
      Subnets: ['subnet-1', 'subnet-2'],
      Text: ' kept as is ',
    });
    // Trimming happens before the constraint check; a member that is wrong after trimming still fails.
    expect(() => renderTemplate(t, { env, parameters: { Ids: '111111111111, 2222', Text: 'x' } })).toThrow(/'2222' does not match/);
  });

  test('Fn::FindInMap resolves from Mappings, with keys computed by Ref and pseudo parameters', () => {
    const t = tpl(`
Parameters:
  Env: {Type: String, AllowedValues: [prod, dev], Default: prod}
Mappings:
  Projects:
    prod: {Code: shop-prod, Accounts: ['222222222222', '333333333333']}
    dev: {Code: shop-dev, Accounts: ['444444444444']}
  RegionNames:
    eu-west-1: {Short: euw1}
Conditions:
  IsShopProd: !Equals [!FindInMap [Projects, !Ref Env, Code], shop-prod]
Resources:
  A:
    Type: AWS::SNS::Topic
    Properties:
      Code: !FindInMap [Projects, !Ref Env, Code]
      Accounts: !FindInMap [Projects, !Ref Env, Accounts]
      Name: !Sub ['\${C}-\${R}', {C: !FindInMap [Projects, !Ref Env, Code], R: !FindInMap [RegionNames, !Ref 'AWS::Region', Short]}]
      Prod: !If [IsShopProd, yes, no]
`);
    expect(renderTemplate(t, { env, parameters: {} }).resources[0]!.properties).toEqual({
      Code: 'shop-prod',
      Accounts: ['222222222222', '333333333333'],
      Name: 'shop-prod-euw1',
      Prod: 'yes',
    });
    expect(renderTemplate(t, { env, parameters: { Env: 'dev' } }).resources[0]!.properties).toMatchObject({
      Code: 'shop-dev',
      Accounts: ['444444444444'],
      Prod: 'no',
    });
    // A key the mapping does not have fails, naming the map and the keys (CloudFormation fails the stack too).
    expect(() => renderTemplate(t, { env: { ...env, region: 'us-east-1' }, parameters: {} })).toThrow(
      /\[RegionNames, us-east-1, Short\]: mapping RegionNames has no value for us-east-1\/Short/,
    );
    const missingMap = tpl(`
Resources:
  A: {Type: AWS::SNS::Topic, Properties: {X: !FindInMap [Nope, a, b]}}
`);
    expect(() => renderTemplate(missingMap, { env, parameters: {} })).toThrow(/no mapping Nope in Mappings/);
    const badShape = tpl(`
Mappings: {M: {a: {b: c}}}
Resources:
  A: {Type: AWS::SNS::Topic, Properties: {X: !FindInMap [M, a]}}
`);
    expect(() => renderTemplate(badShape, { env, parameters: {} })).toThrow(/needs \[MapName, TopLevelKey, SecondLevelKey\]/);
  });
});
