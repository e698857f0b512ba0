import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

/**
 * Starts the stand-in department system (`test/external-provider/provider.ts`) as a separate Node
 * process on loopback and waits for its READY line.
 */
export const providerScript = fileURLToPath(new URL('../../../../test/external-provider/provider.ts', import.meta.url));

export type ProviderProcess = {
  url: string;
  keyId: string;
  publicKeyPem: string;
  control(mode: 'normal' | 'slow' | 'unsigned' | 'bad-signature' | 'replay' | 'error', delayMs?: number): Promise<void>;
  stats(): Promise<{ verified: number; rejected: number }>;
  stop(): Promise<void>;
};

export async function startProvider(env: {
  hubPublicKeyPem: string;
  hubKeyId: string;
  records: Record<string, Record<string, unknown>[]>;
  clockOffsetMs: number;
}): Promise<ProviderProcess> {
  // Started by absolute path (`process.execPath`): the child needs nothing from this environment.
  const child: ChildProcess = spawn(process.execPath, [providerScript], {
    env: {
      HUB_PUBLIC_KEY_PEM: env.hubPublicKeyPem,
      HUB_KEY_ID: env.hubKeyId,
      RECORDS_JSON: JSON.stringify(env.records),
      CLOCK_OFFSET_MS: String(env.clockOffsetMs),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const ready = await new Promise<{ port: number; keyId: string; publicKeyPem: string }>((resolve, reject) => {
    let buffer = '';
    const timer = setTimeout(() => reject(new Error('the provider process did not start')), 60_000);
    child.once('exit', (code) => reject(new Error(`the provider process exited (${code})`)));
    child.stdout?.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      const line = buffer.split('\n').find((l) => l.startsWith('READY '));
      if (line) {
        clearTimeout(timer);
        resolve(JSON.parse(line.slice('READY '.length)));
      }
    });
  });
  const url = `http://127.0.0.1:${ready.port}`;
  return {
    url,
    keyId: ready.keyId,
    publicKeyPem: ready.publicKeyPem,
    async control(mode, delayMs) {
      await fetch(`${url}/__control`, { method: 'POST', body: JSON.stringify({ mode, delayMs }) });
    },
    async stats() {
      return (await (await fetch(`${url}/__stats`)).json()) as { verified: number; rejected: number };
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    },
  };
}
