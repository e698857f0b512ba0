import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginStaff } from '../../../test/fixtures/identity-fixtures.ts';
import { createTestApp, type TestClient } from '../../../test/harness.ts';
import { cardFor, createDemoCardReader, otherProvinceCard } from './card-reader/demo-reader.ts';
import { createHubWorld, family, type HubWorld } from './testing/world.ts';

/**
 * Issue 14, finding 3: a window clerk read anyone's drafts, pre-fill and registry entry by ID
 * number alone; nothing checked that the person was at the window. Now such reads (and filing on
 * the person's behalf) need a presence record the clerk cannot make alone: a read of the person's
 * ID card chip, signed by a card reader registered to the clerk's centre, fresh and single-use,
 * valid for 30 minutes for that clerk and that person.
 */
let w: HubWorld;
let clerk: TestClient;
let otherClerk: TestClient;
const reader = createDemoCardReader('RD-WT-A03');
const elsewhere = createDemoCardReader('RD-LJZ-B01');
const gina = cardFor(family.gina);

beforeAll(async () => {
  w = await createHubWorld();
  clerk = await loginStaff(w.app, 'hpClerk');
  otherClerk = await loginStaff(w.app, 'clerk');
  const admin = await loginStaff(w.app, 'sysAdmin');
  for (const [device, centre, seat] of [
    [reader, 'SH-HP-WT', 'A03'],
    [elsewhere, 'SH-PD-LJZ-SC', 'B01'],
  ] as const) {
    const res = await admin.post('/api/v1/datahub/card-readers', {
      id: device.id,
      publicKey: device.publicKey,
      serviceCentreId: centre,
      seat,
    });
    expect(res.statusCode, res.body).toBe(201);
  }
}, 240_000);
afterAll(() => w.close());

const present = (body: unknown, who: TestClient = clerk) => who.post('/api/v1/datahub/presence', body);
const now = () => w.clock.now();

/** The clerk's reads of a person's data, each answered 2xx only with the person present. */
const reads = (who: TestClient, idNumber: string) => ({
  identity: () => who.get(`/api/v1/people/${idNumber}`),
  prefill: () => who.get(`/api/v1/datahub/prefill?item=DH-PERMIT&applicant=${idNumber}`),
  drafts: () => who.get(`/api/v1/cases/drafts?applicantIdNumber=${idNumber}`),
  saveDraft: () => who.post('/api/v1/cases/drafts', { itemCode: 'DH-PERMIT', applicantIdNumber: idNumber, form: {}, materials: [] }),
  intake: () =>
    who.post(
      '/api/v1/cases/window-intake',
      {
        itemCode: 'DH-PERMIT',
        applicantIdNumber: idNumber,
        form: { 'applicant.name': family.gina.name, 'applicant.id_number': idNumber },
        materials: [],
      },
      { 'idempotency-key': randomUUID() },
    ),
});

describe('presence at the window is evidence, not a claim', () => {
  it('refuses the clerk’s reads of a person’s data before the person’s card is read', async () => {
    for (const [name, read] of Object.entries(reads(clerk, family.gina.idNumber))) {
      const res = await read();
      expect(res.statusCode, `${name}: ${res.body}`).toBe(403);
      expect(res.json().code, name).toBe('DATAHUB_PRESENCE_REQUIRED');
    }
  });

  it('accepts a signed card read from a reader of the clerk’s centre and then answers, for that clerk and that person only', async () => {
    const res = await present(reader.read(gina, { at: now() }));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ name: family.gina.name, inRegistry: true });
    expect(new Date(res.json().expiresAt).getTime() - now().getTime()).toBe(30 * 60_000);

    for (const [name, read] of Object.entries(reads(clerk, family.gina.idNumber))) {
      const ok = await read();
      expect(ok.statusCode, `${name}: ${ok.body}`).toBeLessThan(300);
    }
    expect((await reads(otherClerk, family.gina.idNumber).identity()).json().code).toBe('DATAHUB_PRESENCE_REQUIRED');
    expect((await reads(clerk, family.hank.idNumber).identity()).json().code).toBe('DATAHUB_PRESENCE_REQUIRED');

    // The card read itself is a use of the person's data they see.
    const usage = (await (await w.user('gina')).get('/api/v1/datahub/my-data-usage?pageSize=200')).json().items as {
      resource: string;
      consumerDepartmentId: string;
    }[];
    expect(usage.some((u) => u.resource === 'ID-CARD' && u.consumerDepartmentId === 'SH-HP-WT')).toBe(true);
  });

  it('refuses a replayed, forged, stale or unregistered read, and a reader of another centre', async () => {
    const signed = reader.read(gina, { at: now() });
    expect((await present(signed)).statusCode).toBe(201);
    const replay = await present(signed);
    expect(replay.json()).toMatchObject({ code: 'DATAHUB_CARD_READ_INVALID', details: { reason: 'replayed' } });

    const fresh = reader.read(gina, { at: now() });
    const forged = { ...fresh, read: { ...fresh.read, idNumber: family.hank.idNumber, name: family.hank.name } };
    expect((await present(forged)).json()).toMatchObject({ code: 'DATAHUB_CARD_READ_INVALID', details: { reason: 'signature' } });

    const stale = reader.read(gina, { at: new Date(now().getTime() - 10 * 60_000) });
    expect((await present(stale)).json()).toMatchObject({ code: 'DATAHUB_CARD_READ_INVALID', details: { reason: 'stale' } });

    const unknown = createDemoCardReader('RD-NOWHERE').read(gina, { at: now() });
    expect((await present(unknown)).json()).toMatchObject({ code: 'DATAHUB_CARD_READ_INVALID', details: { reason: 'unknown_reader' } });

    const wrongCentre = elsewhere.read(gina, { at: now() });
    expect((await present(wrongCentre)).json()).toMatchObject({ code: 'DATAHUB_CARD_READ_INVALID', details: { reason: 'other_centre' } });

    expect((await present({ read: { reader: reader.id }, signature: 'x' })).statusCode).toBe(400);
    // Only window staff present people.
    expect((await (await w.staff('pdReviewer')).post('/api/v1/datahub/presence', reader.read(gina, { at: now() }))).statusCode).toBe(403);
  });

  it('expires after 30 minutes', async () => {
    const hank = cardFor(family.hank);
    expect((await present(reader.read(hank, { at: now() }))).statusCode).toBe(201);
    expect((await reads(clerk, family.hank.idNumber).identity()).statusCode).toBe(200);
    w.clock.advance(30 * 60_000 + 1000);
    expect((await reads(clerk, family.hank.idNumber).identity()).json().code).toBe('DATAHUB_PRESENCE_REQUIRED');
  });

  it('lets the window page read a card through the demo reader of the clerk’s centre (not in production)', async () => {
    const signed = await clerk.post('/api/v1/dev/card-reader/read', { idNumber: family.ivy.idNumber });
    expect(signed.statusCode, signed.body).toBe(200);
    const res = await present(signed.json());
    expect(res.statusCode, res.body).toBe(201);
    expect((await reads(clerk, family.ivy.idNumber).identity()).statusCode).toBe(200);
    expect((await clerk.post('/api/v1/dev/card-reader/read', { idNumber: '110101199001011234' })).statusCode).toBe(404);
  });

  it('serves the holder of another province’s ID card, who is not in the city’s registry', async () => {
    const res = await present(reader.read(otherProvinceCard, { at: now() }));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ name: otherProvinceCard.name, inRegistry: false });
    // Present, but the registry has no entry: the identity check says so (not "presence required").
    expect((await reads(clerk, otherProvinceCard.idNumber).identity()).json().code).toBe('IDENTITY_NOT_IN_REGISTRY');
  });
});

describe('the simulated card reader', () => {
  it('does not exist unless DEMO_CARD_READER is set: it would make presence a claim again', async () => {
    const plain = await createTestApp({ DEMO_CARD_READER: 'false' });
    try {
      const res = await plain.app.inject({
        method: 'POST',
        url: '/api/v1/dev/card-reader/read',
        payload: { idNumber: family.ivy.idNumber },
      });
      expect(res.statusCode).toBe(404);
      expect(plain.app.registeredRoutes.some((r) => r.url.includes('/dev/card-reader'))).toBe(false);
    } finally {
      await plain.close();
    }
  });
});
