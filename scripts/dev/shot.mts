import { startSession, stopSession, openPage } from '../lib/browser';
const s = await startSession();
try {
  const { page, watch } = await openPage(
    s,
    process.argv[2] ?? '',
    process.argv[3] ? JSON.parse(process.argv[3]) : undefined,
  );
  await page.waitForTimeout(1500);
  await page.screenshot({ path: 'test-results/shot.png' });
  console.log(JSON.stringify(watch, null, 1));
} finally {
  await stopSession(s);
}
