/** CloudFormation stack templates: reading (JSON/YAML, short-form tags, line numbers) and local intrinsic resolution. */
export * from './errors';
export type { ResolveContext, ResolvedResource, ResourceLines, StackResource, StackTemplate, TemplateParameter } from './types';
export { parseStackTemplate, readStackTemplate } from './parse';
export { resolveResource, type ResolveOptions } from './resolve';
export { checkReferences } from './references';
export { describeChoices, MAX_BRANCHES, resolveBranches, type Branches, type ResolvedBranch } from './branches';
export { lineOf, sourcePointer } from './lines';
export { defaultStackId, urlSuffix } from './pseudo';
export { conditionValue } from './evaluate';
export { escapeToken, unescapeToken, childPointer, pointerTokens } from './pointer';
export { SHORT_FORM_KEYS } from './yaml-tags';
export { macrosOf, prepareStack, UNDERSTOOD_TRANSFORMS, type NotJudged, type PreparedStack } from './prepare';
export { expandLanguageExtensions, LANGUAGE_EXTENSIONS } from './language-extensions';
