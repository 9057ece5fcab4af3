import { DOMParser } from '@xmldom/xmldom';
import type { LimitExceeded } from '../data/limits';
import { xmlNestingProblem } from '../data/xml_nesting';

export type XmlDocument = ReturnType<DOMParser['parseFromString']>;

/** What an XML reader gives back: features, the limit the text broke, or null when unreadable. */
export type XmlRead<T> = T | { limit: LimitExceeded } | null;

/**
 * Parses XML with xmldom: workers have no DOMParser, and one parser everywhere keeps results
 * the same in tests, workers and pages. The nesting limit is checked on the text first. Returns
 * the limit the text broke, or null when the text is not well-formed.
 */
export function parseXmlWithinLimits(text: string): XmlRead<{ document: XmlDocument }> {
  const deep = xmlNestingProblem(text);
  if (deep) return { limit: deep };
  let failed = false;
  const parser = new DOMParser({
    onError: (level) => {
      if (level === 'fatalError') failed = true;
    },
  });
  try {
    const document = parser.parseFromString(text, 'text/xml');
    return failed || !document.documentElement ? null : { document };
  } catch {
    return null;
  }
}
