import { LIMITS, type LimitExceeded, exceedsStoppedCount } from './limits';

/**
 * The deepest nesting of elements in an XML text, counted without parsing it and stopping as
 * soon as it passes `max` (returns max + 1 then). Comments, CDATA, processing instructions,
 * declarations and quoted attribute values are skipped, so a `>` or `/>` inside them counts
 * for nothing. Parsers and the converters after them walk the tree recursively, so this runs
 * before the XML is parsed, as the JSON count does.
 */
export function xmlNestingDepth(text: string, max: number = LIMITS.xmlNestingDepth): number {
  let depth = 0;
  let deepest = 0;
  let i = text.indexOf('<');
  while (i !== -1) {
    let end: number;
    if (text.startsWith('</', i)) {
      depth--;
      end = text.indexOf('>', i);
    } else if (text.startsWith('<!--', i)) end = after(text, '-->', i + 4);
    else if (text.startsWith('<![CDATA[', i)) end = after(text, ']]>', i + 9);
    else if (text.startsWith('<?', i)) end = after(text, '?>', i + 2);
    else if (text.startsWith('<!', i)) end = declarationEnd(text, i + 2);
    else {
      end = tagEnd(text, i + 1);
      if (end !== -1 && text.charCodeAt(end - 1) !== 0x2f /* "/>" closes itself */) {
        depth++;
        if (depth > deepest) {
          deepest = depth;
          if (deepest > max) return max + 1;
        }
      }
    }
    if (end === -1) break;
    i = text.indexOf('<', end + 1);
  }
  return deepest;
}

/** The nesting limit's refusal for an XML text, or null when it is within. */
export function xmlNestingProblem(text: string): LimitExceeded | null {
  return exceedsStoppedCount('xmlNestingDepth', xmlNestingDepth(text));
}

/** Index of the last character of `terminator` at or after `from`, or -1. */
function after(text: string, terminator: string, from: number): number {
  const at = text.indexOf(terminator, from);
  return at === -1 ? -1 : at + terminator.length - 1;
}

/** Index of the `>` that ends a start tag, skipping quoted attribute values, or -1. */
function tagEnd(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x3e) return i;
    if (c === 0x22 || c === 0x27) {
      i = text.indexOf(c === 0x22 ? '"' : "'", i + 1);
      if (i === -1) return -1;
    }
  }
  return -1;
}

/** Index of the `>` that ends `<!DOCTYPE …>`, past its `[…]` internal subset, or -1. */
function declarationEnd(text: string, from: number): number {
  let brackets = 0;
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5b) brackets++;
    else if (c === 0x5d) brackets--;
    else if (c === 0x3e && brackets <= 0) return i;
    else if (text.startsWith('<!--', i)) {
      i = after(text, '-->', i + 4);
      if (i === -1) return -1;
    } else if (c === 0x22 || c === 0x27) {
      i = text.indexOf(c === 0x22 ? '"' : "'", i + 1);
      if (i === -1) return -1;
    }
  }
  return -1;
}
