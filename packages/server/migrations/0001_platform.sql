-- Platform tables: audit log (hash-chained by the sealer), idempotency keys, working-day calendar.

-- Append-only audit log. Business transactions insert entries (the id sequence gives their
-- order); the sealer later links finished entries into the hash chain in `audit_chain`, so no
-- business transaction waits on a global chain head. `stream` separates independent chains
-- (`audit`, and the data hub's `exchange` log) that share one mechanism.
create table audit_log (
  id bigserial primary key,
  stream text not null default 'audit',
  occurred_at timestamptz not null,
  actor_type text not null,          -- 'staff' | 'user' | 'system' | 'anonymous'
  actor_id text,
  action text not null,              -- dotted, e.g. 'identity.user.registered'
  target_type text,
  target_id text,
  subject text,                      -- the person/enterprise the entry is about, for "who used my data"
  detail jsonb not null default '{}'::jsonb,
  request_id text,
  tx_id xid8 not null default pg_current_xact_id()
);
create index audit_log_stream_id on audit_log (stream, id);
create index audit_log_target on audit_log (target_type, target_id);
create index audit_log_subject on audit_log (subject) where subject is not null;

-- The hash chain: one row per sealed entry, position by position, per stream.
-- hash = sha256(prev_hash || canonical(entry)).
create table audit_chain (
  stream text not null,
  position bigint not null,
  entry_id bigint not null,
  prev_hash text not null,
  hash text not null,
  sealed_at timestamptz not null default now(),
  primary key (stream, position)
);
create unique index audit_chain_entry on audit_chain (entry_id);

-- Signed checkpoints: every seal run signs (stream, position, head hash) with an Ed25519 key kept
-- outside the database; a truncated or rewritten chain no longer matches them.
create table audit_checkpoint (
  stream text not null,
  position bigint not null,
  head_hash text not null,
  signed_at timestamptz not null,
  key_id text not null,
  signature text not null,
  primary key (stream, position)
);

create function refuse_change() returns trigger language plpgsql as $$
begin
  raise exception 'table % is append-only: % refused', tg_table_name, tg_op using errcode = 'insufficient_privilege';
end;
$$;

create trigger audit_log_append_only before update or delete on audit_log
  for each row execute function refuse_change();
create trigger audit_log_no_truncate before truncate on audit_log
  for each statement execute function refuse_change();
create trigger audit_chain_append_only before update or delete on audit_chain
  for each row execute function refuse_change();
create trigger audit_chain_no_truncate before truncate on audit_chain
  for each statement execute function refuse_change();
create trigger audit_checkpoint_append_only before update or delete on audit_checkpoint
  for each row execute function refuse_change();

-- Idempotency: the first answer to a create with an Idempotency-Key is stored in the same
-- transaction as the change and returned to every retry.
create table idempotency_key (
  scope text not null,               -- who used the key (user or staff id) + route
  key text not null,
  request_hash text not null,
  status_code int not null,
  response jsonb not null,
  created_at timestamptz not null default now(),
  primary key (scope, key)
);

-- Working-day calendar exceptions: public holidays and the weekend days worked instead (调休).
create table calendar_day (
  day date primary key,
  kind text not null check (kind in ('holiday', 'workday')),
  name text not null,
  source text not null default 'State Council notice'
);
