// The GPU kit, proven on this machine: build it (or reuse the cached parts), copy .gpu-kit/ to a
// temporary folder and run `run.sh --smoke --allow-software` there as a bare machine would: an
// empty environment whose PATH holds only basic tools (no node, no xz), on SwiftShader through the
// kit's own Vulkan loader. Run by `npm run test:kit` (CI does), not by `npm test`: it takes minutes.

import { execFileSync, spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { TrainReportData } from '../train/report';
import { CHROMIUM_LIB_DIR, hasChromiumSwiftShader } from '../lib/dawnEnv';
import type { StageRecord } from './summary';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
/** What run.sh may use: a bare Linux has these (bash, coreutils, tar, grep, sed). */
const TOOLS = ['bash', 'sh', 'env', 'tar', 'cat', 'mkdir', 'rm', 'date', 'tee', 'dirname', 'cp'];
const MORE_TOOLS = ['chmod', 'ls', 'grep', 'sed', 'touch', 'mv', 'head', 'tail'];
/** The system's python3 (not a pyenv shim, which needs more than PATH), where there is one. */
const PYTHON = '/usr/bin/python3';
const EPOCH_LINE =
  /^\[reference\] epoch 1, loss \d+\.\d{4}, train acc [01]\.\d{3}, test acc [01]\.\d{3}, time \d+\.\d sec, \d+\.\d img\/s$/m;

function whichTool(name: string): string {
  return execFileSync('bash', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim();
}

describe('the GPU kit', () => {
  it(
    "runs run.sh --smoke from a copy, without the machine's node, on SwiftShader",
    () => {
      if (!hasChromiumSwiftShader())
        throw new Error(`No SwiftShader: install Debian's chromium (${CHROMIUM_LIB_DIR}).`);
      const build = spawnSync('npm', ['run', 'gpu:kit', '--silent'], {
        cwd: repoRoot,
        encoding: 'utf8',
        timeout: 15 * 60_000,
      });
      expect(build.status, build.stdout + build.stderr).toBe(0);
      expect(build.stdout).toMatch(/total +\d+\.\d\d MiB {2}\(limit 60\.00 MiB\)/);

      const temp = mkdtempSync(join(tmpdir(), 'gpu-kit-test-'));
      cpSync(join(repoRoot, '.gpu-kit'), join(temp, 'kit'), { recursive: true });
      const bin = join(temp, 'bin');
      mkdirSync(bin);
      for (const tool of [...TOOLS, ...MORE_TOOLS]) symlinkSync(whichTool(tool), join(bin, tool));
      if (existsSync(PYTHON)) symlinkSync(PYTHON, join(bin, 'python3'));
      const env = {
        PATH: bin,
        HOME: temp,
        TMPDIR: temp, // unpack inside the temporary folder, not into a shared /tmp
        VK_ICD_FILENAMES: join(CHROMIUM_LIB_DIR, 'vk_swiftshader_icd.json'),
      };
      const noNode = spawnSync('bash', ['-c', 'command -v node xz'], { env, encoding: 'utf8' });
      expect(noNode.stdout).toBe(''); // neither node nor xz can be found

      const out = join(temp, 'out');
      const run = spawnSync(
        'bash',
        // The kernel check and benchmark stages run until their share of the budget is up ('cut'),
        // so the budget sets their length: 300 s gives them about 30 s each, and the step stages
        // 35-45 s for the 18 s (own) and 11 s (stock) they took here in CI. The recipe stages run
        // on tfjs's CPU backend in a smoke test: 1.4 to 1.6 s each here.
        [join(temp, 'kit/run.sh'), '--smoke', '--allow-software', '--budget', '300', '--out', out],
        {
          env,
          encoding: 'utf8',
          timeout: 12 * 60_000,
        },
      );
      const log = readFileSync(join(out, 'run.log'), 'utf8');
      expect(run.status, log.slice(-3000)).toBe(0);
      expect(log).toContain(
        `Vulkan driver manifest (from VK_DRIVER_FILES/VK_ICD_FILENAMES): ${env.VK_ICD_FILENAMES}`,
      );
      expect(log).toContain('[adapter] Adapter: google swiftshader');
      expect(log).toMatch(EPOCH_LINE);

      const files = readdirSync(out).sort();
      expect(files).toEqual([
        'alexnet-preset.json',
        'mini-preset.json',
        'mini-reference.json',
        'reference.json',
        'run.log',
        'summary.json',
        'summary.md',
      ]);
      const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as {
        smoke: boolean;
        stages: StageRecord[];
        headline: { own: { imagesPerSec: number } | null; reference: { epochs: unknown[] } | null };
      };
      const status = Object.fromEntries(summary.stages.map((s) => [s.name, s.status]));
      expect(status).toMatchObject({
        adapter: 'ok',
        'step-own': 'ok',
        'step-stock': 'ok',
        reference: 'ok',
        'mini-preset': 'ok',
        'mini-reference': 'ok',
        'alexnet-preset': 'ok',
      });
      // PyTorch: skipped here (no python3, or no torch with CUDA), else measured.
      expect(['skipped', 'ok']).toContain(status.torch);
      for (const name of ['check-kernels', 'bench-kernels'] as const) {
        const included = existsSync(join(repoRoot, `scripts/${name}.ts`));
        expect(included ? ['ok', 'cut'] : ['skipped']).toContain(status[name]);
      }
      expect(summary.smoke).toBe(true);
      expect(summary.headline.own?.imagesPerSec).toBeGreaterThan(0);
      expect(summary.headline.reference?.epochs).toHaveLength(1);
      const reference = JSON.parse(
        readFileSync(join(out, 'reference.json'), 'utf8'),
      ) as TrainReportData;
      expect(reference).toMatchObject({
        status: 'finished',
        config: { model: 'alexnet-mini', kernels: 'own' },
        backend: { name: 'webgpu', isSoftware: true },
      });
      const preset = JSON.parse(
        readFileSync(join(out, 'mini-preset.json'), 'utf8'),
      ) as TrainReportData;
      expect(preset).toMatchObject({
        status: 'finished',
        config: {
          model: 'alexnet-mini',
          schedule: 'one-cycle',
          seed: 1,
          preset: 'beat-the-reference',
        },
      });
      expect(preset.epochs).toHaveLength(1);
      const markdown = readFileSync(join(out, 'summary.md'), 'utf8');
      expect(markdown).toContain('## Recipes');
      expect(markdown).toContain('## README row');
      rmSync(temp, { recursive: true, force: true }); // kept when a check failed, to look into
    },
    30 * 60_000,
  );
});
