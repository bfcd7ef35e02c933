import { checkRuleCoverage, checkRuleIds } from '../../src/authoring/lint/rule-coverage';
import { templateDir } from '../support/template-dir';
import { runCli } from './run-cli';

const rule = (id: string, title = `Rule ${id}`) => ({ 'x-rcfge': { id, title } });
const closed = (properties: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({ type: 'object', additionalProperties: false, properties, ...extra });

describe('lint: rules on constraints (x-rcfge id)', () => {
  it('says nothing about a template that names no rule', () => {
    expect(checkRuleCoverage({ typeName: 'AWS::SQS::Queue', ...closed({ A: { type: 'string', pattern: '^a$' } }) })).toEqual([]);
  });

  it('warns on each schema whose constraints no rule encloses, once a template names rules', () => {
    const template = {
      typeName: 'AWS::SQS::Queue',
      ...closed({
        Named: { ...rule('ORG-1'), type: 'string', enum: ['a'] },
        Bare: { type: 'string', pattern: '^b$' },
        Shared: { $ref: '#/definitions/Port' },
        Again: { ...rule('ORG-2'), $ref: '#/definitions/Port' },
        Cond: { type: 'integer', if: { minimum: 5 }, then: { ...rule('ORG-3'), maximum: 9 } },
      }),
      definitions: { Port: { type: 'integer', maximum: 100 }, Unused: { const: 1 } },
    };
    const findings = checkRuleCoverage(template);
    expect(findings.map((f) => `${f.severity} ${f.rule} ${f.path}`)).toEqual([
      'warning rule-missing ',
      'warning rule-missing /properties/Bare',
      'warning rule-missing /definitions/Port',
      'warning rule-missing /properties/Cond',
    ]);
    expect(findings[1].message).toMatch(/^"type", "pattern" at \/properties\/Bare are under no "x-rcfge" rule/);
  });

  it('is satisfied by a rule at the top level, which encloses everything', () => {
    expect(checkRuleCoverage({ typeName: 'AWS::SQS::Queue', ...rule('ORG-0'), ...closed({ A: { type: 'string', pattern: '^a$' } }) })).toEqual([]);
  });

  it('warns when one id carries two titles', () => {
    const findings = checkRuleIds(closed({ A: rule('ORG-1', 'One'), B: rule('ORG-1', 'Two'), C: rule('ORG-1', 'One') }));
    expect(findings).toEqual([expect.objectContaining({ rule: 'rule-id', path: '/properties/B/x-rcfge', message: expect.stringMatching(/ORG-1 has the title "Two" here but "One" at \/properties\/A/) })]);
  });

  it('reports a malformed rule as an error through rcfge lint, and a missing rule as a warning', async () => {
    const dir = templateDir({
      'aws-sqs-queue.json': { typeName: 'AWS::SQS::Queue', ...closed({ A: { ...rule('ORG-1'), type: 'string' }, B: { type: 'string', 'x-rcfge': { id: 'ORG-2' } } }) },
      'aws-sns-topic.json': { typeName: 'AWS::SNS::Topic', ...closed({ A: { ...rule('ORG-1'), type: 'string' }, B: { type: 'string', maxLength: 3 } }) },
    });
    try {
      const result = await runCli(['lint', dir.dir]);
      expect(result.stdout).toMatch(/aws-sqs-queue\.json:\d+: error \[compile\] \/: the Hook would refuse this template: "x-rcfge" at \/properties\/B rule ORG-2 needs a "title"/);
      expect(result.stdout).toMatch(/aws-sns-topic\.json:\d+: warning \[rule-missing\] \/properties\/B: "type", "maxLength" at \/properties\/B are under no "x-rcfge" rule/);
      expect(result.code).toBe(1);
    } finally {
      dir.remove();
    }
  });
});
