import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, openPage, startSession, stopSession } from './browser';

let session: Session | undefined;
let framer: Server | undefined;

beforeAll(async () => {
  session = await startSession();
});
afterAll(async () => {
  await new Promise((resolve) => (framer ? framer.close(resolve) : resolve(undefined)));
  await stopSession(session);
});

/** Each header a deployment must send, written out here rather than read from the config. */
function expectSecurityHeaders(headers: Headers, what: string) {
  const csp = headers.get('content-security-policy') ?? '';
  expect(csp, what).toContain("frame-ancestors 'none'");
  expect(csp, what).toContain("script-src 'self'");
  expect(csp, what).toContain("default-src 'self'");
  expect(csp, what).not.toContain('unsafe-inline');
  // WebAssembly may be compiled (the analysis's kernel); text may never be run as code.
  expect(csp, what).toContain("script-src 'self' 'wasm-unsafe-eval'");
  expect(csp, what).not.toContain("'unsafe-eval'");
  expect(headers.get('x-content-type-options'), what).toBe('nosniff');
  expect(headers.get('referrer-policy'), what).toBe('no-referrer');
  expect(headers.get('x-frame-options'), what).toBe('DENY');
}

describe('response headers of the preview server', () => {
  it('sends the security headers with the page, its scripts and its data', async () => {
    const base = session!.baseUrl;
    const page = await fetch(base);
    expectSecurityHeaders(page.headers, 'index.html');
    const html = await page.text();
    const script = /src="\.\/(assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    expectSecurityHeaders((await fetch(`${base}${script}`)).headers, script!);
    expectSecurityHeaders((await fetch(`${base}geo/subdistricts.geojson`)).headers, 'geo');
  });

  it('the app loads and draws under them', async () => {
    const { page, watch } = await openPage(session!);
    expect(watch.consoleErrors).toEqual([]);
    expect(watch.cspViolations).toEqual([]);
    await page.close();
  });

  it('another site cannot show the app in a frame', async () => {
    framer = createServer((_, response) => {
      response.setHeader('content-type', 'text/html');
      response.end(`<!doctype html><iframe src="${session!.baseUrl}" width="800" height="600">`);
    });
    await new Promise<void>((resolve) => framer!.listen(0, '127.0.0.1', resolve));
    const port = (framer.address() as AddressInfo).port;
    // `localhost` is another origin than the app's 127.0.0.1.
    const page = await session!.browser.newPage();
    const refused = page.waitForEvent('console', {
      predicate: (message) => /frame-ancestors/.test(message.text()),
      timeout: 30_000,
    });
    await page.goto(`http://localhost:${port}/`);
    expect((await refused).text()).toMatch(/frame-ancestors 'none'.*blocked/s);
    const frame = page.frames().find((f) => f !== page.mainFrame());
    expect(await frame!.locator('#root').count()).toBe(0);
    await page.close();
  });
});
