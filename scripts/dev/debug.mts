import { startSession, stopSession } from '../../tests/e2e/browser';
const s = await startSession();
try {
  const vp = process.argv[3] ? JSON.parse(process.argv[3]) : { width: 1280, height: 800 };
  const page = await s.browser.newPage({ viewport: vp });
  page.on('console', (m) => { if (m.type() !== 'warning') console.log('console', m.type(), m.text()); });
  page.on('pageerror', (e) => console.log('pageerror', e.message));
  await page.goto(`${s.baseUrl}${process.argv[2] ?? ''}`);
  await page.waitForSelector('[data-map-ready="true"]');
  await page.waitForTimeout(2500);
  await page.screenshot({ path: 'test-results/shot.png' });
} finally {
  await stopSession(s);
}
