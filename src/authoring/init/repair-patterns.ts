import { joinPointer } from '../../engine/pointer';
import { judgePattern } from '../lint/patterns';
import { everySchema, isRecord } from '../../engine/schema-walk';
import { type Repair, annotate } from './repair';

/**
 * Registry patterns the engine refuses (invalid, or unsafe and beyond RE2) or that lint
 * rejects as exponential are dropped: the property then accepts any string there, which
 * is what the registry's own provider effectively checks. Each drop is noted in a
 * `$comment` and reported.
 */
export function repairPatterns(template: unknown): Repair[] {
  const repairs: Repair[] = [];
  everySchema(template, (node, pointer) => {
    if (!isRecord(node)) return;
    if (typeof node.pattern === 'string') {
      const verdict = judgePattern(node.pattern);
      if (verdict?.severity === 'error') {
        const note = `rcfge init dropped the registry pattern ${JSON.stringify(node.pattern)}: ${verdict.message}.`;
        delete node.pattern;
        annotate(node, note);
        repairs.push({ pointer: joinPointer(pointer, 'pattern'), message: note });
      }
    }
    if (isRecord(node.patternProperties)) {
      for (const key of Object.keys(node.patternProperties)) {
        const verdict = judgePattern(key);
        if (verdict?.severity !== 'error') continue;
        const note = `rcfge init dropped the registry patternProperties entry ${JSON.stringify(key)}: ${verdict.message}.`;
        delete node.patternProperties[key];
        annotate(node, note);
        repairs.push({ pointer: joinPointer(joinPointer(pointer, 'patternProperties'), key), message: note });
      }
      if (Object.keys(node.patternProperties).length === 0) delete node.patternProperties;
    }
  });
  return repairs;
}
