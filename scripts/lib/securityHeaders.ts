// The security headers `npm start` (vite preview) and `npm run dev` send: a Content-Security-Policy
// that lets the page load only from its own origin, plus nosniff and a referrer policy. The README
// ("Deploying") lists what a server hosting dist/ should send; keep the two in step.
//
// What the app really needs, checked in headless Chromium 156 with these policies on (the e2e suite
// fails on any CSP violation, the worker's included): its scripts, styles, worker, dataset shards and
// favicon all come from its own origin, and the training worker is a module worker from 'self', not
// a blob: URL. tfjs trains without eval or new Function on WebGPU, WebGL and the CPU.

type Policy = Record<string, string[]>;

const PRODUCTION: Policy = {
  'default-src': ["'self'"],
  // 'wasm-unsafe-eval' lets WebAssembly be compiled, nothing more (JavaScript eval stays refused).
  // long.js, bundled into the worker by tfjs-core, compiles a 286-byte WebAssembly module for 64-bit
  // integer arithmetic as it loads; refused, it falls back to JavaScript, but the refusal is a CSP
  // violation on every start of the worker.
  'script-src': ["'self'", "'wasm-unsafe-eval'"],
  // React sets style attributes through the CSSOM (element.style), which style-src does not govern.
  'style-src': ["'self'"],
  // The drawing pad and the 28x28 previews are canvases; uploads are decoded from File objects.
  'img-src': ["'self'"],
  'connect-src': ["'self'"],
  'worker-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'frame-ancestors': ["'none'"],
};

/**
 * Vite's dev server needs more, and only it: the React refresh preamble is an inline <script>, and
 * CSS modules and imported stylesheets arrive as inline <style> elements injected by Vite's client.
 * The HMR websocket connects to the page's own host and port, which 'self' covers in CSP Level 3
 * browsers (Chromium, Firefox, Safari 16+).
 */
const DEV: Policy = {
  ...PRODUCTION,
  'script-src': [...(PRODUCTION['script-src'] ?? []), "'unsafe-inline'"],
  'style-src': ["'self'", "'unsafe-inline'"],
};

const serialize = (policy: Policy) =>
  Object.entries(policy)
    .map(([directive, sources]) => `${directive} ${sources.join(' ')}`)
    .join('; ');

const COMMON = {
  'X-Content-Type-Options': 'nosniff',
  // The app makes no cross-origin requests; nothing needs to know where a visitor came from.
  'Referrer-Policy': 'no-referrer',
};

/** Headers for `vite preview` (`npm start`): the built app, as it should be served anywhere. */
export const PREVIEW_HEADERS: Record<string, string> = {
  ...COMMON,
  'Content-Security-Policy': serialize(PRODUCTION),
};

/** Headers for `vite` (`npm run dev`): the production policy plus the dev server's inline code. */
export const DEV_HEADERS: Record<string, string> = {
  ...COMMON,
  'Content-Security-Policy': serialize(DEV),
};
