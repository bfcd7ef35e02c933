import { CfnTemplateError, checkReferences, parseStackTemplate, UndefinedReferenceError } from '../../src/cfn';

function thrown(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  return undefined;
}

const HEAD = 'Parameters:\n  Env: {Type: String, Default: dev}\nConditions:\n  IsProd: !Equals [!Ref Env, prod]\n';

/** Line 5 is `Resources:`, 6 the logical ID, 8 `Properties:`, 9 the first property. */
function template(properties: string, extra = ''): ReturnType<typeof parseStackTemplate> {
  return parseStackTemplate(`${HEAD}Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n    Properties:\n      A: 1\n      P: ${properties}\n${extra}`, 'stack.yaml');
}

describe('references that can never resolve (CloudFormation rejects the template)', () => {
  it.each([
    ['!Ref to nothing', '!Ref Undefined', /Ref Undefined: no parameter, resource or pseudo parameter has that name/],
    ['a misspelt pseudo parameter', '!Ref AWS::AccountID', /Ref AWS::AccountID/],
    ['!Sub ${Name} to nothing', "!Sub 'x-${Undefined2}'", /Fn::Sub \$\{Undefined2\}: .*the Fn::Sub variable map does not define it/],
    ['!Sub ${Res.Attr} of a missing resource', "!Sub '${Nope.Arn}/*'", /no resource Nope in the template/],
    ['!GetAtt of a missing resource', '!GetAtt Nope.Arn', /Fn::GetAtt Nope: no resource Nope in the template/],
    ['a long-form GetAtt', "{'Fn::GetAtt': [Nope, Arn]}", /Fn::GetAtt Nope/],
    ['!If on an undeclared condition', '!If [IsPrd, a, b]', /Fn::If IsPrd: no condition IsPrd/],
    ['a reference nested in a list', "[a, {K: !Join ['', [!Ref Missing]]}]", /Ref Missing/],
  ])('%s is a template error at its line', (_label, value, message) => {
    // Act
    const error = thrown(() => checkReferences(template(value)));
    // Assess
    expect(error).toBeInstanceOf(UndefinedReferenceError);
    expect(error).toBeInstanceOf(CfnTemplateError);
    expect((error as Error).message).toMatch(/^stack\.yaml:10: resource Bucket: /);
    expect((error as Error).message).toMatch(message);
  });

  it.each([
    ['a parameter', '!Ref Env'],
    ['a resource', '!Ref Other'],
    ['a pseudo parameter', '!Ref AWS::NoValue'],
    ['a Sub variable, a resource attribute and a pseudo parameter', "!Sub ['${V}-${Other.Arn}-${AWS::Region}-${!Literal}', {V: !Ref Env}]"],
    ['GetAtt of a resource with a dotted attribute', '!GetAtt Other.Endpoint.Address'],
    ['a declared condition', '!If [IsProd, a, !Ref AWS::NoValue]'],
  ])('accepts %s', (_label, value) => {
    expect(thrown(() => checkReferences(template(value, '  Other:\n    Type: AWS::SNS::Topic\n')))).toBeUndefined();
  });

  it('checks the Conditions section (parameters and conditions only) and resource Conditions', () => {
    const inCondition = parseStackTemplate('Conditions:\n  A: !Equals [!Ref Typo, x]\nResources:\n  R: {Type: T}\n', 'c.yaml');
    expect((thrown(() => checkReferences(inCondition)) as Error).message).toMatch(/^c\.yaml:2: condition A: Ref Typo: no parameter or pseudo parameter/);
    const toResource = parseStackTemplate('Conditions:\n  A: !Equals [!Ref R, x]\nResources:\n  R: {Type: T}\n', 'c.yaml');
    expect((thrown(() => checkReferences(toResource)) as Error).message).toMatch(/not to a resource/);
    const chained = parseStackTemplate('Conditions:\n  A: !Not [!Condition B]\nResources:\n  R: {Type: T}\n', 'c.yaml');
    expect((thrown(() => checkReferences(chained)) as Error).message).toMatch(/Condition B: no condition B/);
    const onResource = parseStackTemplate('Resources:\n  R: {Type: T, Condition: Nope}\n', 'c.yaml');
    expect((thrown(() => checkReferences(onResource)) as Error).message).toMatch(/^c\.yaml:2: resource R: Condition Nope/);
  });

  it('does not check a template with a Transform: a macro may add the names', () => {
    const sam = parseStackTemplate('Transform: AWS::Serverless-2016-10-31\nResources:\n  R:\n    Type: T\n    Properties: {A: !GetAtt FnRole.Arn}\n', 's.yaml');
    expect(thrown(() => checkReferences(sam))).toBeUndefined();
  });
});
