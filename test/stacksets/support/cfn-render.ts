/**
 * Renders a parsed template the way CloudFormation would for one set of inputs:
 * parameters (defaults + overrides), pseudo parameters, and, for what only exists
 * at deploy time, test-supplied physical IDs (Ref to a resource) and attributes
 * (GetAtt). Anything the test did not supply is an error, never a guess, so a
 * template change that introduces a new reference makes the test say so.
 */
import type { CfnTemplate } from './cfn-yaml';

export class RenderError extends Error {
  constructor(readonly where: string, message: string) {
    super(`${where}: ${message}`);
    this.name = 'RenderError';
  }
}

/** A template Rule's assertion is false: CloudFormation refuses the stack before touching any resource. */
export class RuleAssertionError extends Error {
  constructor(readonly rule: string, readonly description: string) {
    super(`Rules.${rule}: ${description}`);
    this.name = 'RuleAssertionError';
  }
}

export type RenderInputs = {
  accountId: string;
  region: string;
  partition?: string;
  stackName?: string;
  parameters?: Record<string, string>;
  /** Value of `Ref` to a resource, by logical ID. */
  physicalIds?: Record<string, string>;
  /** Value of `Fn::GetAtt`, keyed "LogicalId.Attribute". */
  attributes?: Record<string, string>;
};

export type RenderedResource = { Type: string; Properties: Record<string, unknown> };
export type RenderedTemplate = {
  parameters: Record<string, string | string[]>;
  conditions: Record<string, boolean>;
  resources: Record<string, RenderedResource>;
};

const NO_VALUE = Symbol('AWS::NoValue');

type Scope = {
  template: CfnTemplate;
  inputs: RenderInputs;
  parameters: Record<string, string | string[]>;
  conditionOf: (name: string, where: string) => boolean;
};

function resolveParameters(template: CfnTemplate, overrides: Record<string, string>): Record<string, string | string[]> {
  const declared = template.Parameters ?? {};
  for (const name of Object.keys(overrides)) {
    if (!(name in declared)) throw new RenderError(`Parameters.${name}`, 'override for an undeclared parameter');
  }
  const values: Record<string, string | string[]> = {};
  for (const [name, decl] of Object.entries(declared)) {
    const raw = name in overrides ? overrides[name] : decl.Default === undefined ? undefined : String(decl.Default);
    if (raw === undefined) throw new RenderError(`Parameters.${name}`, 'no value and no default');
    // For a CommaDelimitedList, CloudFormation checks AllowedValues item by item.
    const items = decl.Type === 'CommaDelimitedList' ? raw.split(',') : [raw];
    const refused = decl.AllowedValues ? items.find((item) => !decl.AllowedValues!.map(String).includes(item)) : undefined;
    if (refused !== undefined) {
      throw new RenderError(`Parameters.${name}`, `"${refused}" is not one of ${decl.AllowedValues!.join(', ')}`);
    }
    // CloudFormation matches AllowedPattern against the whole value.
    if (decl.AllowedPattern !== undefined && !new RegExp(`^(?:${decl.AllowedPattern})$`).test(raw)) {
      throw new RenderError(`Parameters.${name}`, `"${raw}" does not match ${decl.AllowedPattern}`);
    }
    // An empty CommaDelimitedList is one empty item in CloudFormation (the
    // `!Select [0, !Ref List]` = '' idiom relies on it), not an empty list.
    values[name] = decl.Type === 'CommaDelimitedList' ? raw.split(',') : raw;
  }
  return values;
}

function pseudo(name: string, inputs: RenderInputs): string | undefined {
  const partition = inputs.partition ?? 'aws';
  switch (name) {
    case 'AWS::AccountId': return inputs.accountId;
    case 'AWS::Region': return inputs.region;
    case 'AWS::Partition': return partition;
    case 'AWS::URLSuffix': return partition === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com';
    case 'AWS::StackName': return inputs.stackName ?? 'test-stack';
    default: return undefined;
  }
}

function ref(name: string, scope: Scope, where: string): unknown {
  if (name === 'AWS::NoValue') return NO_VALUE;
  const fromPseudo = pseudo(name, scope.inputs);
  if (fromPseudo !== undefined) return fromPseudo;
  if (name in scope.parameters) return scope.parameters[name];
  if (name in scope.template.Resources) {
    const id = scope.inputs.physicalIds?.[name];
    if (id === undefined) throw new RenderError(where, `Ref ${name}: no physical ID supplied by the test`);
    return id;
  }
  throw new RenderError(where, `Ref to unknown name ${name}`);
}

function getAtt(logicalId: string, attribute: string, scope: Scope, where: string): string {
  if (!(logicalId in scope.template.Resources)) throw new RenderError(where, `GetAtt of unknown resource ${logicalId}`);
  const value = scope.inputs.attributes?.[`${logicalId}.${attribute}`];
  if (value === undefined) throw new RenderError(where, `GetAtt ${logicalId}.${attribute}: no value supplied by the test`);
  return value;
}

function asString(value: unknown, where: string): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new RenderError(where, `expected a string, got ${JSON.stringify(value)}`);
}

function sub(args: unknown, scope: Scope, where: string): string {
  const [text, rawVars] = Array.isArray(args) ? args : [args, {}];
  const vars = resolve(rawVars ?? {}, scope, `${where}/vars`) as Record<string, unknown>;
  return asString(text, where).replace(/\$\{([^}]*)\}/g, (_match, name: string) => {
    if (name.startsWith('!')) return `\${${name.slice(1)}}`;
    if (name in vars) return asString(vars[name], `${where}/\${${name}}`);
    const dot = name.indexOf('.');
    if (dot > 0 && !name.startsWith('AWS::')) return getAtt(name.slice(0, dot), name.slice(dot + 1), scope, where);
    return asString(ref(name, scope, where), `${where}/\${${name}}`);
  });
}

function condition(name: string, scope: Scope, where: string): boolean {
  return scope.conditionOf(name, where);
}

function call(fn: string, args: unknown, scope: Scope, where: string): unknown {
  const list = (value: unknown): unknown[] => {
    if (!Array.isArray(value)) throw new RenderError(where, `${fn} needs a list`);
    return value;
  };
  switch (fn) {
    case 'Ref': return ref(asString(args, where), scope, where);
    case 'Condition': return condition(asString(args, where), scope, where);
    case 'Fn::GetAtt': {
      const [logicalId, attribute] = list(args).map((part) => asString(part, where));
      return getAtt(logicalId, attribute, scope, where);
    }
    case 'Fn::Sub': return sub(args, scope, where);
    case 'Fn::Join': {
      const [separator, items] = list(args);
      return list(resolve(items, scope, where)).map((item) => asString(item, where)).join(asString(separator, where));
    }
    case 'Fn::Split': {
      const [separator, source] = list(args);
      return asString(resolve(source, scope, where), where).split(asString(separator, where));
    }
    case 'Fn::Select': {
      const [index, items] = list(args);
      return list(resolve(items, scope, where))[Number(resolve(index, scope, where))];
    }
    case 'Fn::If': {
      const [name, whenTrue, whenFalse] = list(args);
      return resolve(condition(asString(name, where), scope, where) ? whenTrue : whenFalse, scope, where);
    }
    case 'Fn::Equals': {
      const [a, b] = list(args).map((item) => resolve(item, scope, where));
      return JSON.stringify(a) === JSON.stringify(b);
    }
    case 'Fn::Not': return !resolve(list(args)[0], scope, where);
    // Rules only: [list of strings, string].
    case 'Fn::Contains': {
      const [items, item] = list(args).map((arg) => resolve(arg, scope, where));
      return list(items).map((value) => asString(value, where)).includes(asString(item, where));
    }
    case 'Fn::And': return list(args).every((item) => resolve(item, scope, where) === true);
    case 'Fn::Or': return list(args).some((item) => resolve(item, scope, where) === true);
    default: throw new RenderError(where, `${fn} is not supported by the test renderer`);
  }
}

function isIntrinsic(value: Record<string, unknown>): string | undefined {
  const keys = Object.keys(value);
  if (keys.length !== 1) return undefined;
  const [key] = keys;
  return key === 'Ref' || key === 'Condition' || key.startsWith('Fn::') ? key : undefined;
}

function resolve(value: unknown, scope: Scope, where: string): unknown {
  if (Array.isArray(value)) {
    return value.map((item, i) => resolve(item, scope, `${where}/${i}`)).filter((item) => item !== NO_VALUE);
  }
  if (typeof value !== 'object' || value === null) return value;
  const record = value as Record<string, unknown>;
  const fn = isIntrinsic(record);
  if (fn) return call(fn, record[fn], scope, where);
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(record)) {
    const resolved = resolve(child, scope, `${where}/${key}`);
    if (resolved !== NO_VALUE) out[key] = resolved;
  }
  return out;
}

function checkRules(template: CfnTemplate, scope: Scope): void {
  for (const [name, rule] of Object.entries(template.Rules ?? {})) {
    const where = `Rules.${name}`;
    if (rule.RuleCondition !== undefined && resolve(rule.RuleCondition, scope, `${where}.RuleCondition`) !== true) continue;
    rule.Assertions.forEach((assertion, i) => {
      if (resolve(assertion.Assert, scope, `${where}.Assertions/${i}`) !== true) {
        throw new RuleAssertionError(name, assertion.AssertDescription ?? `assertion ${i} failed`);
      }
    });
  }
}

export function renderTemplate(template: CfnTemplate, inputs: RenderInputs): RenderedTemplate {
  const bodies = template.Conditions ?? {};
  const conditions: Record<string, boolean> = {};
  const evaluating = new Set<string>();
  // Conditions may refer to each other (!Condition), in any order: evaluate on demand.
  const conditionOf = (name: string, where: string): boolean => {
    if (name in conditions) return conditions[name];
    if (!(name in bodies)) throw new RenderError(where, `unknown condition ${name}`);
    if (evaluating.has(name)) throw new RenderError(where, `circular condition ${name}`);
    evaluating.add(name);
    conditions[name] = resolve(bodies[name], scope, `Conditions.${name}`) === true;
    return conditions[name];
  };
  const scope: Scope = { template, inputs, parameters: resolveParameters(template, inputs.parameters ?? {}), conditionOf };
  checkRules(template, scope);
  for (const name of Object.keys(bodies)) conditionOf(name, `Conditions.${name}`);

  const resources: Record<string, RenderedResource> = {};
  for (const [logicalId, resource] of Object.entries(template.Resources)) {
    if (resource.Condition && !conditionOf(resource.Condition, `Resources.${logicalId}`)) continue;
    const properties = resolve(resource.Properties ?? {}, scope, `Resources.${logicalId}.Properties`);
    resources[logicalId] = { Type: resource.Type, Properties: properties as Record<string, unknown> };
  }
  return { parameters: scope.parameters, conditions, resources };
}
