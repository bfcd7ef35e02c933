import { type Located, describedItems, describedProperties, expand } from '../../authoring/registry-view';
import { closest } from '../../authoring/suggest';
import { pointerTokens } from '../../cfn';
import { openRegistry, type Registry } from '../../registry';

/**
 * Where the official registry schema describes the value at `tokens` (a path into a
 * resource's properties), as the set of schemas that apply there; undefined where the
 * registry leaves the value free-form or the path leaves what it describes.
 */
function officialAt(root: Record<string, unknown>, tokens: readonly string[]): Located[] | undefined {
  let views = expand(root, { node: root, pointer: '' });
  for (const token of tokens) {
    const items = /^\d+$/.test(token) ? describedItems(views) : undefined;
    const next = items ?? describedProperties(root, views)?.get(token);
    if (!next) return undefined;
    views = expand(root, next);
  }
  return views;
}

/** A cut-short name (`VersioningConfig`): the shortest official name that starts with it. */
function completion(name: string, candidates: Iterable<string>): string | undefined {
  if (name.length < 4) return undefined;
  const lower = name.toLowerCase();
  const matches = [...candidates].filter((c) => c.toLowerCase().startsWith(lower));
  return matches.sort((a, b) => a.length - b.length)[0];
}

/**
 * "Not approved" reads as a request to the security team; a name the official schema does
 * not have at all is a typo in the stack. Given a finding's path to an unapproved property,
 * the words that say so (with the closest official name), or undefined when the registry
 * has the name there, describes no properties there, or is not available.
 */
export class TypoFinder {
  private registry: Registry | undefined | null = null;
  private readonly schemas = new Map<string, Record<string, unknown> | undefined>();

  constructor(private readonly open: () => Registry) {}

  private schemaOf(type: string): Record<string, unknown> | undefined {
    if (this.registry === null) {
      try {
        this.registry = this.open();
      } catch {
        this.registry = undefined; // no registry: the template's own words stand
      }
    }
    if (!this.schemas.has(type)) {
      let schema: Record<string, unknown> | undefined;
      try {
        schema = this.registry?.schemaOfType(type);
      } catch {
        schema = undefined;
      }
      this.schemas.set(type, schema);
    }
    return this.schemas.get(type);
  }

  describe(type: string, path: string): string | undefined {
    const tokens = pointerTokens(path);
    const name = tokens.pop();
    if (name === undefined) return undefined;
    const root = this.schemaOf(type);
    if (!root) return undefined;
    const views = officialAt(root, tokens);
    const known = views ? describedProperties(root, views) : undefined;
    if (!known || known.has(name)) return undefined;
    const where = tokens.length === 0 ? type : `${type} at /${tokens.join('/')}`;
    const hint = closest(name, known.keys()) ?? completion(name, known.keys());
    return `\`${name}\` is not a property of ${where}${hint ? ` (did you mean \`${hint}\`?)` : ''}: check the spelling against the resource's documentation`;
  }
}

/** The registry validate uses for these hints: the one `--templates @registry` would use. */
export function typoFinder(cwd: string, env: NodeJS.ProcessEnv): TypoFinder {
  return new TypoFinder(() => openRegistry({ cwd, env }));
}
