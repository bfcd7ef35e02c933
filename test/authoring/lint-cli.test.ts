import { FIXTURES, runCli } from './run-cli';

describe('rcfge lint', () => {
  it('passes the baseline templates against the registry schemas, without a warning (a clean lint is clean)', async () => {
    // Act
    const result = await runCli(['lint', 'templates']);
    const withParams = await runCli(['lint', 'templates', '--params-file', 'templates/parameters.example.json']);
    // Assess
    expect(result.stdout).toMatch(/ 0 error\(s\), 0 warning\(s\)/);
    expect(result.code).toBe(0);
    expect(withParams.stdout).toMatch(/ 0 error\(s\), 0 warning\(s\)/);
    expect(withParams.code).toBe(0);
  });

  it('passes a clean template with placeholders and a declared-open object, listing the declared one', async () => {
    const result = await runCli(['lint', `${FIXTURES}/clean`]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('info [gating] /properties/RedrivePolicy: declared open');
    expect(result.stdout).not.toContain('parameters.example.json');
  });

  it.each([
    ['misspelt-property', /error \[registry-property\] \/properties\/BucketNmae: .*did you mean "BucketName"/],
    ['open-nested', /error \[gating\] \/definitions\/Tag: open schema/],
    ['misspelt-keyword', /error \[keyword\] \/additionalProperty: unknown keyword "additionalProperty" \(did you mean "additionalProperties"\?\)/],
    ['unknown-placeholder', /error \[placeholder\] \/properties\/BucketName\/pattern: unknown placeholder \$<acountID>/],
    ['backtracking-pattern', /error \[pattern\] \/properties\/BucketName\/pattern: pattern "\(a\+\)\+\$": may backtrack catastrophically/],
    ['wrong-file-name', /error \[file-name\] \/typeName: typeName AWS::S3::Bucket must live in aws-s3-bucket.json/],
  ])('exits 1 on %s and names the problem', async (fixture, expected) => {
    // Act
    const result = await runCli(['lint', `${FIXTURES}/${fixture}`]);
    // Assess
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(expected);
  });

  it.each([
    ['invalid-json', /aws-s3-bucket\.json:6:1: error \[json\] \/: not valid JSON at line 6, column 1: /, 1],
    ['required-undefined', /error \[required-undefined\] \/required: required "BucketEncryption" is not defined in "properties" of the closed object: no resource can ever comply/, 1],
    ['typeless-const', /warning \[typeless-const\] \/properties\/PublicAccessBlockConfiguration\/properties\/BlockPublicAcls\/const: .*add "type": "boolean"/, 0],
  ])('reports %s with its position and rule', async (fixture, expected, code) => {
    // Act
    const result = await runCli(['lint', `${FIXTURES}/${fixture}`]);
    // Assess
    expect(result.stdout).toMatch(expected);
    expect(result.code).toBe(code);
  });

  it('checks property names against the built-in registry snapshot without any --schemas (quietly)', async () => {
    const result = await runCli(['lint', `${FIXTURES}/clean`]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });

  it('only warns on read-only registry properties left in a template', async () => {
    const result = await runCli(['lint', `${FIXTURES}/read-only`]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/warning \[read-only\] \/properties\/Arn: \/properties\/Arn is read-only/);
  });

  it('checks property names against --schemas DIR instead of the snapshot when given', async () => {
    // A registry folder whose S3 bucket schema has the property the fixture spells BucketNmae.
    const result = await runCli(['lint', `${FIXTURES}/misspelt-property`, '--schemas', 'test/fixtures/registry']);
    expect(result.stdout).not.toContain('registry-property');
    expect(result.code).toBe(0);
  });

  it('writes JSON findings with file, path, rule, message and severity', async () => {
    const result = await runCli(['lint', `${FIXTURES}/open-nested`, '--format', 'json']);
    const report = JSON.parse(result.stdout);
    expect(report.clean).toBe(false);
    expect(report.findings).toEqual([
      expect.objectContaining({ file: `${FIXTURES}/open-nested/aws-s3-bucket.json`, path: '/definitions/Tag', rule: 'gating', severity: 'error' }),
    ]);
  });

  it('writes SARIF 2.1.0 with one result per finding', async () => {
    const result = await runCli(['lint', `${FIXTURES}/misspelt-keyword`, '--format', 'sarif']);
    const log = JSON.parse(result.stdout);
    expect(log.version).toBe('2.1.0');
    expect(log.runs[0].results.map((r: { ruleId: string; level: string }) => `${r.ruleId}:${r.level}`)).toEqual(['keyword:error', 'gating:error']);
  });

  it.each([
    [['lint'], /expected at least one templates folder, file or glob/],
    [['lint', 'no-such-dir'], /^rcfge lint: cannot read no-such-dir: file not found$/],
    [['lint', 'templates', '--format', 'xml'], /--format must be one of text, json, sarif, junit, github, not "xml"/],
    [['lint', 'templates', '--bogus'], /Unknown option '--bogus'/],
  ])('answers %j with a one-line usage error (exit 2)', async (argv, expected) => {
    const result = await runCli(argv);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(expected);
    expect(result.stderr.split('\n')).toHaveLength(1);
  });

  it('prints help', async () => {
    const result = await runCli(['lint', '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: rcfge lint <templates-dir \| file \| glob>\.\.\./);
  });
});
