import { expect, test } from './fixtures';
import { TINY_RUN } from './pages/AppPage';

// The Performance panel on the software adapter: a short "Benchmark this GPU" of one layer with its
// download, a second one stopped (Train waits while it runs), then a tiny run that fills the live
// step profile (and shows that training still works after the benchmark worker has come and gone).
// Benchmark and profile are one journey, the Performance tab, in one test: split into a benchmark
// and a profile spec they took ~28 s more (each test starts the app and loads the data afresh:
// 53 + 36 s against 60 s, means of 2-3 runs on 2 cores), and the profile would no longer follow a
// benchmark.

const REPORT_FIELDS = [
  'date',
  'adapter',
  'reps',
  'rowSeconds',
  'rows',
  'steps',
  'browser',
  'limits',
  'features',
  'request',
];
const ROW_FIELDS = ['model', 'layer', 'op', 'batch', 'own', 'stockMs', 'ownMs', 'calls', 'flop'];

test('benchmarks this GPU, downloads the result, stops a benchmark, then profiles a training step', async ({
  app,
  performance,
}, testInfo) => {
  await app.goto(TINY_RUN);
  await app.waitUntilReady();
  await performance.open();
  await expect(performance.memory).toContainText('Largest storage binding');

  await test.step('a tiny benchmark of one layer gives own and stock rows', async () => {
    await performance.startBenchmark({
      model: 'alexnet-mini',
      batch: 8,
      layer: 'conv2',
      // The budget is checked between rows: the first row is measured however long it takes.
      budget: '15 s',
    });
    await expect(performance.progress).toBeVisible();
    await performance.waitForBenchmarkEnd(90_000);
    // The forward convolution has an own kernel: its row holds both times.
    const forward = performance.resultRows.filter({ hasText: 'forwardConv' }).first();
    await expect(forward.getByRole('cell').nth(1)).toHaveText(/^\d+(\.\d+)?$/);
    await expect(forward.getByRole('cell').nth(2)).toHaveText(/^\d+(\.\d+)?$/);
    await expect(performance.benchmark).toContainText(/Projected epoch/);
  });

  await test.step('the downloaded JSON has the documented fields', async () => {
    const report = (await performance.downloadReport()) as Record<string, unknown>;
    await testInfo.attach('bench.json', {
      body: JSON.stringify(report, null, 2),
      contentType: 'application/json',
    });
    for (const field of REPORT_FIELDS) expect(report, field).toHaveProperty(field);
    const rows = report.rows as Record<string, unknown>[];
    expect(rows.length).toBeGreaterThan(0);
    for (const field of ROW_FIELDS) expect(rows[0], field).toHaveProperty(field);
    expect(rows.every((r) => r.layer === 'conv2' && r.model === 'alexnet-mini')).toBe(true);
    expect(report.request).toMatchObject({ model: 'alexnet-mini', batch: 8, layers: ['conv2'] });
    expect((report.adapter as { isSoftware: boolean }).isSoftware).toBe(true);
  });

  await test.step('Stop ends a benchmark and keeps what it measured', async () => {
    await performance.startBenchmark({
      model: 'alexnet-mini',
      batch: 8,
      layer: 'all',
      budget: '5 min',
    });
    await expect(performance.benchmark.getByText(/rows measured on /)).toBeVisible();
    // Training waits while a benchmark runs, as a benchmark waits for a run: they share the GPU.
    await app.open('Training');
    await expect(app.trainButton).toBeDisabled();
    await expect(app.trainingPanel).toContainText('A GPU benchmark is running');
    await performance.open();
    await performance.stopButton.click();
    // The worker stops after the call in flight, or is ended if that call outlasts the grace time.
    await expect(
      performance.benchmark.getByText(/stopped early: stopped|Stopped: the call in flight/),
    ).toBeVisible({ timeout: 30_000 });
    await expect(performance.startButton).toBeEnabled();
  });

  await test.step('training still works, refuses a benchmark meanwhile, and fills the profile', async () => {
    await app.train();
    await performance.open();
    await expect(performance.startButton).toBeDisabled();
    await expect(performance.refusal).toContainText('A run is training');
    await app.waitForFinished(120_000);
    await performance.open();
    await expect(performance.stepProfile).toContainText(/Step 2 \(alexnet-mini, batch 16\)/);
    await expect(performance.memory).toContainText(/Peak during a step\s*[\d.]+ [kM]B/);
  });

  await test.step('the panel at desktop and phone widths, as artifacts', async () => {
    await performance.screenshot('performance-1280', 1280, testInfo);
    await performance.screenshot('performance-390', 390, testInfo);
    await app.expectNoSidewaysOverflow();
  });
});
