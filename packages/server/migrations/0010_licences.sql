-- The e-licence library (电子证照库): licence types, issuers (departments as did:web identifiers),
-- issued licences (each a signed W3C Verifiable Credential), the issuance outbox fed by approved
-- cases, Bitstring Status Lists for revocation and suspension, selective-sharing links and the
-- record of every use of a licence. Owned by modules/licences. Private keys are never stored here.

-- What each kind of licence carries: derived from the catalogue items whose result names it.
create table licence_type (
  code text primary key,
  name_zh text not null,
  name_en text not null,
  issuing_department_id text not null,
  holder_kind text not null check (holder_kind in ('person', 'enterprise', 'either')),
  fields jsonb not null,                      -- [{key, label: {zh, en}}], from the items' forms
  validity_months int not null check (validity_months >= 0),
  source_items text[] not null default '{}',
  updated_at timestamptz not null
);

-- A department that issues licences, published as did:web:<origin>:api:v1:licences:issuers:<slug>.
-- Its keys live in the signer (key files or a KMS) under the purpose `licence-<slug>`.
create table licence_issuer (
  department_id text primary key,
  slug text not null unique,
  did text not null unique,
  name_zh text not null,
  name_en text not null,
  created_at timestamptz not null
);

-- Status list slots. Each issuer has numbered pairs of Bitstring Status Lists (one for revocation,
-- one for suspension, same index in both); a licence takes a random free index of the open pair.
create table licence_status_allocator (
  issuer_department_id text primary key references licence_issuer (department_id),
  list_seq int not null,
  used int not null
);

create table licence_status_list (
  id text primary key,                        -- <slug>-<purpose>-<seq>
  issuer_department_id text not null references licence_issuer (department_id),
  purpose text not null check (purpose in ('revocation', 'suspension')),
  list_seq int not null,
  size int not null,
  version bigint not null default 0,          -- bumped with every status change: caches key on it
  created_at timestamptz not null,
  unique (issuer_department_id, purpose, list_seq)
);

create table licence (
  id text primary key,                        -- credential id urn:uuid:<id>
  licence_no text not null unique,
  type_code text not null references licence_type (code),
  issuer_department_id text not null references licence_issuer (department_id),
  holder_kind text not null check (holder_kind in ('person', 'enterprise')),
  holder_id text not null,                    -- resident ID number or unified social credit code
  holder_name text not null,
  source text not null check (source in ('case', 'import')),
  case_id text unique,                        -- one licence per approved case, however often issuance runs
  import_key text unique,                     -- <department>/<type>/<original number>: an import runs once per row
  fields jsonb not null,
  issued_at timestamptz not null,
  valid_from timestamptz not null,
  valid_until timestamptz,
  key_id text not null,
  credential text not null,                   -- the vc+jwt exactly as signed
  credential_sha256 text not null,
  status text not null default 'active' check (status in ('active', 'suspended', 'revoked')),
  status_reason text,
  status_changed_at timestamptz,
  list_seq int not null,
  status_index int not null,
  unique (issuer_department_id, list_seq, status_index)
);
create index licence_holder on licence (holder_id, issued_at desc);
create index licence_holder_type on licence (holder_id, type_code, issued_at desc);
create index licence_issuer_list on licence (issuer_department_id, list_seq) where status <> 'active';

-- The outbox: written in the transaction that approves a case, worked by the `licences.issue` job
-- (and by a sweep). The primary key makes a retried conclusion a no-op.
create table licence_issuance (
  case_id text primary key,
  requested_at timestamptz not null,
  payload jsonb not null,
  state text not null check (state in ('pending', 'issued', 'failed')),
  attempts int not null default 0,
  last_error text,
  licence_id text references licence (id),
  done_at timestamptz
);
create index licence_issuance_pending on licence_issuance (requested_at) where state = 'pending';

-- Revocations, suspensions and reinstatements, append-only.
create table licence_status_event (
  id text primary key,
  licence_id text not null references licence (id),
  action text not null check (action in ('revoke', 'suspend', 'reinstate')),
  from_status text not null,
  to_status text not null,
  reason text not null,
  actor_type text not null,
  actor_id text,
  at timestamptz not null
);
create index licence_status_event_licence on licence_status_event (licence_id, at);
create trigger licence_status_event_append_only before update or delete on licence_status_event
  for each row execute function refuse_change();

-- Selective sharing (用证): a time-limited link to a licence or chosen fields of it. Only the
-- token's hash is kept.
create table licence_share (
  id text primary key,
  licence_id text not null references licence (id),
  token_sha256 text not null unique,
  audience text not null,
  fields text[],                              -- null: every field
  created_by text not null,
  created_at timestamptz not null,
  expires_at timestamptz not null,
  revoked_at timestamptz
);
create index licence_share_licence on licence_share (licence_id, created_at desc);

-- Every use of a licence by someone other than its holder: a share-link view, or a supply as a
-- material of a case. The holder's "who used my data" view reads this (and the `exchange` audit
-- stream holds the tamper-evident copy).
create table licence_use (
  id text primary key,
  licence_id text not null references licence (id),
  holder_id text not null,
  kind text not null check (kind in ('share_view', 'material')),
  at timestamptz not null,
  share_id text references licence_share (id),
  case_id text,
  material_id text,
  consumer_department_id text,
  audience text,
  fields text[]
);
create index licence_use_holder on licence_use (holder_id, at desc);
create index licence_use_licence on licence_use (licence_id, at desc);
create index licence_use_case on licence_use (case_id) where case_id is not null;
create trigger licence_use_append_only before update or delete on licence_use
  for each row execute function refuse_change();
