import type { Clock } from '@tongban/domain';
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../config.ts';
import type { Actor } from './auth/actor.ts';
import type { Db } from './db/db.ts';
import type { Jobs } from './jobs/jobs.ts';
import type { Signer } from './signing/signing.ts';

/** Long-lived things every use case may need; built once in `app.ts`. */
export type Platform = {
  config: Config;
  db: Db;
  clock: Clock;
  log: FastifyBaseLogger;
  jobs: Jobs;
  signer: Signer;
};

/** Per-request context handed to service functions `(ctx, input)`. */
export type Ctx = Platform & {
  actor: Actor;
  requestId: string;
  ip: string;
  /** A read of a person's data was logged for this request (see platform/http/personal-data.ts). */
  notePersonalDataRead?: (() => void) | undefined;
};
