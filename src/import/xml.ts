import { DOMParser } from '@xmldom/xmldom';

/**
 * Parses XML with xmldom: workers have no DOMParser, and one parser everywhere keeps results
 * the same in tests, workers and pages. Returns null when the text is not well-formed.
 */
export function parseXml(text: string): ReturnType<DOMParser['parseFromString']> | null {
  let failed = false;
  const parser = new DOMParser({
    onError: (level) => {
      if (level === 'fatalError') failed = true;
    },
  });
  try {
    const document = parser.parseFromString(text, 'text/xml');
    return failed || !document.documentElement ? null : document;
  } catch {
    return null;
  }
}
