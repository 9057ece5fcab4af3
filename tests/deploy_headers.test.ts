import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RESPONSE_HEADERS } from '../vite.config';

/** `Name: value` lines under the `/*` rule of a Netlify/Cloudflare `_headers` file. */
function headersFileRules(text: string): Record<string, string> {
  const lines = text.split('\n');
  expect(lines[0]).toBe('/*');
  return Object.fromEntries(
    lines
      .slice(1)
      .filter((l) => l.trim() !== '')
      .map((l) => {
        const colon = l.indexOf(':');
        return [l.slice(0, colon).trim(), l.slice(colon + 1).trim()];
      }),
  );
}

/** `add_header Name "value" always;` lines of the nginx snippet in docs/security.md. */
function nginxHeaders(markdown: string): Record<string, string> {
  const block = /```nginx\n([\s\S]*?)```/.exec(markdown)?.[1] ?? '';
  return Object.fromEntries(
    [...block.matchAll(/^add_header (\S+) "([^"]*)" always;$/gm)].map((m) => [m[1]!, m[2]!]),
  );
}

describe('headers for a deployment', () => {
  it('the preview server sends frame-ancestors, nosniff and a referrer policy', () => {
    expect(RESPONSE_HEADERS['Content-Security-Policy']).toMatch(/frame-ancestors 'none'$/);
    expect(RESPONSE_HEADERS['X-Content-Type-Options']).toBe('nosniff');
    expect(RESPONSE_HEADERS['Referrer-Policy']).toBe('no-referrer');
  });

  it('public/_headers says exactly what the preview server sends', () => {
    expect(headersFileRules(readFileSync('public/_headers', 'utf8'))).toEqual(RESPONSE_HEADERS);
  });

  it('the nginx snippet in docs/security.md says the same', () => {
    expect(nginxHeaders(readFileSync('docs/security.md', 'utf8'))).toEqual(RESPONSE_HEADERS);
  });
});
