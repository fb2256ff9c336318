// The fixtures every spec uses: the page objects (`app`, and the panels `insight`, `persistence`
// and `performance`), and `pageGuard`, which runs for every test (auto) and fails it on a console
// error, a Content-Security-Policy violation (the page's and the worker's) or a request that leaves
// the app's origin. A spec that provokes an expected browser error names it with
// `pageGuard.allowConsoleError(pattern)`.

import { expect, test as base } from '@playwright/test';
import { AppPage } from './pages/AppPage';
import { InsightViews } from './pages/InsightViews';
import { PerformancePanel } from './pages/PerformancePanel';
import { PersistencePanels } from './pages/PersistencePanels';

export interface PageGuard {
  /** Console errors matching `pattern` are expected in this test (e.g. a 404 it provokes). */
  allowConsoleError(pattern: RegExp): void;
}

export const test = base.extend<{
  app: AppPage;
  insight: InsightViews;
  persistence: PersistencePanels;
  performance: PerformancePanel;
  pageGuard: PageGuard;
}>({
  pageGuard: [
    async ({ page, context, baseURL }, use) => {
      const origin = new URL(baseURL ?? 'http://localhost').origin;
      const sameOrigin = (url: string) =>
        url.startsWith('data:') || url.startsWith('blob:') || new URL(url).origin === origin;
      const problems: string[] = [];
      const allowed: RegExp[] = [];

      // The worker reports its own CSP violations as console errors (src/worker/reportCspViolations).
      await page.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (event) => {
          console.error(
            `CSP violation in the page: ${event.violatedDirective} blocked ${event.blockedURI || 'inline code'}.`,
          );
        });
      });
      // Worker console messages reach the page's console event too.
      page.on('console', (message) => {
        if (message.type() !== 'error') return;
        const text = message.text();
        if (!allowed.some((pattern) => pattern.test(text))) problems.push(`console error: ${text}`);
      });
      page.on('pageerror', (error) => problems.push(`uncaught page error: ${error.message}`));
      // The context sees the worker's requests as well as the page's.
      context.on('request', (request) => {
        if (!sameOrigin(request.url())) problems.push(`request left the origin: ${request.url()}`);
      });
      await context.route(
        (url) => !sameOrigin(url.href),
        (route) => route.abort('blockedbyclient'),
      );

      await use({ allowConsoleError: (pattern) => allowed.push(pattern) });

      expect(problems, 'console errors, CSP violations and requests off the origin').toEqual([]);
    },
    { auto: true },
  ],
  app: async ({ page }, use) => {
    await use(new AppPage(page));
  },
  insight: async ({ page }, use) => {
    await use(new InsightViews(page));
  },
  persistence: async ({ page }, use) => {
    await use(new PersistencePanels(page));
  },
  performance: async ({ page }, use) => {
    await use(new PerformancePanel(page));
  },
});

export { expect };
