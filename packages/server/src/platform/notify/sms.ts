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
