import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { defaultStackId, readStackTemplate, resolveResource } from '../../src/cfn';
import { explainTemplate } from '../../src/authoring/explain/explain';
import { checkRuleCoverage, checkRuleIds } from '../../src/authoring/lint/rule-coverage';
import { EngineCaches, Enforcer } from '../../src/engine/enforcer';
import { DEFAULT_RULE_PREFIX, ruleOf } from '../../src/engine/rules/rule';
import { CachingTemplateProvider } from '../../src/store/caching-provider';
import { DirectoryTemplateStore } from '../../src/store/directory-store';
import { runCli } from '../fixtures/validate/cli';
import { corpusContext, loadCorpus } from '../support/corpus';
import { mutate, mutation, runSeed } from '../support/fuzz';
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

/**
 * Rules whose subject is a whole object, so they rightly file an unapproved property inside
 * it: the public access block, default encryption, object ownership, point-in-time recovery,
 * table encryption, subscriptions, and the IAM statement and trust-policy rules.
 */
const WHOLE_OBJECT_RULES = new Set([
  'RCFGE-S3-1', 'RCFGE-S3-2', 'RCFGE-S3-4', 'RCFGE-DYNAMODB-1', 'RCFGE-DYNAMODB-2', 'RCFGE-SNS-2',
  'RCFGE-ROLE-1', 'RCFGE-ROLE-5', 'RCFGE-MANAGEDPOLICY-1', 'RCFGE-ROLEPOLICY-1', 'RCFGE-POLICY-1',
]);

describe('rules sit on what they name', () => {
  it('files an unapproved property under the template\'s gating rule, not under a rule about something else in the same object', async () => {
    // Prepare: every object a template approves, holding one unapproved key
    const provider = new CachingTemplateProvider(new DirectoryTemplateStore(TEMPLATES), { ttlMs: 3_600_000, maxStaleMs: 0 });
    const engine = new Enforcer(provider, { missingTemplateAction: 'FAIL' }, new EngineCaches());
    const misfiled: string[] = [];
    let probed = 0;
    for (const file of templateFiles) {
      const template = JSON.parse(readFileSync(join(TEMPLATES, file), 'utf8')) as Record<string, unknown>;
      const root = ruleOf(template)?.id;
      const explained = explainTemplate(template, file);
      for (const p of explained.properties) {
        if (p.type !== 'object' || p.open !== undefined || p.path.includes('{')) continue;
        const tokens = p.path.split('/').slice(1);
        const properties = tokens.reduceRight<unknown>((inner, token) => (token === '*' ? [inner] : { [token]: inner }), { RcfgeProbe: 'x' }) as Record<string, unknown>;
        const where = `/${tokens.map((t) => (t === '*' ? '0' : t)).join('/')}/RcfgeProbe`;
        // Act
        const verdict = await engine.check({ typeName: explained.typeName, logicalId: 'Probe', operation: 'CREATE', properties }, corpusContext(explained.typeName, 'Probe'));
        // Assess
        const finding = verdict.findings.find((f) => f.path === where && f.keyword === 'additionalProperties');
        if (finding === undefined) continue;
        probed++;
        if (finding.rule !== root && !WHOLE_OBJECT_RULES.has(finding.rule)) misfiled.push(`${file} ${p.path}/RcfgeProbe: [${finding.rule}] ${finding.title}`);
      }
    }
    expect(misfiled).toEqual([]);
    expect(probed).toBeGreaterThan(40);
  });

  it('reports every named rule of every baseline template in some non-compliant example', () => {
    const named = new Set<string>();
    for (const file of templateFiles) {
      const visit = (node: unknown): void => {
        if (node === null || typeof node !== 'object') return;
        const id = Array.isArray(node) ? undefined : ruleOf(node)?.id;
        if (id && !id.endsWith('-0')) named.add(id);
        for (const child of Object.values(node)) visit(child);
      };
      visit(JSON.parse(readFileSync(join(TEMPLATES, file), 'utf8')));
    }
    const shown = new Set(noncompliant.flatMap((file) => [...declaredRules(file).values()].flat()));
    expect([...named].filter((id) => !shown.has(id)).sort()).toEqual([]);
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
      { numRuns: Number(process.env.FUZZ_RUNS ?? 1500), seed: runSeed() },
    );
    expect(findings).toBeGreaterThan(500);
  });
});
