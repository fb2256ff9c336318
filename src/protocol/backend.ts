// What the worker reports about the compute backend it ended up on.

export type BackendName = 'webgpu' | 'webgl' | 'cpu';

/** Order in which backends are tried when none is forced. WASM is absent on purpose: it has no
 * Conv2DBackpropFilter kernel, so it cannot train a convnet (tfjs#8474). */
export const BACKEND_PREFERENCE: readonly BackendName[] = ['webgpu', 'webgl', 'cpu'];

/** Which kernels run: 'own' (this project's, on WebGPU and CPU; the default) or tfjs's 'stock' ones. */
export type KernelMode = 'own' | 'stock';
export const KERNEL_MODES: readonly KernelMode[] = ['own', 'stock'];

export interface AdapterInfo {
  vendor: string;
  architecture: string;
  device: string;
  description: string;
  /** True for software adapters such as SwiftShader: everything runs on the CPU. */
  isFallbackAdapter: boolean;
}

/** How the page names an adapter: what it says of itself, e.g. "google · swiftshader". */
export const adapterName = (a: AdapterInfo): string =>
  [a.vendor, a.architecture, a.device, a.description].filter(Boolean).join(' · ') ||
  'unnamed adapter';

/** The WebGPU limits that decide whether big AlexNet batches fit. */
export interface AdapterLimits {
  maxBufferSize: number;
  maxStorageBufferBindingSize: number;
  maxComputeWorkgroupStorageSize: number;
  maxComputeInvocationsPerWorkgroup: number;
}

export interface BackendInfo {
  name: BackendName;
  /** Present when `name` is 'webgpu'. */
  adapter?: AdapterInfo;
  limits?: AdapterLimits;
  /** One line per backend that was tried and failed before `name`, saying why. Empty when the
   * first choice worked. */
  fallbackReasons: string[];
  /** True when the backend runs on the CPU (the cpu backend, or a software WebGPU/WebGL adapter). */
  isSoftware: boolean;
  /** The kernel mode asked for, and the own kernels it put in place (none on WebGL, or in stock mode
   * apart from correctness fixes). */
  kernels: { mode: KernelMode; own: string[] };
}
