import type { SchemaCompiler } from '../../engine/compiler';
import { PlaceholderUsageError, TemplateError } from '../../engine/errors';
import { substitutePlaceholders } from '../../engine/placeholders';
import { prepareTemplate } from '../../engine/template';
import { dummyContext } from './dummy-context';
import type { RuleFinding } from './finding';

export interface CompileInput {
  readonly file: string;
  readonly text: string;
  readonly template: Record<string, unknown>;
  readonly compiler: SchemaCompiler;
  /** The keyword rule already named every unknown keyword; ajv's own message would repeat one of them. */
  readonly keywordsReported: boolean;
}

function finding(message: string): RuleFinding {
  return { path: '', rule: 'compile', severity: 'error', message: `the Hook would refuse this template: ${message}` };
}

/**
 * The engine's own path, with a dummy context for the placeholders: the same checks
 * (x-rcfge policy, placeholders, $ref cycles, remote refs, strict keywords, formats,
 * patterns) as at deploy time, so what passes here loads in the Hook.
 */
export function checkCompiles(input: CompileInput): RuleFinding[] {
  try {
    const prepared = prepareTemplate({ file: input.file, location: input.file, body: input.text, etag: 'lint' });
    const schema = substitutePlaceholders(prepared.schema, dummyContext(input.template));
    input.compiler.compile(schema, input.file);
    return [];
  } catch (error) {
    if (error instanceof TemplateError) {
      if (input.keywordsReported && /unknown keyword/.test(error.reason)) return [];
      return [finding(error.reason)];
    }
    if (error instanceof PlaceholderUsageError) return [finding(error.message)];
    throw error;
  }
}
