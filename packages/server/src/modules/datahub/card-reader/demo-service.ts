import { AppError, isValidResidentId, normaliseIdentifier } from '@tongban/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Platform } from '../../../platform/context.ts';
import type { Db } from '../../../platform/db/db.ts';
import { findRegistryPerson } from '../../registry/index.ts';
import { requireStaff } from '../use-cases/shared.ts';
import type { SignedCardRead } from './card-read.ts';
import { cardFor, createDemoCardReader, type DemoCardReader, otherProvinceCard } from './demo-reader.ts';

/**
 * The demo city's simulated card readers (never in production): one device per service centre,
 * created with its own key pair when first used and registered to the centre's seat `DEMO`. The
 * window page's "读取身份证" step asks it to read the card of the person at the counter — a card
 * it makes from the demo population registry, or the other province's demo card — and hands the
 * signed read to `POST /datahub/presence`, exactly as it would a real reader's answer.
 */
const devices = new WeakMap<Db, Map<string, DemoCardReader>>();

async function deviceFor(platform: Platform, centreId: string): Promise<DemoCardReader> {
  let byCentre = devices.get(platform.db);
  if (!byCentre) {
    byCentre = new Map();
    devices.set(platform.db, byCentre);
  }
  const known = byCentre.get(centreId);
  if (known) return known;
  // A fresh key each start: the previous process's device is replaced (its key is gone with it).
  const device = createDemoCardReader(`DEMO-${centreId}-${Date.now().toString(36)}`);
  await platform.db.query(
    `insert into datahub_card_reader (id, public_key, service_centre_id, seat, registered_by, registered_at)
     values ($1, $2, $3, 'DEMO', 'demo-card-reader', $4)`,
    [device.id, device.publicKey, centreId, platform.clock.now()],
  );
  byCentre.set(centreId, device);
  return device;
}

export function registerDemoCardReaderRoutes(scope: FastifyInstance, platform: Platform) {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  app.post(
    '/dev/card-reader/read',
    {
      config: { access: { permission: 'cases.intake' } },
      schema: {
        tags: ['dev'],
        summary: '演示：模拟读卡器读取身份证 Demo only: the simulated card reader reads the card of the person at the window',
        body: z.object({ idNumber: z.string().max(18) }),
      },
    },
    async (request): Promise<SignedCardRead> => {
      const actor = requireStaff(request.actor);
      const idNumber = normaliseIdentifier(request.body.idNumber);
      const device = await deviceFor(platform, actor.departmentId);
      const at = platform.clock.now();
      if (idNumber === otherProvinceCard.idNumber) return device.read(otherProvinceCard, { at });
      const person = isValidResidentId(idNumber) ? await findRegistryPerson(platform.db, idNumber) : undefined;
      if (!person) {
        throw new AppError('NOT_FOUND', '演示读卡器中没有这张身份证。The demo reader holds no such card.', { field: 'body.idNumber' });
      }
      return device.read(cardFor(person), { at });
    },
  );
}
