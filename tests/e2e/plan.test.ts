import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, openPage, startSession, stopSession } from './browser';

let session: Session | undefined;
beforeAll(async () => {
  session = await startSession();
});
afterAll(() => stopSession(session));

const projects = JSON.parse(readFileSync('public/geo/plan-projects.geojson', 'utf8')) as {
  features: { properties: { id: string; task: number } }[];
};

describe('the action plan on the map', () => {
  it('lists the 23 tasks, and choosing task 4 rings its hospital projects on the map', async () => {
    const { page, watch } = await openPage(session!);
    await page.click('[data-testid="plan-toggle"]');
    // The plan panel loads on first use: wait for its list before counting.
    await page.waitForSelector('[data-testid="plan-task-23"]');
    expect(await page.$$('[data-testid^="plan-task-"]')).toHaveLength(23);
    await page.click('[data-testid="plan-task-4"]');
    await page.waitForSelector('[data-testid="plan-task"]');
    expect(page.url()).toContain('task=4');
    expect(await page.textContent('[data-testid="plan-task"]')).toContain('市卫生健康委');
    const expected = projects.features
      .filter((f) => f.properties.task === 4)
      .map((f) => f.properties.id)
      .sort();
    expect(await page.$$('[data-testid="plan-project"]')).toHaveLength(expected.length);
    await page.waitForSelector('[data-testid="map"][data-plan-task="4"]');
    await page.waitForFunction(
      (count) =>
        new Set(
          window
            .__huitianMap!.renderedFeatures([
              'plan-projects-highlight',
              'plan-projects-highlight-line',
            ])
            .map((f) => f.id),
        ).size === count,
      expected.length,
    );
    const ringed = await page.evaluate(() =>
      window.__huitianMap!.renderedFeatures([
        'plan-projects-highlight',
        'plan-projects-highlight-line',
      ]),
    );
    expect([...new Set(ringed.map((f) => f.id))].sort()).toEqual(expected);
    await page.screenshot({ path: 'test-results/plan-task-4.png' });
    expect(watch.consoleErrors).toEqual([]);
    await page.close();
  });

  it('opens a project from the map with its task, status and placement', async () => {
    const { page } = await openPage(session!, '#task=4');
    await page.waitForSelector('[data-testid="plan-project"] button');
    await page.click('[data-testid="plan-project"] button >> nth=0');
    await page.waitForSelector('[data-testid="project-panel"]');
    expect(await page.textContent('[data-testid="project-status"]')).toContain('规划中');
    await page.close();
  });
});

describe('targets and project statuses', () => {
  it('shows the measured park coverage equal to the analysis panel’s figure', async () => {
    const { page } = await openPage(session!, '#analysis=parks');
    const whole = '[data-testid="analysis-row"][data-unit="回天地区"] td[data-indicator="parks"]';
    await page.waitForSelector(whole);
    const analysed = (await page.textContent(whole))!.match(/[\d.]+%/)![0];
    await page.click('[data-testid="plan-toggle"]');
    await page.click('[data-testid="plan-view-targets"]');
    await page.waitForFunction(() =>
      /%/.test(
        document.querySelector('[data-testid="target-park-coverage-measured"]')?.textContent ?? '',
      ),
    );
    const measured = await page.textContent('[data-testid="target-park-coverage-measured"]');
    expect(measured).toContain(analysed);
    expect(await page.textContent('[data-testid="target-parking-measured"]')).toContain(
      '无公共停车场数据',
    );
    await page.close();
  });

  it('keeps a planner’s status in the browser and exports it', async () => {
    const { page } = await openPage(session!, '#task=4');
    await page.click('[data-testid="plan-project"] button >> nth=0');
    await page.waitForSelector('[data-testid="project-status-select"]');
    await page.selectOption('[data-testid="project-status-select"]', 'completed');
    // A new status holds from today (the browser's own date) until the planner types another.
    const today = await page.evaluate(() => {
      const now = new Date();
      return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
    });
    expect(await page.inputValue('[data-testid="project-status-date"]')).toBe(today);
    await page.fill('[data-testid="project-status-date"]', '2024-12-30');
    await page.fill('[data-testid="project-status-note"]', '已投入使用');
    await page.click('[data-testid="project-status-save"]');
    await page.waitForFunction(() =>
      document.querySelector('[data-testid="project-status"]')?.textContent?.includes('已完成'),
    );
    await page.reload();
    await page.waitForSelector('[data-map-ready="true"]');
    await page.click('[data-testid="plan-project"] button >> nth=0');
    await page.waitForSelector('[data-testid="project-status"]');
    expect(await page.getAttribute('[data-testid="project-status"] time', 'datetime')).toBe(
      '2024-12-30',
    );
    await page.click('[data-testid="plan-toggle"]');
    await page.click('[data-testid="plan-toggle"]');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('[data-testid="plan-export-csv"]'),
    ]);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv).toContain('completed,2024-12-30,已投入使用');
    await page.close();
  });
});
