import { parseArgs, type ParseArgsConfig } from 'node:util';
import { closest } from '../authoring/suggest';
import { UsageError } from './command';

type Options = NonNullable<ParseArgsConfig['options']>;

/** node:util parseArgs, with its errors turned into usage errors that name the command. */
export function parseCommandArgs<T extends Options>(command: string, args: string[], options: T) {
  try {
    return parseArgs({ args, options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
  } catch (error) {
    const message = (error as Error).message.replace(/\. To specify a positional argument.*$/s, '');
    const unknown = /^Unknown option '(--[^']+)'/.exec(message)?.[1];
    if (!unknown && !message.startsWith('Unknown option')) throw new UsageError(`${command}: ${message}`);
    const hint = unknown === undefined ? undefined : closest(unknown, Object.keys(options).map((name) => `--${name}`));
    const name = command.split(' ')[0];
    throw new UsageError(`${command}: ${message}${hint ? ` (did you mean "${hint}"?)` : ''}; rcfge ${name} --help lists the options`);
  }
}

/** `NAME=VALUE` pairs of a repeatable flag. */
export function keyValues(flag: string, values: readonly string[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of values ?? []) {
    const eq = item.indexOf('=');
    if (eq <= 0) throw new UsageError(`${flag} expects NAME=VALUE, got ${JSON.stringify(item)}`);
    out[item.slice(0, eq)] = item.slice(eq + 1);
  }
  return out;
}
