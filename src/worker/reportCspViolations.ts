// Test builds only: the e2e suite fails on any Content-Security-Policy violation, and the page's
// listener cannot see a worker's, so each worker logs its own as console errors (which reach the
// page's console in Playwright). The worker entries (training, and the kernel benchmark's) import
// this module first, so the listener is in place before tfjs's modules are evaluated.

if (__FAULT_HOOKS__) {
  self.addEventListener('securitypolicyviolation', (event) => {
    console.error(
      `CSP violation in the ${self.name || 'training'} worker: ${event.violatedDirective} blocked ${event.blockedURI || 'inline code'}.`,
    );
  });
}
