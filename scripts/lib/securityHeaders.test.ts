import { describe, expect, it } from 'vitest';
import { DEV_HEADERS, PREVIEW_HEADERS } from './securityHeaders';

const directives = (csp: string | undefined) =>
  new Map((csp ?? '').split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)] as const));

describe('security headers', () => {
  it('lets the built app load from its own origin only, with no eval or inline code', () => {
    const csp = PREVIEW_HEADERS['Content-Security-Policy'];
    expect(csp).not.toMatch(/'unsafe-(eval|inline)'|\*|blob:|data:|http/);
    expect(directives(csp).get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(directives(csp).get('default-src')).toEqual(["'self'"]);
    expect(directives(csp).get('worker-src')).toEqual(["'self'"]);
    expect(PREVIEW_HEADERS['X-Content-Type-Options']).toBe('nosniff');
    expect(PREVIEW_HEADERS['Referrer-Policy']).toBe('no-referrer');
  });

  it("adds only inline scripts and styles for the dev server's HMR, never eval", () => {
    const prod = directives(PREVIEW_HEADERS['Content-Security-Policy']);
    const dev = directives(DEV_HEADERS['Content-Security-Policy']);
    const added = [...dev].flatMap(([name, sources]) =>
      sources.filter((s) => !prod.get(name)?.includes(s)).map((s) => `${name} ${s}`),
    );
    expect(added).toEqual(["script-src 'unsafe-inline'", "style-src 'unsafe-inline'"]);
  });
});
