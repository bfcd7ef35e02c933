import { clip, describeFinding, MAX_MESSAGE_CHARS } from '../engine/message';
import type { ResourceOutcome, StackFinding } from './outcome';

/** One verdict for a whole stack operation or change set. */
export interface StackVerdict {
  readonly status: 'PASS' | 'FAIL';
  /** `NonCompliant` for violations; the store's code (or `InternalFailure`) when only infrastructure failed. */
  readonly errorCode?: string;
  readonly message: string;
  /** Failing outcomes, most important first; then the rest in template order. */
  readonly outcomes: readonly ResourceOutcome[];
}

/**
 * Most important first: deleting a protected resource (data loss), then violations and
 * unapproved types (what the stack author must change), then templates or a store the
 * Hook could not use (what the security team must fix).
 */
function rank(outcome: ResourceOutcome): number {
  if (outcome.kind === 'delete-denied') return 0;
  if (outcome.kind === 'noncompliant' || outcome.kind === 'not-approved') return 1;
  return 2;
}

const COMPLIANCE_KINDS = new Set(['delete-denied', 'noncompliant', 'not-approved']);

/** `[RULE] Title: /Path (line N) message` (the findings contract); the line of a value when known. */
export function findingText(finding: StackFinding): string {
  return describeFinding(finding, finding.path === '' ? undefined : finding.line);
}

function resourceName(o: ResourceOutcome): string {
  return `${o.logicalId} (${o.type}${o.change === 'REMOVE' ? ', removed' : o.change === 'REPLACE' ? ', replaced' : ''})`;
}

/** A failing resource as a heading and the lines that may follow it, each short enough to share the room. */
interface Block {
  readonly head: string;
  readonly items: readonly string[];
  shown: number;
}

const MAX_ITEM_CHARS = 400;

function blockOf(o: ResourceOutcome): Block {
  if (o.kind !== 'noncompliant') return { head: clip(o.message, 700), items: [], shown: 0 };
  const at = o.line !== undefined ? ` (line ${o.line})` : '';
  return { head: `${o.logicalId} ${o.type}${at}, template ${o.template ?? '?'}`, items: o.findings.map((f) => clip(findingText(f), MAX_ITEM_CHARS)), shown: 0 };
}

function render(block: Block): string {
  const hidden = block.items.length - block.shown;
  const items = block.items.slice(0, block.shown).join('; ');
  const more = hidden > 0 ? `${items ? '; ' : ''}and ${hidden} more` : '';
  return block.items.length === 0 ? block.head : `${block.head}: ${items}${more}`;
}

const SEPARATOR = ' | ';
const MORE_RESERVE = 16;

/**
 * Every failing resource named in the first sentence, then each one's violations: first
 * one line per resource, then the rest in turn while the room lasts, so no resource is
 * crowded out by another's long list.
 */
function failureMessage(subject: string, failing: readonly ResourceOutcome[], judged: number, max: number): string {
  const names = failing.map(resourceName);
  let list = names.join(', ');
  const listMax = Math.floor(max / 3);
  if (list.length > listMax) {
    let kept = 0;
    let used = 0;
    while (kept < names.length && used + names[kept].length + 2 < listMax - 20) used += names[kept++].length + 2;
    list = `${names.slice(0, Math.max(kept, 1)).join(', ')} and ${names.length - Math.max(kept, 1)} more`;
  }
  const header = `${subject}: ${failing.length} of ${judged} judged resource${judged === 1 ? '' : 's'} ${failing.length === 1 ? 'fails' : 'fail'}: ${list}.`;
  const tail = 'Run rcfge validate on the template for the full list.';
  // How to fix takes at most a fifth of the room, and only what it needs; violations get the rest.
  const fix = howToFix(failing, Math.floor(max / 5));
  const blocks = failing.map(blockOf);
  let room = max - header.length - (tail.length + 2) - (fix.length + 2);
  const cost = (text: string) => SEPARATOR.length + text.length + MORE_RESERVE;
  const detailed: Block[] = [];
  for (const block of blocks) {
    const first = block.items[0];
    const needed = cost(block.head) + (first !== undefined ? first.length + 2 : 0);
    if (needed > room) break;
    room -= needed;
    block.shown = first !== undefined ? 1 : 0;
    detailed.push(block);
  }
  for (let progress = true; progress; ) {
    progress = false;
    for (const block of detailed) {
      const next = block.items[block.shown];
      if (next === undefined || next.length + 2 > room) continue;
      room -= next.length + 2;
      block.shown++;
      progress = true;
    }
  }
  const complete = detailed.length === blocks.length && detailed.every((b) => b.shown === b.items.length);
  const body = detailed.map(render).join(SEPARATOR);
  return clip(sentences(`${header}${body ? ` ${body}` : ''}`, fix, complete ? '' : tail), max);
}

/** Joins sentences, adding the full stop a part does not end with. */
function sentences(...parts: string[]): string {
  return parts.filter((p) => p !== '').reduce((text, part) => `${text}${/[.!?]$/.test(text) ? ' ' : '. '}${part}`);
}

const MAX_REMEDY_CHARS = 300;

/**
 * `How to fix: [RULE] remediation; ...`: each broken rule's remediation once (the template's
 * where the rule has none), in the order the violations are listed, as many as `room` allows.
 * Deletions and unapproved types say how to fix in their own lines already.
 */
function howToFix(failing: readonly ResourceOutcome[], room: number): string {
  const seen = new Set<string>();
  const remedies: string[] = [];
  for (const o of failing) {
    if (o.kind !== 'noncompliant') continue;
    for (const f of o.findings) {
      const text = f.remediation ?? o.remediation;
      const key = f.remediation ? f.rule : `template ${o.template ?? ''}`;
      if (!text || seen.has(key)) continue;
      seen.add(key);
      remedies.push(f.remediation ? `[${f.rule}] ${clip(text, MAX_REMEDY_CHARS)}` : `${o.template ?? 'template'}: ${clip(text, MAX_REMEDY_CHARS)}`);
    }
  }
  const lead = 'How to fix: ';
  let text = '';
  for (const remedy of remedies) {
    const next = `${text ? `${text}; ` : ''}${remedy.replace(/\.$/, '')}`;
    if (lead.length + next.length + 1 > room) break;
    text = next;
  }
  return text ? `${lead}${text}.` : '';
}

function passMessage(subject: string, outcomes: readonly ResourceOutcome[]): string {
  const judged = outcomes.filter((o) => o.status === 'PASS').length;
  const skipped = outcomes.filter((o) => o.status === 'SKIP');
  const notJudged = skipped.length > 0 ? `; ${skipped.length} not judged here (${skipped.slice(0, 3).map((o) => o.message).join('; ')}${skipped.length > 3 ? '; ...' : ''})` : '';
  return `${subject}: ${judged === 0 ? 'no resource to judge' : `all ${judged} judged resource${judged === 1 ? '' : 's'} comply`}${notJudged}.`;
}

/**
 * The one verdict for a stack operation or change set: FAILED when any resource fails,
 * with every failing resource named and its violations listed, most important first,
 * within `max` characters (the console shows 4,096).
 */
export function stackVerdict(subject: string, outcomes: readonly ResourceOutcome[], max = MAX_MESSAGE_CHARS): StackVerdict {
  const failing = outcomes
    .map((o, index) => ({ o, index }))
    .filter(({ o }) => o.status === 'FAIL')
    .sort((a, b) => rank(a.o) - rank(b.o) || a.index - b.index)
    .map(({ o }) => o);
  if (failing.length === 0) return { status: 'PASS', message: clip(passMessage(subject, outcomes), max), outcomes };
  const judged = outcomes.filter((o) => o.status !== 'SKIP').length;
  const compliance = failing.some((o) => COMPLIANCE_KINDS.has(o.kind));
  const errorCode = compliance ? 'NonCompliant' : (failing.find((o) => o.errorCode)?.errorCode ?? 'InternalFailure');
  const rest = outcomes.filter((o) => o.status !== 'FAIL');
  return { status: 'FAIL', errorCode, message: failureMessage(subject, failing, judged, max), outcomes: [...failing, ...rest] };
}
