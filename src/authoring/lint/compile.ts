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
  /** `--params-file`: compile with these TemplateParameters (the file's name for the message) instead of dummy values. */
  readonly params?: { readonly file: string; readonly values: Readonly<Record<string, string | readonly string[]>> };
}

function finding(message: string, paramsFile?: string): RuleFinding {
  const given = paramsFile === undefined ? '' : ` with the values of ${paramsFile}`;
  return { path: '', rule: 'compile', severity: 'error', message: `the Hook would refuse this template${given}: ${message}` };
}

/**
 * The engine's own path, with a dummy context for the placeholders: the same checks
 * (x-rcfge policy, placeholders, $ref cycles, remote refs, strict keywords, formats,
 * patterns) as at deploy time, so what passes here loads in the Hook.
 */
export function checkCompiles(input: CompileInput): RuleFinding[] {
  try {
    const prepared = prepareTemplate({ file: input.file, location: input.file, body: input.text, etag: 'lint' });
    const context = dummyContext(input.template);
    const params = input.params === undefined ? context.params : { ...context.params, ...input.params.values };
    const schema = substitutePlaceholders(prepared.schema, { ...context, params });
    input.compiler.compile(schema, input.file);
    return [];
  } catch (error) {
    if (error instanceof TemplateError) {
      if (input.keywordsReported && /unknown keyword/.test(error.reason)) return [];
      return [finding(error.reason, input.params?.file)];
    }
    if (error instanceof PlaceholderUsageError) return [finding(error.message, input.params?.file)];
    throw error;
  }
}
