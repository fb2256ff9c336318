// The worker's side of the page's death watch (src/client/TrainerClient.ts): a Web Lock taken at
// start and never let go. The browser releases it when the worker ends for any reason (self.close(),
// terminate(), a crash, being killed for memory), and the page, queued on the same lock, gets it at
// that moment. Measured in headless Chromium 156: granted to the page ~5 ms after self.close() in an
// idle worker, but ~35 s after it mid-step on SwiftShader (the worker ends only once its queued GPU
// work has drained; the heartbeat reports it silent meanwhile); a worker busy in a 3 s synchronous
// loop keeps it.

/** Takes `name` and holds it for the worker's life; resolves true once held, false without Web Locks. */
export function holdLifeLock(name: string): Promise<boolean> {
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
  if (!locks) return Promise.resolve(false);
  return new Promise((resolve) => {
    locks
      .request(name, () => {
        resolve(true);
        return new Promise<never>(() => {}); // held until the worker ends
      })
      .catch(() => resolve(false));
  });
}
