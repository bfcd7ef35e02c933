import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { defaultStackId, readStackTemplate, resolveResource } from '../../src/cfn';
import { checkRuleCoverage, checkRuleIds } from '../../src/authoring/lint/rule-coverage';
import { EngineCaches, Enforcer } from '../../src/engine/enforcer';
import { DEFAULT_RULE_PREFIX, ruleOf } from '../../src/engine/rules/rule';
import { CachingTemplateProvider } from '../../src/store/caching-provider';
import { DirectoryTemplateStore } from '../../src/store/directory-store';
import { runCli } from '../fixtures/validate/cli';
import { corpusContext, loadCorpus } from '../support/corpus';
import { mutate, mutation } from '../support/fuzz';
import { ROOT } from '../support/paths';
import { ACCOUNT, BothFaces, REGION } from './support/both-faces';

/**
 * Issue 10: every constraint of every baseline template carries a rule (x-rcfge id, title,
 * remediation), so no finding from a baseline template is reported under the engine's
 * generic `RCFGE.<keyword>`; and each non-compliant example names the rules it breaks
 * (`# Rules:` above the resource), which both faces report.
 */
const TEMPLATES = join(ROOT, 'templates');
const STACKS = join(ROOT, 'examples', 'stacks');
const templateFiles = readdirSync(TEMPLATES).filter((f) => f.startsWith('aws-') && f.endsWith('.json')).sort();
const noncompliant = readdirSync(STACKS).filter((f) => f.endsWith('-noncompliant.yaml')).sort();
const PARAMS_FILE = 'templates/parameters.example.json';

const isDefaultRule = (rule: string): boolean => rule.startsWith(DEFAULT_RULE_PREFIX);

/** `# Rules: A, B` lines, each for the resource declared on the next line. */
function declaredRules(file: string): Map<string, string[]> {
  const lines = readFileSync(join(STACKS, file), 'utf8').split('\n');
  const out = new Map<string, string[]>();
  lines.forEach((line, i) => {
    const rules = /^\s*# Rules: (.+)$/.exec(line)?.[1];
    const logicalId = /^\s{2}([A-Za-z0-9]+):\s*$/.exec(lines[i + 1] ?? '')?.[1];
    if (rules && logicalId) out.set(logicalId, rules.split(',').map((r) => r.trim()).sort());
  });
  return out;
}

describe.each(templateFiles)('templates/%s', (file) => {
  const template = JSON.parse(readFileSync(join(TEMPLATES, file), 'utf8')) as Record<string, unknown>;

  it('has a root rule (its gating rule), every constraint under a rule, one title per id, remediation on every rule', () => {
    const root = ruleOf(template);
    expect(root).toMatchObject({ id: expect.stringMatching(/^RCFGE-[A-Z0-9]+-0$/), title: expect.any(String), remediation: expect.any(String) });
    expect(checkRuleCoverage(template)).toEqual([]);
    expect(checkRuleIds(template)).toEqual([]);
    const missingRemediation: string[] = [];
    const visit = (node: unknown, pointer: string): void => {
      if (node === null || typeof node !== 'object') return;
      const rule = Array.isArray(node) ? undefined : ruleOf(node);
      if (rule && !rule.remediation) missingRemediation.push(`${pointer || '/'} ${rule.id}`);
      for (const [key, child] of Object.entries(node)) visit(child, `${pointer}/${key}`);
    };
    visit(template, '');
    expect(missingRemediation).toEqual([]);
  });

  it('files more than property gating under the root rule only through nested rules (at least one nested rule)', () => {
    const ids = new Set<string>();
    const visit = (node: unknown): void => {
      if (node === null || typeof node !== 'object') return;
      const rule = Array.isArray(node) ? undefined : ruleOf(node);
      if (rule) ids.add(rule.id);
      for (const child of Object.values(node)) visit(child);
    };
    visit(template);
    expect(ids.size).toBeGreaterThan(file === 'aws-ec2-securitygroupegress.json' ? 0 : 1);
  });
});

describe.each(noncompliant)('examples/stacks/%s', (file) => {
  let faces: BothFaces;
  beforeAll(async () => {
    faces = await BothFaces.start();
  });
  afterAll(async () => {
    await faces.close();
  });

  it('names, above each resource, exactly the rules validate reports for it; no finding is under a default rule', async () => {
    // Act
    const run = await runCli(['validate', `examples/stacks/${file}`, '--format', 'json', '--params-file', PARAMS_FILE]);
    const report = JSON.parse(run.stdout) as { resources: Array<{ logicalId: string; status: string; findings: Array<{ rule: string }> }> };
    // Assess
    const declared = declaredRules(file);
    const failed = report.resources.filter((r) => r.status === 'FAIL');
    expect(failed.length).toBeGreaterThan(0);
    for (const resource of failed) {
      const reported = [...new Set(resource.findings.map((f) => f.rule))].sort();
      expect({ logicalId: resource.logicalId, rules: reported }).toEqual({ logicalId: resource.logicalId, rules: declared.get(resource.logicalId) });
      expect(reported.filter(isDefaultRule)).toEqual([]);
    }
    expect([...declared.keys()].sort()).toEqual(failed.map((r) => r.logicalId).sort());
  });

  it('gets the same rules from the Hook handler for each fully known resource', async () => {
    // Prepare: the properties CloudFormation would send, in the account and region validate assumes
    const stack = readStackTemplate(join(STACKS, file));
    const ctx = { accountId: ACCOUNT, region: REGION, partition: 'aws', stackName: 'baseline-test', stackId: defaultStackId({ accountId: ACCOUNT, region: REGION, partition: 'aws', stackName: 'baseline-test' }), parameterOverrides: {} };
    const declared = declaredRules(file);
    const resources = stack.resources.map((r) => resolveResource(stack, r, ctx)).filter((r) => r.unresolved.length === 0);
    expect(resources.length).toBeGreaterThan(0);
    for (const resource of resources) {
      // Act
      const verdict = await faces.hook(resource.logicalId, { type: resource.type, properties: resource.properties });
      // Assess
      const rules = [...new Set(verdict.findings.map((f) => f.rule ?? ''))].sort();
      expect({ logicalId: resource.logicalId, rules }).toEqual({ logicalId: resource.logicalId, rules: declared.get(resource.logicalId) });
    }
  });
});

describe('mutated example resources', () => {
  it('never get a finding without a template rule id', async () => {
    // Prepare: the example resources (compliant and not), mutated the way the engine fuzzers do
    const corpus = loadCorpus();
    const provider = new CachingTemplateProvider(new DirectoryTemplateStore(TEMPLATES), { ttlMs: 3_600_000, maxStaleMs: 0 });
    const engine = new Enforcer(provider, { missingTemplateAction: 'FAIL' }, new EngineCaches());
    let findings = 0;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...corpus), fc.array(mutation, { minLength: 1, maxLength: 3 }), async (resource, mutations) => {
        // Act
        const properties = mutate(resource.properties, mutations);
        const verdict = await engine.check({ typeName: resource.typeName, logicalId: 'Mutated', operation: 'CREATE', properties }, corpusContext(resource.typeName, 'Mutated'));
        // Assess: the engine's own rules only for what no template can judge (input nesting)
        const generic = verdict.findings.filter((f) => isDefaultRule(f.rule) && f.rule !== `${DEFAULT_RULE_PREFIX}input`);
        expect({ type: resource.typeName, generic }).toEqual({ type: resource.typeName, generic: [] });
        findings += verdict.findings.length;
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 1500), seed: Number(process.env.FUZZ_SEED ?? 20261130) },
    );
    expect(findings).toBeGreaterThan(500);
  });
});
