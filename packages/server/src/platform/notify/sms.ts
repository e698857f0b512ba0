import { appendFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyBaseLogger } from 'fastify';

/**
 * Text messages go through a provider (each city contracts its own SMS gateway). The default
 * writes the message to the log with the number masked, so development needs no gateway.
 */
export type SmsProvider = { readonly name: string; send(to: string, text: string): Promise<void> };

export function createLoggingSmsProvider(log: FastifyBaseLogger): SmsProvider {
  return {
    name: 'log',
    async send(to, text) {
      log.info({ sms: { to: `${to.slice(0, 3)}****${to.slice(-4)}`, length: text.length } }, 'sms (logging provider): %s', text);
    },
  };
}

/**
 * The development channel the browser journeys read (SMS_PROVIDER=file, never in production):
 * each message is appended as a JSON line `{at, text}` to `<dir>/<number>.jsonl`, so only
 * whoever can read the server's files — the test acting as the number's owner — sees it.
 */
export function createFileSmsProvider(dir: string): SmsProvider {
  return {
    name: 'file',
    async send(to, text) {
      const safe = /^\+?\d{5,20}$/.test(to) ? to : 'other';
      await mkdir(dir, { recursive: true });
      await appendFile(join(dir, `${safe}.jsonl`), `${JSON.stringify({ at: new Date().toISOString(), text })}\n`);
    },
  };
}
