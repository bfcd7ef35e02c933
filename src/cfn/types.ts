/** Values known only at deploy time, supplied by the caller (CLI flags or the Hook context). */
export interface ResolveContext {
  accountId: string;
  region: string;
  partition: string;
  /** Unknown (`AWS::StackName` unresolved) unless the caller knows the stack's name (`--stack-name`, the Hook's request). */
  stackName?: string;
  /** Unknown (`AWS::StackId` unresolved) unless the caller has the real stack ARN: it holds a UUID made at creation. */
  stackId?: string;
  /** Template parameter values, as `--parameter-overrides K=V` gives them (lists comma-separated). */
  parameterOverrides: Record<string, string>;
}

export interface StackResource {
  logicalId: string;
  type: string;
  /** 1-based line of the logical ID key. */
  line: number;
  /** Raw `Properties` with intrinsics in long form; undefined when the resource has none. */
  properties: unknown;
  /** Name of the resource-level `Condition`, if any. */
  condition?: string;
  /**
   * `DeletionPolicy` as written: `Delete`, `Retain`, `RetainExceptOnCreate`, `Snapshot`, or
   * (with AWS::LanguageExtensions) an intrinsic in long form; undefined when absent.
   */
  deletionPolicy?: unknown;
  /** `UpdateReplacePolicy` as written (what happens to the old resource when an update replaces it). */
  updateReplacePolicy?: unknown;
}

/** A declared template parameter, as written (defaults are not interpreted until resolution). */
export interface TemplateParameter {
  name: string;
  type: string;
  /** `Default` as parsed: usually a string, but YAML may have made it a number, boolean or list. */
  default?: unknown;
  line: number;
  /** `AllowedValues`, as strings. */
  allowedValues?: string[];
  /** `AllowedPattern` (CloudFormation matches the whole value). */
  allowedPattern?: string;
}

/** Line numbers of one resource: its logical ID key, and each value keyed by JSON Pointer relative to `Properties`. */
export interface ResourceLines {
  line: number;
  pointers: ReadonlyMap<string, number>;
}

export interface StackTemplate {
  file: string;
  resources: StackResource[];
  parameters: ReadonlyMap<string, TemplateParameter>;
  /** `Mappings` section as parsed (empty object when absent). */
  mappings: Record<string, unknown>;
  /** `Conditions` section as parsed, long-form expressions (empty object when absent). */
  conditions: Record<string, unknown>;
  /** Names from the `Transform` section (e.g. AWS::Serverless-2016-10-31); macros are not expanded. */
  transforms: string[];
  lines: ReadonlyMap<string, ResourceLines>;
  /** Line of each value of the `Conditions` section, keyed by JSON Pointer relative to it (`/IsProd/Fn::Equals/0`). */
  conditionLines?: ReadonlyMap<string, number>;
  /** The whole document as parsed, and the line of each value by pointer from its root (for transforms such as Fn::ForEach). */
  document?: { readonly root: Readonly<Record<string, unknown>>; readonly lines: ReadonlyMap<string, number> };
  /** The AWS::LanguageExtensions transform has been applied (resources and conditions are its output). */
  expanded?: boolean;
}

export interface ResolvedResource {
  logicalId: string;
  type: string;
  line: number;
  /** Properties with every resolvable intrinsic replaced by its value; the rest left in long form. */
  properties: unknown;
  /** Pointers (into `properties`) of values left unresolved, in document order, no descendants of listed paths. */
  unresolved: string[];
  /** The resource's `Condition` is known to be false: CloudFormation would not create it. */
  conditionFalse: boolean;
  /**
   * Where a pointer into the resolved `properties` differs from the same value's pointer in the
   * raw template (an `Fn::If` branch was chosen, an `AWS::NoValue` shifted array items), the raw
   * pointer, keyed by the resolved one. `lineOf(..., resolved)` uses it to find exact lines.
   */
  sourcePointers: Record<string, string>;
  /**
   * Conditions of `Fn::If`s in the properties that cannot be decided locally (they depend
   * on a parameter without default or override), in document order. Those values are
   * listed in `unresolved`; resolving again with `conditionOverrides` picks a branch.
   */
  undecidedConditions: string[];
  /** `DeletionPolicy`, resolved; undefined when absent or not known locally. */
  deletionPolicy?: string;
}
