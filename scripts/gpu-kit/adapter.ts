// The GPU kit's first stage: which WebGPU adapter Dawn gives this process (run.sh has set the
// Vulkan loader and driver paths). Prints one line and writes --out FILE as JSON. Exit code 0 when
// an adapter was found (software or not: the orchestrator decides), 3 when none was.

import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { describeAdapter, isSoftwareAdapter } from '../../src/runtime/backendSelection';
import { installDawn } from '../lib/dawnNode';
import type { AdapterResult } from './summary';

const { values } = parseArgs({ options: { out: { type: 'string' } } });
let result: AdapterResult;
try {
  await installDawn();
  const adapter = await navigator.gpu.requestAdapter({ powerPreference: 'high-performance' });
  if (adapter) {
    const info = describeAdapter(adapter);
    const { limits } = adapter;
    result = {
      found: true,
      isSoftware: isSoftwareAdapter(info),
      adapter: info,
      features: [...adapter.features].sort(),
      limits: {
        maxBufferSize: limits.maxBufferSize,
        maxStorageBufferBindingSize: limits.maxStorageBufferBindingSize,
        maxComputeWorkgroupStorageSize: limits.maxComputeWorkgroupStorageSize,
        maxComputeInvocationsPerWorkgroup: limits.maxComputeInvocationsPerWorkgroup,
      },
    };
    console.log(
      `Adapter: ${info.vendor} ${info.architecture} "${info.description || info.device}" ` +
        `(${result.isSoftware ? 'software' : 'hardware'})`,
    );
  } else {
    result = { found: false, error: 'Dawn found no WebGPU adapter (no usable Vulkan driver).' };
    console.log(result.error);
  }
} catch (error) {
  result = { found: false, error: error instanceof Error ? error.message : String(error) };
  console.log(`No adapter: ${result.error}`);
}
if (values.out) writeFileSync(values.out, JSON.stringify(result, null, 2) + '\n');
process.exit(result.found ? 0 : 3);
