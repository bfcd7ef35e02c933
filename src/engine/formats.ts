import type Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { isIPv4, isIPv6 } from 'node:net';

function ipv4Network(value: string): boolean {
  const [address, bits, ...rest] = value.split('/');
  return rest.length === 0 && isIPv4(address) && /^(?:[0-9]|[12][0-9]|3[0-2])$/.test(bits ?? '');
}

function ipv6Network(value: string): boolean {
  const [address, bits, ...rest] = value.split('/');
  return rest.length === 0 && isIPv6(address) && /^(?:[0-9]|[1-9][0-9]|1[01][0-9]|12[0-8])$/.test(bits ?? '');
}

/**
 * Format names the registry uses without a checkable definition. They stay annotations;
 * any other unknown format remains a strict-mode error so a typo is caught.
 */
const REGISTRY_ANNOTATION_FORMATS = ['json', 'timestamp', 'string'];

/** `AWS::EC2::Subnet.Id`-style formats name the resource an ID refers to: documentation, not a check. */
const RESOURCE_REFERENCE_FORMAT = /^AWS::[A-Za-z0-9]+::[A-Za-z0-9]+\.[A-Za-z]+$/;

/** A format name as JSON Schema vocabularies spell them. */
const PLAUSIBLE_FORMAT_NAME = /^[A-Za-z][A-Za-z0-9_.:-]*$/;

/** One registry schema puts a regular expression in `format`: registry data, not a typo, and not checked. */
const REGEX_LIKE = /[\\^$()[\]{}*+?|]/;

export function isAnnotationFormat(name: string): boolean {
  return RESOURCE_REFERENCE_FORMAT.test(name) || (!PLAUSIBLE_FORMAT_NAME.test(name) && REGEX_LIKE.test(name));
}

/**
 * A format name with a stray character (`"uri "`, `"date-time,"`) would otherwise be an
 * unchecked annotation: the check its author meant silently disabled. Undefined when fine.
 */
export function formatProblem(name: string): string | undefined {
  if (PLAUSIBLE_FORMAT_NAME.test(name) || isAnnotationFormat(name)) return undefined;
  const meant = name.replace(/[^A-Za-z0-9_.:-]/g, '');
  return `format ${JSON.stringify(name)} has a stray character${meant && meant !== name ? ` (did you mean ${JSON.stringify(meant)}?)` : ''}: a misspelt format would silently disable a check`;
}

export function registerFormats(ajv: Ajv): void {
  addFormats(ajv);
  ajv.addFormat('ipv4-network', { type: 'string', validate: ipv4Network });
  ajv.addFormat('ipv6-network', { type: 'string', validate: ipv6Network });
  for (const name of REGISTRY_ANNOTATION_FORMATS) ajv.addFormat(name, true);
}

/** Registers the resource-reference (and malformed registry) formats a schema uses, before it is compiled. */
export function registerReferenceFormats(ajv: Ajv, schema: unknown): void {
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (node === null || typeof node !== 'object') return;
    for (const [key, child] of Object.entries(node)) {
      if (key === 'format' && typeof child === 'string') {
        const problem = formatProblem(child);
        if (problem) throw new Error(problem);
        if (isAnnotationFormat(child) && !ajv.formats[child]) ajv.addFormat(child, true);
      }
      visit(child);
    }
  };
  visit(schema);
}
