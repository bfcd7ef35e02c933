import type { Node } from './ast';

/**
 * Whether java.util.regex accepts a look-behind body: Pattern's TreeInfo study must find
 * "an obvious maximum length". Java's rules, with its 32-bit arithmetic: `x*` and `x+` on
 * a single character are fine (the maximum becomes Integer.MAX_VALUE), but a repeated
 * group whose body can match in more than one way (a Loop), a backreference, or a maximum
 * that overflows is not.
 */
const MAX_REPS = 0x7fffffff;

interface Info {
  max: number;
  maxValid: boolean;
  deterministic: boolean;
}

const fresh = (): Info => ({ max: 0, maxValid: true, deterministic: true });

/** Curly/GroupCurly.study: the body's maximum times cmax, refused when the 32-bit result wraps. */
function counted(info: Info, body: Info, min: number, max: number): void {
  const cmax = max === Infinity ? MAX_REPS : max;
  if (info.maxValid && body.maxValid) {
    const total = (Math.imul(body.max, cmax) + info.max) | 0;
    if (total < info.max) info.maxValid = false;
    info.max = total;
  } else {
    info.maxValid = false;
  }
  info.deterministic = body.deterministic && min === max && info.deterministic;
}

function study(node: Node, info: Info): void {
  switch (node.kind) {
    case 'chars':
      info.max = (info.max + 1) | 0;
      return;
    case 'seq':
      node.items.forEach((item) => study(item, info));
      return;
    case 'alt': {
      // Branch: each alternative alone, the longest counts, never deterministic.
      let longest = -1;
      let valid = info.maxValid;
      for (const branch of node.branches) {
        const b = fresh();
        study(branch, b);
        longest = Math.max(longest, b.max);
        valid = valid && b.maxValid;
      }
      info.max = (info.max + longest) | 0;
      info.maxValid = valid;
      info.deterministic = false;
      return;
    }
    case 'group':
    case 'atomic':
      study(node.body, info);
      return;
    case 'backref':
      info.maxValid = false;
      return;
    case 'repeat':
      studyRepeat(node, info);
      return;
    default:
      return; // anchors, boundaries, lookarounds: zero width
  }
}

function studyRepeat(node: Extract<Node, { kind: 'repeat' }>, info: Info): void {
  const body = fresh();
  study(node.body, body);
  if (node.min === 0 && node.max === 1 && node.mode !== 'possessive') {
    // Ques (or a Branch for a group): the body's maximum, not deterministic.
    info.max = (info.max + body.max) | 0;
    info.maxValid = info.maxValid && body.maxValid;
    info.deterministic = false;
    return;
  }
  if (node.body.kind === 'chars' && node.mode === 'greedy' && node.max === Infinity) {
    // CharPropertyGreedy: adds Integer.MAX_VALUE while the maximum is still valid.
    if (info.maxValid) info.max = (info.max + MAX_REPS) | 0;
    info.deterministic = false;
    return;
  }
  const isGroup = node.body.kind === 'group';
  if (isGroup && node.mode !== 'possessive' && !body.deterministic) {
    // A Loop: Java gives up on its length.
    info.maxValid = false;
    info.deterministic = false;
    return;
  }
  counted(info, body, node.min, node.max);
}

export function hasObviousMaximumLength(body: Node): boolean {
  const info = fresh();
  study(body, info);
  return info.maxValid;
}
