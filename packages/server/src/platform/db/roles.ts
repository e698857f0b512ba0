import type { Sql } from './db.ts';

/**
 * Least privilege in the database. Two roles:
 * - `tongban_owner` owns the schema: migrations (and pg-boss's own schema) run as it;
 * - `tongban_app` is what the server runs as: plain reads and writes on the tables it works with,
 *   only SELECT and INSERT on the append-only tables (every table with a `refuse_change` trigger:
 *   the audit log, its chain and checkpoints, the data hub's exchange log, case actions, licence
 *   events), nothing on the migration history or the audit numbering. It owns nothing, so it cannot
 *   `ALTER TABLE … DISABLE TRIGGER`, truncate or drop; it is no superuser, so it cannot set
 *   `session_replication_role = replica`, and it cannot create tables.
 *
 * On PostgreSQL both are login roles, created once per cluster (`cli.ts db create-roles`, or by
 * the tests' harness); the server logs in as `tongban_app` (DATABASE_URL) and migrates as the owner
 * (MIGRATION_DATABASE_URL). On PGlite there is one embedded user, a superuser: the server creates
 * `tongban_app` itself and switches to it (`SET ROLE`) after the migrations, so every statement of
 * the server is checked against the same grants — but the process holds the database files and
 * could `RESET ROLE`, so there it guards against the server's own mistakes, not against someone
 * who controls the process.
 */
export const OWNER_ROLE = 'tongban_owner';
export const APP_ROLE = 'tongban_app';

/** Schemas the app works in: ours and pg-boss's. */
const APP_SCHEMAS = ['public', 'pgboss'];
/** Tables of the owner alone (beyond the append-only ones): the app may read them, never write. */
const READ_ONLY_TABLES = ['schema_migration', 'audit_unsealed'];

/**
 * Creates the roles when missing. Roles are cluster-wide on PostgreSQL and test files create their
 * databases in parallel, so a concurrent creation (duplicate_object, or unique_violation on the
 * catalogue when two race) counts as success. `login`: PostgreSQL (the server logs in as them);
 * false on PGlite, where only `SET ROLE` is used.
 */
export async function createRoles(sql: Sql, options: { login: boolean }): Promise<void> {
  const login = options.login ? 'login' : 'nologin';
  for (const [role, attributes] of [
    [OWNER_ROLE, `${login} nosuperuser nocreaterole nocreatedb`],
    [APP_ROLE, `${login} nosuperuser nocreaterole nocreatedb noreplication nobypassrls`],
  ] as const) {
    await sql.query(
      `do $$ begin
         if not exists (select 1 from pg_roles where rolname = '${role}') then
           create role ${role} ${attributes};
         end if;
       exception when duplicate_object or unique_violation then null;
       end $$`,
    );
  }
}

export async function roleExists(sql: Sql, role: string): Promise<boolean> {
  const [row] = await sql.query<{ exists: boolean }>('select exists (select 1 from pg_roles where rolname = $1) as exists', [role]);
  return row?.exists === true;
}

/** The append-only tables: every table of ours with a trigger calling `refuse_change`. */
export async function appendOnlyTables(sql: Sql): Promise<string[]> {
  const rows = await sql.query<{ name: string }>(
    `select distinct c.relname as name from pg_trigger tg
     join pg_class c on c.oid = tg.tgrelid join pg_proc p on p.oid = tg.tgfoid
     where p.proname = 'refuse_change' and c.relnamespace = 'public'::regnamespace and not tg.tgisinternal
     order by 1`,
  );
  return rows.map((r) => r.name);
}

/**
 * Grants `tongban_app` what the server needs, as the owner, after the migrations and pg-boss's
 * install (run on every start: cheap, and a new migration's tables are covered at once). Also sets
 * default privileges, so that tables and sequences the owner creates later are usable by the app
 * without a grant of their own; an append-only table loses UPDATE and DELETE again here, because
 * its trigger says what it is. Does nothing when the role does not exist (a PostgreSQL on which
 * `db create-roles` was not run: then least privilege is not in force, and the start says so).
 */
export async function grantAppPrivileges(sql: Sql): Promise<boolean> {
  if (!(await roleExists(sql, APP_ROLE))) return false;
  const schemas = (
    await sql.query<{ name: string }>('select nspname as name from pg_namespace where nspname = any($1::text[])', [APP_SCHEMAS])
  ).map((r) => r.name);
  for (const schema of schemas) {
    await sql.query(`grant usage on schema ${schema} to ${APP_ROLE}`);
    await sql.query(`revoke create on schema ${schema} from ${APP_ROLE}`);
    await sql.query(`grant select, insert, update, delete on all tables in schema ${schema} to ${APP_ROLE}`);
    await sql.query(`grant usage, select on all sequences in schema ${schema} to ${APP_ROLE}`);
    await sql.query(`grant execute on all functions in schema ${schema} to ${APP_ROLE}`);
    await sql.query(`alter default privileges in schema ${schema} grant select, insert, update, delete on tables to ${APP_ROLE}`);
    await sql.query(`alter default privileges in schema ${schema} grant usage, select on sequences to ${APP_ROLE}`);
  }
  const [present] = await sql.query<{ names: string[] }>(
    `select coalesce(array_agg(relname::text), '{}') as names from pg_class where relnamespace = 'public'::regnamespace and relname = any($1::text[])`,
    [READ_ONLY_TABLES],
  );
  for (const table of await appendOnlyTables(sql)) await sql.query(`revoke update, delete, truncate on ${table} from ${APP_ROLE}`);
  for (const table of present?.names ?? []) await sql.query(`revoke insert, update, delete, truncate on ${table} from ${APP_ROLE}`);
  return true;
}

/**
 * PGlite only: the verifier reads the chain with `COPY … TO '/dev/blob'` (PGlite's way of
 * returning COPY output), which PostgreSQL allows only to superusers and pg_write_server_files.
 * The files it could write are the embedded database's, which the process holds anyway.
 */
export async function grantEmbeddedCopy(sql: Sql): Promise<void> {
  await sql.query(`grant pg_write_server_files to ${APP_ROLE}`);
}

/** What the server's own connection may do that least privilege says it should not; empty when none. */
export async function privilegeProblems(sql: Sql): Promise<string[]> {
  const [me] = await sql.query<{ name: string; superuser: boolean; owns: boolean }>(
    `select current_user as name, r.rolsuper as superuser,
            coalesce(pg_has_role(current_user, (select relowner from pg_class where oid = to_regclass('public.audit_log')), 'USAGE'), false) as owns
     from pg_roles r where r.rolname = current_user`,
  );
  if (!me) return [];
  const problems: string[] = [];
  if (me.superuser) problems.push(`it connects as ${me.name}, a superuser`);
  else if (me.owns) problems.push(`it connects as ${me.name}, which owns the audit tables`);
  return problems;
}

/**
 * `db create-roles`, run once per database by an administrator (a superuser, or a role with
 * CREATEROLE that owns the database): creates both roles (without passwords: set them with
 * `\password`), hands the database, its `public` schema and every object already in it (an
 * installation migrated as another user) to `tongban_owner`, and lets the app connect.
 */
export async function adoptDatabase(sql: Sql): Promise<void> {
  await createRoles(sql, { login: true });
  await sql.query(`do $$ begin execute format('alter database %I owner to ${OWNER_ROLE}', current_database()); end $$`);
  await sql.query(`do $$ begin execute format('grant connect, temporary on database %I to ${APP_ROLE}', current_database()); end $$`);
  await sql.query(`alter schema public owner to ${OWNER_ROLE}`);
  await sql.query(
    `do $$
     declare r record;
     begin
       if exists (select 1 from pg_namespace where nspname = 'pgboss') then
         execute 'alter schema pgboss owner to ${OWNER_ROLE}';
       end if;
       for r in
         select c.oid::regclass::text as name, c.relkind from pg_class c
         where c.relnamespace in (select oid from pg_namespace where nspname = any(array['public', 'pgboss']))
           and c.relkind in ('r', 'p', 'v', 'm', 'S')
           and c.relowner <> '${OWNER_ROLE}'::regrole
           -- a sequence owned by a column moves with its table
           and not (c.relkind = 'S' and exists (select 1 from pg_depend d where d.objid = c.oid and d.deptype in ('a', 'i')))
       loop
         execute format(case r.relkind when 'v' then 'alter view %s owner to ${OWNER_ROLE}'
                                       when 'm' then 'alter materialized view %s owner to ${OWNER_ROLE}'
                                       when 'S' then 'alter sequence %s owner to ${OWNER_ROLE}'
                                       else 'alter table %s owner to ${OWNER_ROLE}' end, r.name);
       end loop;
       for r in
         select p.oid::regprocedure::text as name from pg_proc p
         where p.pronamespace in (select oid from pg_namespace where nspname = any(array['public', 'pgboss']))
           and p.proowner <> '${OWNER_ROLE}'::regrole
           and not exists (select 1 from pg_depend d where d.objid = p.oid and d.deptype = 'e')
       loop
         execute format('alter function %s owner to ${OWNER_ROLE}', r.name);
       end loop;
       for r in
         select t.oid::regtype::text as name from pg_type t
         where t.typnamespace in (select oid from pg_namespace where nspname = any(array['public', 'pgboss']))
           and t.typtype in ('e', 'd') and t.typowner <> '${OWNER_ROLE}'::regrole
           and not exists (select 1 from pg_depend d where d.objid = t.oid and d.deptype = 'e')
       loop
         execute format('alter type %s owner to ${OWNER_ROLE}', r.name);
       end loop;
     end $$`,
  );
}
