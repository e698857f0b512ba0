import { describe, expect, it } from 'vitest';
import { safeNext } from './safe-next.ts';

describe('safeNext', () => {
  it('follows paths inside the app', () => {
    expect(safeNext('/workbench?x=1', '/account')).toBe('/workbench?x=1');
  });
  it('refuses other origins and falls back', () => {
    for (const next of ['//evil.example', '/\\evil.example', 'https://evil.example', 'javascript:alert(1)', '', null]) {
      expect(safeNext(next, '/account')).toBe('/account');
    }
  });
});
