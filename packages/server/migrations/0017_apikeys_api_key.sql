-- API keys for channels and partner systems (routes that declare `{ apiKey: <scope> }` access).
-- The token is `tbk_<id>_<secret>`; only sha256(secret) is kept, so a leaked table hands out no keys.
create table api_key (
  id text primary key,                       -- 16 hex digits, the token's public part
  name text not null,                        -- who holds it: "市民云App", "某区网格化平台"
  channel text not null,
  scopes text[] not null,
  secret_hash text not null,
  rate_per_minute integer not null check (rate_per_minute > 0),
  created_by text not null,                  -- staff id of the administrator who issued it
  created_at timestamptz not null,
  expires_at timestamptz,
  revoked_at timestamptz,
  revoked_by text,
  last_used_at timestamptz
);

-- Every presentation of a real key, accepted or refused (append-only).
create table api_key_use (
  id bigint generated always as identity primary key,
  key_id text not null references api_key (id),
  used_at timestamptz not null,
  method text not null,
  route text not null,
  outcome text not null check (outcome in ('accepted', 'refused_scope', 'refused_revoked', 'refused_expired', 'refused_rate')),
  ip text,
  request_id text
);
create index api_key_use_by_key on api_key_use (key_id, used_at desc);

create trigger api_key_use_append_only before update or delete on api_key_use
  for each row execute function refuse_change();
create trigger api_key_use_no_truncate before truncate on api_key_use
  for each statement execute function refuse_change();
