import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  auditActions,
  breakCheckChar,
  enterprises,
  loginUser,
  people,
  seedIdentityFixtures,
  unknownCreditCode,
  userIds,
} from '../../../test/fixtures/identity-fixtures.ts';
import { createTestApp, type TestApp, type TestClient } from '../../../test/harness.ts';

let t: TestApp;
let dave: TestClient;
let erin: TestClient;
let alice: TestClient;
beforeAll(async () => {
  t = await createTestApp({ RATE_LIMIT_AUTH_PER_MINUTE: '1000' });
  await seedIdentityFixtures(t.app);
  dave = await loginUser(t.app, 'dave');
  erin = await loginUser(t.app, 'erin');
  alice = await loginUser(t.app, 'alice');
});
afterAll(() => t.close());

const tech = enterprises.tech.creditCode;
const mine = async (c: TestClient) =>
  (await c.get('/api/v1/enterprises/mine')).json().items as { creditCode: string; capacity: string; agents: unknown[] }[];

describe('enterprise registration', () => {
  it('rejects a credit code with a wrong check character', async () => {
    const res = await dave.post('/api/v1/enterprises', { creditCode: breakCheckChar(tech) });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'IDENTITY_CREDIT_CODE_INVALID', field: 'body.creditCode' });
  });

  it('refuses codes not in the enterprise registry, and revoked enterprises', async () => {
    expect((await dave.post('/api/v1/enterprises', { creditCode: unknownCreditCode })).json().code).toBe('IDENTITY_NOT_IN_REGISTRY');
    const revoked = await dave.post('/api/v1/enterprises', { creditCode: enterprises.revoked.creditCode });
    expect(revoked.statusCode).toBe(422);
    expect(revoked.json().code).toBe('IDENTITY_NOT_IN_REGISTRY');
  });

  it('refuses anyone but the legal representative', async () => {
    const res = await alice.post('/api/v1/enterprises', { creditCode: tech });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('IDENTITY_NOT_REPRESENTATIVE');
  });

  it('registers the enterprise for its legal representative (lower-case and full-width input accepted)', async () => {
    const typed = tech.toLowerCase().replace(/[0-9]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
    const res = await dave.post('/api/v1/enterprises', { creditCode: typed });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      creditCode: tech,
      name: enterprises.tech.name,
      capacity: 'legal_representative',
      validUntil: null,
      agents: [],
    });
    expect((await mine(dave)).map((e) => e.creditCode)).toEqual([tech]);
    expect((await dave.get('/api/v1/auth/me')).json().enterprises).toEqual([
      { creditCode: tech, name: enterprises.tech.name, capacity: 'legal_representative' },
    ]);
    const audit = await auditActions(t.app, 'identity.enterprise.registered');
    expect(audit).toEqual([expect.objectContaining({ subject: tech, actor_type: 'user', actor_id: userIds.dave })]);
  });

  it('refuses to register it twice', async () => {
    const res = await dave.post('/api/v1/enterprises', { creditCode: tech });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('IDENTITY_ALREADY_REGISTERED');
  });

  it('is for citizen accounts only', async () => {
    const { loginStaff } = await import('../../../test/fixtures/identity-fixtures.ts');
    const clerk = await loginStaff(t.app, 'clerk');
    expect((await clerk.post('/api/v1/enterprises', { creditCode: tech })).statusCode).toBe(403);
  });
});

describe('agents', () => {
  /** The invitee accepts the representative's newest invitation to them. */
  const accept = async (invitee: TestClient) => {
    const items = (await invitee.get('/api/v1/enterprise-invitations')).json().items as { id: string; creditCode: string }[];
    const invitation = items.filter((i) => i.creditCode === tech).at(-1);
    return invitee.post(`/api/v1/enterprise-invitations/${invitation?.id}/accept`);
  };

  it('lets the legal representative invite a registered person, who becomes an agent by accepting', async () => {
    const res = await dave.post(`/api/v1/enterprises/${tech}/agents`, { idNumber: people.erin.idNumber });
    expect(res.statusCode).toBe(202);
    expect(res.json()).toMatchObject({ status: 'pending', validUntil: null });
    expect(res.json().idNumberMasked).not.toBe(people.erin.idNumber);
    expect((await mine(erin)).find((e) => e.creditCode === tech)).toBeUndefined();
    const pending = await dave.get(`/api/v1/enterprises/${tech}/invitations`);
    expect(pending.json().items).toEqual([expect.objectContaining({ id: res.json().id, status: 'pending' })]);
    expect((await auditActions(t.app, 'identity.agent.invited')).at(-1)).toMatchObject({
      subject: people.erin.idNumber,
      actor_id: userIds.dave,
    });
    const accepted = await accept(erin);
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toMatchObject({ creditCode: tech, capacity: 'agent' });
    const erinsEnterprises = await mine(erin);
    expect(erinsEnterprises.find((e) => e.creditCode === tech)).toMatchObject({ capacity: 'agent', agents: [] });
    const davesView = (await mine(dave)).find((e) => e.creditCode === tech);
    expect(davesView?.agents).toEqual([expect.objectContaining({ userId: userIds.erin, name: people.erin.name })]);
    expect((await auditActions(t.app, 'identity.agent.granted')).at(-1)).toMatchObject({ subject: tech, actor_id: userIds.erin });
    expect((await dave.get(`/api/v1/enterprises/${tech}/invitations`)).json().items).toEqual([]);
  });

  it('answers an invitation to a person without an account like any other; refuses invalid ID numbers, past end dates and the representative himself', async () => {
    const noAccount = await dave.post(`/api/v1/enterprises/${tech}/agents`, { idNumber: people.frank.idNumber });
    expect(noAccount.statusCode).toBe(202);
    expect(noAccount.json()).toMatchObject({ status: 'pending' });
    const invalid = await dave.post(`/api/v1/enterprises/${tech}/agents`, { idNumber: breakCheckChar(people.erin.idNumber) });
    expect(invalid.json()).toMatchObject({ code: 'IDENTITY_ID_NUMBER_INVALID', field: 'body.idNumber' });
    const past = await dave.post(`/api/v1/enterprises/${tech}/agents`, {
      idNumber: people.alice.idNumber,
      validUntil: '2020-01-01T00:00:00+08:00',
    });
    expect(past.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'body.validUntil' });
    const self = await dave.post(`/api/v1/enterprises/${tech}/agents`, { idNumber: people.dave.idNumber });
    expect(self.statusCode).toBe(409);
  });

  it('lets only the legal representative manage agents', async () => {
    const byAgent = await erin.post(`/api/v1/enterprises/${tech}/agents`, { idNumber: people.alice.idNumber });
    expect(byAgent.statusCode).toBe(403);
    expect(byAgent.json().code).toBe('IDENTITY_NOT_REPRESENTATIVE');
    const byStranger = await alice.request('DELETE', `/api/v1/enterprises/${tech}/agents/${userIds.erin}`);
    expect(byStranger.json().code).toBe('IDENTITY_NOT_REPRESENTATIVE');
    const unknown = await dave.post(`/api/v1/enterprises/${unknownCreditCode}/agents`, { idNumber: people.alice.idNumber });
    expect(unknown.json().code).toBe('IDENTITY_ENTERPRISE_NOT_FOUND');
  });

  it('ends an authorisation at its end date', async () => {
    const until = new Date(t.clock.now().getTime() + 24 * 3600_000).toISOString();
    const res = await dave.post(`/api/v1/enterprises/${tech}/agents`, { idNumber: people.alice.idNumber, validUntil: until });
    expect(res.statusCode).toBe(202);
    expect((await accept(alice)).statusCode).toBe(200);
    expect((await alice.get('/api/v1/auth/me')).json().enterprises.map((e: { creditCode: string }) => e.creditCode)).toContain(tech);
    t.clock.advance(24 * 3600_000);
    // Keep the session alive across the jump: log in again.
    alice = await loginUser(t.app, 'alice');
    expect((await mine(alice)).map((e) => e.creditCode)).not.toContain(tech);
    expect((await alice.get('/api/v1/auth/me')).json().enterprises.map((e: { creditCode: string }) => e.creditCode)).not.toContain(tech);
    erin = await loginUser(t.app, 'erin');
    dave = await loginUser(t.app, 'dave');
  });

  it('revokes an agent at once', async () => {
    const res = await dave.request('DELETE', `/api/v1/enterprises/${tech}/agents/${userIds.erin}`);
    expect(res.statusCode).toBe(204);
    expect((await mine(erin)).map((e) => e.creditCode)).not.toContain(tech);
    expect((await erin.get('/api/v1/auth/me')).json().enterprises.map((e: { creditCode: string }) => e.creditCode)).not.toContain(tech);
    const again = await dave.request('DELETE', `/api/v1/enterprises/${tech}/agents/${userIds.erin}`);
    expect(again.statusCode).toBe(404);
    expect(await auditActions(t.app, 'identity.agent.revoked')).toHaveLength(1);
  });

  it('lets an invitee decline, and nobody answer an invitation not addressed to them', async () => {
    const res = await dave.post(`/api/v1/enterprises/${tech}/agents`, { idNumber: people.alice.idNumber });
    const id = res.json().id as string;
    expect((await erin.post(`/api/v1/enterprise-invitations/${id}/decline`)).statusCode).toBe(404);
    expect((await alice.post(`/api/v1/enterprise-invitations/${id}/decline`)).statusCode).toBe(204);
    expect((await alice.post(`/api/v1/enterprise-invitations/${id}/accept`)).statusCode).toBe(404);
    expect((await mine(alice)).map((e) => e.creditCode)).not.toContain(tech);
    expect(await auditActions(t.app, 'identity.agent.invitation_declined')).toHaveLength(1);
  });

  it('shows imported enterprise accounts with their agents', async () => {
    const items = await mine(alice);
    expect(items.find((e) => e.creditCode === enterprises.preRegistered.creditCode)).toMatchObject({
      capacity: 'legal_representative',
      agents: [expect.objectContaining({ userId: userIds.erin })],
    });
    expect((await mine(erin)).find((e) => e.creditCode === enterprises.preRegistered.creditCode)).toMatchObject({ capacity: 'agent' });
  });
});
