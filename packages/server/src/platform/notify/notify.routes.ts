import { AppError, inboxParamsSchema, inboxResponseSchema } from '@tongban/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor } from '../auth/actor.ts';
import type { Platform } from '../context.ts';
import type { Sql } from '../db/db.ts';

/**
 * `GET /inbox` and `POST /inbox/:id/read` for citizens and staff; `GET /dev/mailbox` lists the
 * e-mails that would have been sent — everyone's — so it exists only when DEV_MAILBOX=true (which
 * production refuses) and no SMTP server is set, and only system administrators may read it.
 * Staff also see what is addressed to a role of a department in `departmentScope` (their
 * department's subtree), such as SLA escalations to supervisors.
 */
export type DepartmentScope = (sql: Sql, departmentId: string) => Promise<string[]>;

type InboxRow = {
  id: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  case_id: string | null;
  created_at: Date;
  read_at: Date | null;
};

async function audienceOf(sql: Sql, actor: Actor, scope: DepartmentScope): Promise<{ where: string; params: unknown[] } | undefined> {
  if (actor.kind === 'user') return { where: `recipient_type = 'person' and recipient_id = $1`, params: [actor.idNumber] };
  if (actor.kind === 'staff') {
    const departments = await scope(sql, actor.departmentId);
    return {
      where: `((recipient_type = 'staff' and recipient_id = $1)
               or (recipient_type = 'department_role' and recipient_id = any($2::text[]) and recipient_role = any($3::text[])))`,
      params: [actor.staffId, departments, [...actor.roles]],
    };
  }
  return undefined;
}

export function registerNotifyRoutes(scope: FastifyInstance, platform: Platform, departmentScope: DepartmentScope): void {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/inbox',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['notifications'],
        summary: '站内消息 In-app inbox',
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }),
        response: { 200: inboxResponseSchema },
      },
    },
    async (request) => {
      const audience = await audienceOf(platform.db, request.actor, departmentScope);
      if (!audience) return { items: [], unread: 0 };
      const n = audience.params.length;
      const rows = await platform.db.query<InboxRow>(
        `select id, kind, title, body, link, case_id, created_at, read_at from notification where ${audience.where}
         order by created_at desc, id limit $${n + 1}`,
        [...audience.params, request.query.limit],
      );
      const [count] = await platform.db.query<{ unread: number }>(
        `select count(*)::int as unread from notification where ${audience.where} and read_at is null`,
        audience.params,
      );
      return {
        items: rows.map((r) => ({
          id: r.id,
          kind: r.kind,
          title: r.title,
          body: r.body,
          link: r.link,
          caseId: r.case_id,
          createdAt: new Date(r.created_at).toISOString(),
          readAt: r.read_at ? new Date(r.read_at).toISOString() : null,
        })),
        unread: count?.unread ?? 0,
      };
    },
  );

  app.post(
    '/inbox/:id/read',
    {
      config: { access: 'authenticated' },
      schema: { tags: ['notifications'], summary: '标为已读 Mark as read', params: inboxParamsSchema, response: { 204: z.null() } },
    },
    async (request, reply) => {
      const audience = await audienceOf(platform.db, request.actor, departmentScope);
      const n = audience?.params.length ?? 0;
      const updated = audience
        ? await platform.db.query(
            `update notification set read_at = coalesce(read_at, $${n + 2}) where id = $${n + 1} and ${audience.where} returning id`,
            [...audience.params, request.params.id, platform.clock.now()],
          )
        : [];
      if (updated.length === 0) throw new AppError('NOT_FOUND', '没有这条消息。No such message.');
      return reply.status(204).send(null);
    },
  );

  if (platform.config.DEV_MAILBOX && !platform.config.isProduction && !platform.config.SMTP_URL) {
    app.get(
      '/dev/mailbox',
      {
        config: { access: { permission: 'notify.dev_mailbox.read' } },
        schema: {
          tags: ['notifications'],
          summary: '开发邮箱 Development mailbox (no SMTP server configured)',
          querystring: z.object({ to: z.string().max(200).optional() }),
        },
      },
      async (request) => {
        const rows = await platform.db.query<{
          id: string;
          recipient: string;
          subject: string;
          body: string;
          status: string;
          created_at: Date;
        }>(
          `select id, recipient, subject, body, status, created_at from outbound_message
           where channel = 'email' and ($1::text is null or recipient = $1) order by created_at desc, id limit 200`,
          [request.query.to ?? null],
        );
        return {
          items: rows.map((r) => ({
            id: r.id,
            to: r.recipient,
            subject: r.subject,
            body: r.body,
            status: r.status,
            createdAt: new Date(r.created_at).toISOString(),
          })),
        };
      },
    );
  }
}
