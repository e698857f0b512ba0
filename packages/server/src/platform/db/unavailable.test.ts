import { createServer } from 'node:net';
import Fastify from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { errorHandler, RETRY_AFTER_SECONDS } from '../http/errors.ts';
import { openPostgresDb } from './postgres-db.ts';
import { isDatabaseUnavailable } from './unavailable.ts';

// The errors a real driver gives when PostgreSQL is not there: a port nobody listens on, and a
// "server" that accepts the connection and hangs up at once (a database going down mid-start).
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}
const hangingUp = createServer((socket) => socket.destroy());
await new Promise<void>((resolve) => hangingUp.listen(0, '127.0.0.1', resolve));
afterAll(() => new Promise<void>((resolve) => hangingUp.close(() => resolve())));

async function failureOf(url: string): Promise<unknown> {
  try {
    const db = await openPostgresDb(url, 1);
    await db.close();
  } catch (error) {
    return error;
  }
  throw new Error('opening the database should have failed');
}

describe('database unavailable', () => {
  it('recognises a refused connection and a connection closed by the server', async () => {
    expect(isDatabaseUnavailable(await failureOf(`postgres://postgres@127.0.0.1:${await closedPort()}/none`))).toBe(true);
    const { port } = hangingUp.address() as { port: number };
    expect(isDatabaseUnavailable(await failureOf(`postgres://postgres@127.0.0.1:${port}/none`))).toBe(true);
  });

  it('does not take a fault of the request or of the code for an outage', () => {
    expect(isDatabaseUnavailable(Object.assign(new Error('duplicate key value violates unique constraint'), { code: '23505' }))).toBe(
      false,
    );
    expect(isDatabaseUnavailable(Object.assign(new Error('syntax error at or near "selec"'), { code: '42601' }))).toBe(false);
    expect(isDatabaseUnavailable(new TypeError("Cannot read properties of undefined (reading 'id')"))).toBe(false);
    expect(isDatabaseUnavailable('ECONNREFUSED')).toBe(false);
    expect(isDatabaseUnavailable(Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }))).toBe(
      true,
    );
  });

  it('answers 503 with Retry-After and the error shape, never a 500 or a stack trace', async () => {
    const url = `postgres://postgres@127.0.0.1:${await closedPort()}/none`;
    const app = Fastify();
    app.setErrorHandler(errorHandler);
    app.get('/reads', async () => {
      const db = await openPostgresDb(url, 1);
      await db.close();
      return { read: true };
    });
    const res = await app.inject('/reads');
    await app.close();
    expect(res.statusCode).toBe(503);
    expect(res.headers['retry-after']).toBe(String(RETRY_AFTER_SECONDS));
    expect(res.json()).toMatchObject({ code: 'SERVICE_UNAVAILABLE', requestId: expect.any(String) });
    expect(res.body).not.toMatch(/ECONNREFUSED|at .*\.ts:\d+/);
  });
});
