import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../auth/actor.ts';
import { installPersonalDataReads, requirePersonalDataDeclarations } from './personal-data.ts';

const staffActor = { kind: 'staff', staffId: 's1' } as unknown as Actor;

async function appWith(actor: Actor) {
  const app = Fastify();
  app.decorateRequest('actor', null as never);
  app.addHook('onRequest', async (request) => {
    request.actor = actor;
  });
  installPersonalDataReads(app);
  app.get('/logged', { config: { personalData: 'case' } }, async (request) => {
    request.personalDataReads += 1;
    return { name: '张三' };
  });
  app.get('/unlogged', { config: { personalData: 'case' } }, async () => ({ name: '张三' }));
  app.get('/none', { config: { personalData: false } }, async () => ({ count: 1 }));
  await app.ready();
  return app;
}

describe('a declared personal-data route answers staff only after logging the read', () => {
  it('replaces an unlogged answer to staff by a 500 without the data, and lets logged ones through', async () => {
    const app = await appWith(staffActor);
    expect((await app.inject('/logged')).statusCode).toBe(200);
    const unlogged = await app.inject('/unlogged');
    expect(unlogged.statusCode).toBe(500);
    expect(unlogged.body).not.toContain('张三');
    expect((await app.inject('/none')).statusCode).toBe(200);
    await app.close();
  });

  it('does not ask the applicant’s own reads to be logged', async () => {
    const app = await appWith({ kind: 'user' } as unknown as Actor);
    expect((await app.inject('/unlogged')).statusCode).toBe(200);
    await app.close();
  });

  it('refuses to start a module scope with a staff GET route that declares nothing', async () => {
    const app = Fastify();
    const start = async () => {
      await app.register(async (scope) => {
        requirePersonalDataDeclarations(scope);
        scope.get('/x', { config: { access: 'staff' } }, async () => ({}));
      });
      await app.ready();
    };
    await expect(start()).rejects.toThrow(/declares no config.personalData/);
  });
});
