import { existsSync } from 'node:fs';
import { type Browser, type Page, chromium } from 'playwright-core';
import { type PreviewServer, preview } from 'vite';

/** Debian's Chromium; CHROMIUM_PATH overrides it. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--enable-unsafe-swiftshader',
  '--use-angle=swiftshader',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export interface Session {
  browser: Browser;
  server: PreviewServer;
  baseUrl: string;
}

/**
 * Serves the built app (dist/, or `outDir`) on a free local port and starts Chromium. `gpuCompositing`
 * leaves out `--disable-gpu`: the page is then composited by the GPU process (software
 * Vulkan here) instead of in software, which reads every WebGL frame back to the page.
 */
export async function startSession(
  options: { gpuCompositing?: boolean; outDir?: string } = {},
): Promise<Session> {
  const outDir = options.outDir ?? 'dist';
  if (!existsSync(`${outDir}/index.html`)) throw new Error('build the app first (vite build)');
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`no Chromium at ${CHROMIUM_PATH}`);
  const server = await preview({
    preview: { port: 0, host: '127.0.0.1', strictPort: false },
    build: { outDir },
    logLevel: 'error',
  });
  const address = server.httpServer.address();
  if (!address || typeof address === 'string') throw new Error('preview server has no port');
  const args = options.gpuCompositing
    ? CHROMIUM_ARGS.filter((arg) => arg !== '--disable-gpu')
    : CHROMIUM_ARGS;
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args });
  return { browser, server, baseUrl: `http://127.0.0.1:${address.port}/` };
}

export async function stopSession(session: Session | undefined): Promise<void> {
  await session?.browser.close();
  await session?.server.close();
}

/** Everything a page reported that a person would call a fault. */
export interface PageWatch {
  consoleErrors: string[];
  cspViolations: string[];
  foreignRequests: string[];
}

/** Opens a page that records console errors, CSP violations and requests to other hosts. */
export async function openPage(
  session: Session,
  hash = '',
  viewport = { width: 1280, height: 800 },
): Promise<{ page: Page; watch: PageWatch }> {
  const page = await session.browser.newPage({ viewport });
  const watch: PageWatch = { consoleErrors: [], cspViolations: [], foreignRequests: [] };
  const origin = new URL(session.baseUrl).origin;
  page.on('console', (message) => {
    if (message.type() === 'error') watch.consoleErrors.push(message.text());
    if (/Content.Security.Policy/i.test(message.text())) watch.cspViolations.push(message.text());
  });
  page.on('pageerror', (error) => watch.consoleErrors.push(error.message));
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(origin) && !url.startsWith('blob:') && !url.startsWith('data:')) {
      watch.foreignRequests.push(url);
    }
  });
  await page.goto(`${session.baseUrl}${hash}`);
  await page.waitForSelector('[data-map-ready="true"]', { timeout: 60_000 });
  return { page, watch };
}
