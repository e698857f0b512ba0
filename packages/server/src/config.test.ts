import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';

describe('PUBLIC_ORIGIN (where QR codes, share links and issuer DIDs point)', () => {
  it('defaults to this server, on whatever port it listens', () => {
    expect(loadConfig({}).PUBLIC_ORIGIN).toBe('http://localhost:8080');
    expect(loadConfig({ PORT: '18220' }).PUBLIC_ORIGIN).toBe('http://localhost:18220');
  });

  it('takes the configured origin without a trailing slash, and refuses one that is not a URL', () => {
    expect(loadConfig({ PUBLIC_ORIGIN: 'https://zwfw.example.gov.cn/', PORT: '3000' }).PUBLIC_ORIGIN).toBe('https://zwfw.example.gov.cn');
    expect(() => loadConfig({ PUBLIC_ORIGIN: 'zwfw.example.gov.cn' })).toThrow(/PUBLIC_ORIGIN/);
  });
});

describe('DEV_MAILBOX (the development mailbox shows everyone’s captured e-mail)', () => {
  it('is off unless explicitly enabled', () => {
    expect(loadConfig({}).DEV_MAILBOX).toBe(false);
    expect(loadConfig({ DEV_MAILBOX: 'true' }).DEV_MAILBOX).toBe(true);
  });

  it('cannot be enabled in production', () => {
    expect(loadConfig({ NODE_ENV: 'production' }).DEV_MAILBOX).toBe(false);
    expect(() => loadConfig({ NODE_ENV: 'production', DEV_MAILBOX: 'true' })).toThrow(/DEV_MAILBOX/);
  });
});

describe('DEMO_CARD_READER (the simulated reader signs a card read for any demo resident)', () => {
  it('is off unless explicitly enabled, and cannot be enabled in production', () => {
    expect(loadConfig({}).DEMO_CARD_READER).toBe(false);
    expect(loadConfig({ DEMO_CARD_READER: 'true' }).DEMO_CARD_READER).toBe(true);
    expect(() => loadConfig({ NODE_ENV: 'production', DEMO_CARD_READER: 'true' })).toThrow(/DEMO_CARD_READER/);
  });
});
