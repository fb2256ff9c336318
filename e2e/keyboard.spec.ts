// The page by keyboard alone: every tab stop has a name (no unnamed chart SVGs), focus follows
// the run (Train -> Pause once it starts, back to Train when it ends), and the arrow keys move
// through the section tabs.

import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { TINY_RUN } from './pages/AppPage';

interface TabStop {
  tag: string;
  name: string;
}

/** Tabs through the whole page once, from the top, naming each stop as assistive technology would. */
async function tabStops(page: Page): Promise<TabStop[]> {
  // A click on the blank top-left corner puts the focus navigation's starting point at the top.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.mouse.click(2, 2);
  const stops: TabStop[] = [];
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press('Tab');
    const stop = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return null;
      const labelled = el.getAttribute('aria-labelledby');
      const name =
        el.getAttribute('aria-label') ??
        (labelled ? document.getElementById(labelled)?.textContent : null) ??
        ('labels' in el ? (el as HTMLInputElement).labels?.[0]?.textContent : null) ??
        el.textContent ??
        '';
      return { tag: el.tagName.toLowerCase(), name: name.trim() };
    });
    if (!stop) continue; // the browser's own UI, past the end of the page
    if (stops[0]?.name === stop.name && stops[0].tag === stop.tag) break; // round again
    stops.push(stop);
  }
  return stops;
}

test('every tab stop is named, and focus follows the run from Train to Pause and back', async ({
  app,
  page,
}) => {
  await app.goto(TINY_RUN);
  await app.waitUntilReady();

  await test.step('Train is pressed from the keyboard, and focus moves to Pause', async () => {
    await app.trainButton.focus();
    await page.keyboard.press('Enter');
    await expect(app.pauseButton).toBeFocused({ timeout: 120_000 });
  });

  await test.step('Pause and Resume keep the focus', async () => {
    await page.keyboard.press('Enter');
    await expect(app.resumeButton).toBeFocused({ timeout: 60_000 });
    await page.keyboard.press('Enter');
    await expect(app.pauseButton).toBeFocused({ timeout: 60_000 });
  });

  await test.step('when the run ends, focus returns to Train', async () => {
    await app.waitForFinished(4 * 60_000);
    await expect(app.trainButton).toBeFocused();
  });

  await test.step('with curves drawn, no tab stop is unnamed or a chart', async () => {
    await expect(app.epochRows).toHaveCount(1);
    const stops = await tabStops(page);
    expect(stops.length).toBeGreaterThan(10);
    expect(stops.filter((s) => s.name === '' || s.tag === 'svg')).toEqual([]);
    // The section tabs are one stop (the open one); the hidden panels' controls are none.
    expect(stops.map((s) => s.name)).toEqual(expect.arrayContaining(['Training', 'Train']));
    expect(stops.map((s) => s.name)).not.toContain('Classify drawing');
  });

  await test.step('arrow keys move through the section tabs and open them', async () => {
    const tabs = page.getByRole('tab');
    await tabs.filter({ hasText: 'Training' }).focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    const classify = page.getByRole('tab', { name: 'Classify' });
    await expect(classify).toBeFocused();
    await expect(classify).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByRole('tabpanel', { name: 'Classify' })).toBeVisible();
    await page.keyboard.press('End');
    await expect(page.getByRole('tab', { name: 'Performance' })).toBeFocused();
    await page.keyboard.press('ArrowRight');
    await expect(page.getByRole('tab', { name: 'Training' })).toBeFocused();
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowLeft');
    await expect(classify).toHaveAttribute('aria-selected', 'true');
    const stops = await tabStops(page);
    expect(stops.filter((s) => s.name === '' || s.tag === 'svg')).toEqual([]);
    expect(stops.map((s) => s.name)).toEqual(
      expect.arrayContaining([
        'Classify',
        'Classify drawing',
        'Upload image',
        'Classify test images',
      ]),
    );
  });
});
