import { randomUUID } from 'node:crypto';
import type { Clock, StaffRole } from '@tongban/domain';
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../../config.ts';
import type { Sql } from '../db/db.ts';
import type { Jobs } from '../jobs/jobs.ts';
import { createFileSmsProvider, createLoggingSmsProvider, type SmsProvider } from './sms.ts';
import { type MailMessage, sendSmtpMail } from './smtp.ts';

/**
 * Notifications through channels: the in-app inbox always (a row written in the caller's
 * transaction), e-mail and SMS through an outbox — rows written in the same transaction plus a
 * job that sends them — so a message exists exactly when the change it reports was committed.
 * Without an SMTP server, e-mails are kept as `captured` and shown by the development mailbox.
 */
export type Recipient =
  | { type: 'person'; idNumber: string }
  | { type: 'staff'; staffId: string }
  | { type: 'department_role'; departmentId: string; role: StaffRole };

export type NotificationInput = {
  recipient: Recipient;
  /** Dotted kind, e.g. `cases.status_changed`, `cases.supplement_requested`, `cases.sla_overdue`. */
  kind: string;
  title: string;
  body: string;
  link?: string | undefined;
  caseId?: string | undefined;
  /** Also send by e-mail / SMS to these addresses. */
  email?: string | undefined;
  mobile?: string | undefined;
};

export const NOTIFY_QUEUE = 'notify.send';

function recipientKey(r: Recipient): { type: Recipient['type']; id: string; role: string | null } {
  if (r.type === 'person') return { type: 'person', id: r.idNumber, role: null };
  if (r.type === 'staff') return { type: 'staff', id: r.staffId, role: null };
  return { type: 'department_role', id: r.departmentId, role: r.role };
}

/** Writes the inbox entry and queues e-mail/SMS, all inside `tx`. Returns the inbox entry id. */
export async function enqueueNotification(tx: Sql, jobs: Jobs, at: Date, input: NotificationInput): Promise<string> {
  const id = randomUUID();
  const r = recipientKey(input.recipient);
  await tx.write(
    `insert into notification (id, recipient_type, recipient_id, recipient_role, kind, title, body, link, case_id, created_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [id, r.type, r.id, r.role, input.kind, input.title, input.body, input.link ?? null, input.caseId ?? null, at],
  );
  const outbound: { channel: 'email' | 'sms'; to: string }[] = [];
  if (input.email) outbound.push({ channel: 'email', to: input.email });
  if (input.mobile) outbound.push({ channel: 'sms', to: input.mobile });
  for (const o of outbound) {
    const messageId = randomUUID();
    await tx.write(
      `insert into outbound_message (id, channel, recipient, subject, body, status, created_at) values ($1, $2, $3, $4, $5, 'pending', $6)`,
      [messageId, o.channel, o.to, input.title, input.body, at],
    );
    await jobs.send(NOTIFY_QUEUE, { messageId }, { tx, retryLimit: 5 });
  }
  return id;
}

/**
 * Queues one text message to a number, inside `tx`, with no inbox entry (a one-time code for a
 * person who has no account yet, or whose inbox must not keep the code). Returns the message id.
 */
export async function enqueueSms(tx: Sql, jobs: Jobs, at: Date, input: { to: string; subject: string; body: string }): Promise<string> {
  const messageId = randomUUID();
  await tx.write(
    `insert into outbound_message (id, channel, recipient, subject, body, status, created_at) values ($1, 'sms', $2, $3, $4, 'pending', $5)`,
    [messageId, input.to, input.subject, input.body, at],
  );
  await jobs.send(NOTIFY_QUEUE, { messageId }, { tx, retryLimit: 5 });
  return messageId;
}

export type Channels = {
  /** Undefined: no SMTP server; mails are captured for the development mailbox. */
  email: ((message: MailMessage) => Promise<void>) | undefined;
  sms: SmsProvider;
};

export function createChannels(
  config: Pick<Config, 'SMTP_URL' | 'SMTP_FROM' | 'SMS_PROVIDER' | 'SMS_FILE_DIR' | 'isProduction'>,
  log: FastifyBaseLogger,
): Channels {
  const url = config.SMTP_URL;
  if (config.SMS_PROVIDER === 'file' && config.isProduction)
    throw new Error('SMS_PROVIDER=file is a development channel; not in production.');
  return {
    email: url ? (message) => sendSmtpMail({ url }, message) : undefined,
    sms: config.SMS_PROVIDER === 'file' && config.SMS_FILE_DIR ? createFileSmsProvider(config.SMS_FILE_DIR) : createLoggingSmsProvider(log),
  };
}

export type DeliveryResult = 'sent' | 'captured' | 'skipped';

/**
 * Sends one queued message (the job handler). Already handled messages are skipped, so a repeated
 * job does not send twice; a failure is recorded and rethrown for the job queue to retry.
 */
export async function deliverOutbound(
  deps: { db: Sql; clock: Clock; channels: Channels; from: string },
  messageId: string,
): Promise<DeliveryResult> {
  const [message] = await deps.db.query<{ channel: 'email' | 'sms'; recipient: string; subject: string; body: string; status: string }>(
    'select channel, recipient, subject, body, status from outbound_message where id = $1',
    [messageId],
  );
  if (message?.status !== 'pending') return 'skipped';
  let result: DeliveryResult = 'sent';
  try {
    if (message.channel === 'sms') await deps.channels.sms.send(message.recipient, `【通办】${message.subject}：${message.body}`);
    else if (deps.channels.email)
      await deps.channels.email({ from: deps.from, to: message.recipient, subject: message.subject, text: message.body });
    else result = 'captured';
  } catch (error) {
    await deps.db.query('update outbound_message set attempts = attempts + 1, last_error = $2 where id = $1', [
      messageId,
      String((error as Error).message ?? error).slice(0, 500),
    ]);
    throw error;
  }
  const updated = await deps.db.query(
    `update outbound_message set status = $2, sent_at = $3, attempts = attempts + 1 where id = $1 and status = 'pending' returning id`,
    [messageId, result, deps.clock.now()],
  );
  return updated.length > 0 ? result : 'skipped';
}

const registered = new WeakSet<object>();

/** Starts the outbox worker (once per job queue, whichever module asks first). */
export async function registerNotifyJobs(platform: {
  db: Sql;
  clock: Clock;
  jobs: Jobs;
  config: Config;
  log: FastifyBaseLogger;
}): Promise<void> {
  if (registered.has(platform.jobs)) return;
  registered.add(platform.jobs);
  const channels = createChannels(platform.config, platform.log);
  await platform.jobs.work<{ messageId: string }>(NOTIFY_QUEUE, async ({ messageId }) => {
    await deliverOutbound({ db: platform.db, clock: platform.clock, channels, from: platform.config.SMTP_FROM }, messageId);
  });
}
