import { defaultStackId, describeChoices, parseStackTemplate, type ResolveContext, resolveBranches, resolveResource, type StackTemplate } from '../../src/cfn';

function context(parameterOverrides: Record<string, string> = {}): ResolveContext {
  const base = { accountId: '111122223333', region: 'eu-west-1', partition: 'aws', stackName: 'app' };
  return { ...base, stackId: defaultStackId(base), parameterOverrides };
}

/** Env has no default: IsProd cannot be decided locally; IsDev follows it. */
const HEAD = 'Parameters:\n  Env: {Type: String}\n  Key: {Type: String}\nConditions:\n  IsProd: !Equals [!Ref Env, prod]\n  IsDev: !Not [!Condition IsProd]\n  HasKey: !Not [!Equals [!Ref Key, ""]]\n';

function stack(properties: string, resourceExtra = ''): StackTemplate {
  return parseStackTemplate(`${HEAD}Resources:\n  R:\n    Type: AWS::Test::Thing\n${resourceExtra}    Properties: ${properties}\n`, 's.yaml');
}

describe('undecidable Fn::If', () => {
  it('lists the undecided condition and leaves the value unresolved', () => {
    const template = stack('{A: !If [IsProd, 1, 2], B: x}');
    const resolved = resolveResource(template, template.resources[0], context());
    expect(resolved.undecidedConditions).toEqual(['IsProd']);
    expect(resolved.unresolved).toEqual(['/A']);
  });

  it('resolves the chosen branch with conditionOverrides, and conditions built on it follow', () => {
    const template = stack('{A: !If [IsProd, 1, 2], B: !If [IsDev, dev, other]}');
    const resolved = resolveResource(template, template.resources[0], context(), { conditionOverrides: { IsProd: false } });
    expect(resolved.properties).toEqual({ A: '2', B: 'dev' });
    expect(resolved.undecidedConditions).toEqual([]);
    expect(resolved.sourcePointers).toEqual({ '/A': '/A/Fn::If/2', '/B': '/B/Fn::If/1' });
  });

  it('records an If nested inside another function', () => {
    const template = stack("{A: !Join ['-', [x, !If [HasKey, !Ref Key, none]]]}");
    expect(resolveResource(template, template.resources[0], context()).undecidedConditions).toEqual(['HasKey']);
  });

  it('gives one branch per combination, without impossible ones for derived conditions', () => {
    // Prepare
    const template = stack('{A: !If [IsProd, 1, 2], B: !If [IsDev, dev, other], C: !If [HasKey, k, !Ref AWS::NoValue]}');
    // Act
    const { branches, unexplored } = resolveBranches(template, template.resources[0], context());
    // Assess: IsDev is decided once IsProd is chosen, so 2 x 2 and not 2 x 2 x 2
    expect(unexplored).toEqual([]);
    expect(branches.map((b) => [describeChoices(b.choices), b.resolved.properties])).toEqual([
      ['IsProd is true, HasKey is true', { A: '1', B: 'other', C: 'k' }],
      ['IsProd is true, HasKey is false', { A: '1', B: 'other' }],
      ['IsProd is false, HasKey is true', { A: '2', B: 'dev', C: 'k' }],
      ['IsProd is false, HasKey is false', { A: '2', B: 'dev' }],
    ]);
  });

  it('gives the plain resolution when nothing is undecided, or when the combinations exceed the limit', () => {
    const decided = stack('{A: !If [IsProd, 1, 2]}');
    expect(resolveBranches(decided, decided.resources[0], context({ Env: 'prod' })).branches).toEqual([{ choices: {}, resolved: expect.objectContaining({ properties: { A: '1' } }) }]);
    const many = stack('{A: !If [IsProd, 1, 2], C: !If [HasKey, k, j]}');
    const capped = resolveBranches(many, many.resources[0], context(), 3);
    expect(capped.branches).toHaveLength(1);
    expect(capped.branches[0].resolved.unresolved).toEqual(['/A', '/C']);
    expect(capped.unexplored).toEqual(['IsProd', 'HasKey']);
  });

  it('takes an undecidable resource Condition as true for the properties (they matter only when it exists)', () => {
    const template = stack('{A: !If [IsProd, prod, other]}', '    Condition: IsProd\n');
    const resolved = resolveResource(template, template.resources[0], context());
    expect(resolved).toMatchObject({ conditionFalse: false, properties: { A: 'prod' }, undecidedConditions: [] });
  });
});

describe('DeletionPolicy', () => {
  it('is exposed as written and resolved (a Ref to a parameter under AWS::LanguageExtensions)', () => {
    const template = parseStackTemplate(
      'Parameters: {Policy: {Type: String, Default: Retain}}\nResources:\n  A: {Type: T, DeletionPolicy: Retain}\n  B: {Type: T, DeletionPolicy: !Ref Policy}\n  C: {Type: T}\n',
      'd.yaml',
    );
    expect(template.resources.map((r) => r.deletionPolicy)).toEqual(['Retain', { Ref: 'Policy' }, undefined]);
    expect(template.resources.map((r) => resolveResource(template, r, context()).deletionPolicy)).toEqual(['Retain', 'Retain', undefined]);
  });
});
