// Test builds only: the e2e suite fails on any Content-Security-Policy violation, and the page's
// listener cannot see the worker's, so the worker logs its own as console errors (which reach the
// page's console in Playwright). The worker entry imports this module first, so the listener is in
// place before tfjs's modules are evaluated.

if (__FAULT_HOOKS__) {
  self.addEventListener('securitypolicyviolation', (event) => {
    console.error(
      `CSP violation in the training worker: ${event.violatedDirective} blocked ${event.blockedURI || 'inline code'}.`,
    );
  });
}
