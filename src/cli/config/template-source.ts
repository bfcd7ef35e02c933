import type { Origin } from './apply';

interface SourceOptions {
  templates?: string;
  bucket?: string;
  prefix?: string;
  'bucket-region'?: string;
}

/** Nearer wins: a flag, then the command's own section of the config file, then its top level. */
function rank(origin: Origin): number {
  if (origin.kind === 'flag') return 3;
  if (origin.kind === 'config') return origin.section ? 2 : 1;
  return 0;
}

/**
 * `templates` and `bucket` answer one question for validate: where the templates are. A
 * config file may hold both (publish needs the bucket, validate the folder: README's example
 * does), and a flag must be able to override the file's answer. So the nearer one wins
 * (`templates` at equal distance in the file), and the loser's companions from the file
 * (`prefix`, `bucket-region`) go with it. Both given as flags is still the user's conflict.
 */
export function chooseTemplateSource<V extends SourceOptions>(values: V, origin: (name: string) => Origin): V {
  const out: V = { ...values };
  const fromFile = (name: keyof SourceOptions) => origin(name).kind === 'config';
  if (out.templates !== undefined && out.bucket !== undefined) {
    const templates = rank(origin('templates'));
    const bucket = rank(origin('bucket'));
    if (templates === 3 && bucket === 3) return out;
    if (bucket > templates) delete out.templates;
    else delete out.bucket;
  }
  if (out.bucket === undefined) {
    if (fromFile('prefix')) delete out.prefix;
    if (fromFile('bucket-region')) delete out['bucket-region'];
  }
  return out;
}
