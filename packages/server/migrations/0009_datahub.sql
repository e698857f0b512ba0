-- The data hub (数据共享交换): the data resources catalogue with its field dictionary, external
-- department systems, grants tied to purposes, the exchange projection (the tamper-evident record
-- is the `exchange` stream of audit_log), case parties and once-only supplies, consents and
-- objections. Owned by modules/datahub.

-- Data elements (数据元): one meaning, one name, one type and format, across all resources.
create table datahub_field (
  key text primary key,
  name_zh text not null,
  name_en text not null,
  type text not null check (type in ('text', 'address', 'number', 'money', 'date', 'boolean', 'code', 'id_number', 'credit_code')),
  format text,
  allowed_values text[],
  max_length int,
  description text,
  created_at timestamptz not null,
  updated_at timestamptz not null
);

-- Department systems reached over HTTP; their responses must be signed with this key.
create table datahub_external_provider (
  id text primary key,
  department_id text not null,
  name_zh text not null,
  name_en text not null,
  base_url text not null,
  key_id text not null,
  public_key_pem text not null,
  timeout_ms int not null check (timeout_ms between 50 and 30000),
  created_at timestamptz not null,
  updated_at timestamptz not null
);

-- The data resources catalogue (数据资源目录).
create table datahub_resource (
  code text primary key,
  name_zh text not null,
  name_en text not null,
  description_zh text,
  description_en text,
  owner_department_id text not null,
  subject_kind text not null check (subject_kind in ('person', 'enterprise')),
  subject_field text not null,
  update_frequency text not null check (update_frequency in ('realtime', 'daily', 'weekly', 'monthly', 'quarterly', 'yearly')),
  sharing_class text not null check (sharing_class in ('unconditional', 'conditional', 'not_shared')),
  open_data boolean not null default false,
  consent_required boolean not null default false,
  legal_basis text,
  provider_kind text not null check (provider_kind in ('registry', 'http')),
  provider_ref text not null,                  -- registry adapter name, or datahub_external_provider.id
  status text not null default 'active' check (status in ('active', 'retired')),
  version int not null default 1,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  created_by text,
  updated_by text
);
create index datahub_resource_owner on datahub_resource (owner_department_id);

create table datahub_resource_field (
  resource_code text not null references datahub_resource (code) on delete cascade,
  name text not null,
  element text not null references datahub_field (key),
  label_zh text not null,
  label_en text not null,
  personal boolean not null default false,
  sensitive boolean not null default false,
  consent_required boolean not null default false,
  optional boolean not null default false,     -- may rightly be empty (a spouse of someone unmarried)
  position int not null,
  primary key (resource_code, name)
);
create index datahub_resource_field_element on datahub_resource_field (element);

-- A consumer department's right to named fields of a resource, for a purpose serving catalogue items.
create table datahub_grant (
  id text primary key,
  consumer_department_id text not null,
  resource_code text not null references datahub_resource (code),
  fields text[] not null,
  purpose text not null,
  items text[] not null,
  status text not null check (status in ('requested', 'approved', 'refused', 'revoked')),
  requested_by text,
  requested_at timestamptz not null,
  requested_expires_at timestamptz,
  decided_by text,
  decided_at timestamptz,
  decision_note text,
  expires_at timestamptz,
  revoked_by text,
  revoked_at timestamptz,
  revoke_reason text
);
create index datahub_grant_consumer on datahub_grant (consumer_department_id, resource_code, status);
create index datahub_grant_resource on datahub_grant (resource_code, status);

-- One row per exchange (success, refusal or failure), for "who used my data" and officers' usage
-- views. The tamper-evident record is the audit_log entry (stream `exchange`) named by log_entry_id,
-- written in the same transaction; this projection is append-only too.
create table datahub_exchange (
  id text primary key,
  log_entry_id bigint not null,
  at timestamptz not null,
  channel text not null check (channel in ('query', 'filing', 'retry', 'prefill')),
  consumer_department_id text,
  actor_type text not null,
  actor_id text,
  resource_code text not null,
  provider_department_id text,
  fields text[] not null,
  subject text not null,
  purpose text,
  item_code text,
  case_id text,
  grant_id text,
  result text not null,
  records int not null default 0,
  data_sha256 text
);
create index datahub_exchange_subject on datahub_exchange (subject, at desc);
create index datahub_exchange_resource on datahub_exchange (resource_code, at desc);
create index datahub_exchange_case on datahub_exchange (case_id) where case_id is not null;
create trigger datahub_exchange_append_only before update or delete on datahub_exchange
  for each row execute function refuse_change();

-- Who is party to a case, as the hub learnt at filing: queries about anyone else are refused.
create table datahub_case_party (
  case_id text not null,
  subject text not null,
  role text not null check (role in ('applicant', 'enterprise')),
  item_code text not null,
  tracking_no text,
  recorded_at timestamptz not null,
  primary key (case_id, subject)
);

-- Once-only materials fetched for a case, with their provenance and the data obtained.
create table datahub_supply (
  id text primary key,
  case_id text not null,
  tracking_no text,
  material_id text not null,
  item_code text not null,
  consumer_department_id text not null,
  resource_code text not null,
  provider_department_id text not null,
  fields text[] not null,
  subject text not null,
  purpose text not null,
  state text not null check (state in ('attached', 'pending', 'refused', 'failed')),
  reason text,
  attempts int not null default 0,
  next_attempt_at timestamptz,
  exchange_id text,
  data jsonb,
  data_sha256 text,
  fetched_at timestamptz,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  unique (case_id, material_id)
);
create index datahub_supply_due on datahub_supply (next_attempt_at) where state = 'pending';
create index datahub_supply_item on datahub_supply (item_code, state);

-- The person's (or their enterprise's) consent to fetches that the law makes conditional on it.
create table datahub_consent (
  id text primary key,
  act_id text not null,                        -- one consent act covers a bundle's member items
  subject text not null,
  given_by_user_id text not null,
  item_code text not null,
  resources text[] not null,
  given_at timestamptz not null,
  expires_at timestamptz not null,
  withdrawn_at timestamptz
);
create index datahub_consent_subject on datahub_consent (subject, item_code);

-- A data subject's objection to an exchange; the hotline turns it into a work order.
create table datahub_objection (
  id text primary key,
  exchange_id text not null references datahub_exchange (id),
  subject text not null,
  user_id text not null,
  reason text not null,
  status text not null default 'open' check (status in ('open', 'forwarded', 'closed')),
  work_order_ref text,
  created_at timestamptz not null,
  forwarded_at timestamptz
);
create index datahub_objection_status on datahub_objection (status, created_at);
create index datahub_objection_exchange on datahub_objection (exchange_id);

-- Catalogue items the hub has been told about (seeded catalogue, grants, filings), for metrics.
create table datahub_known_item (
  code text primary key,
  first_seen_at timestamptz not null
);

-- ---------------------------------------------------------------------------------------------
-- Department registries the hub serves from inside the platform (the population and enterprise
-- registries belong to modules/registry and are read through its index.ts).
-- ---------------------------------------------------------------------------------------------

create table datahub_registry_marriage (          -- civil affairs: one row per person
  id_number text primary key,
  name text not null,
  spouse_name text,
  spouse_id_number text,
  marital_status text not null,
  registered_on date,
  certificate_number text,
  updated_at timestamptz not null
);

create table datahub_registry_birth (             -- health: birth medical certificates
  certificate_number text primary key,
  child_name text not null,
  child_sex text not null,
  child_birth_date date not null,
  birth_place text not null,
  institution text not null,
  mother_name text,
  mother_id_number text,
  father_name text,
  father_id_number text,
  updated_at timestamptz not null
);
create index datahub_registry_birth_mother on datahub_registry_birth (mother_id_number);
create index datahub_registry_birth_father on datahub_registry_birth (father_id_number);

create table datahub_registry_social_insurance (  -- HR & social security
  id_number text primary key,
  name text not null,
  insured_status text not null,
  employer_credit_code text,
  employer_name text,
  insured_since date,
  contribution_months int not null,
  card_number text,
  updated_at timestamptz not null
);

create table datahub_registry_housing_fund (      -- housing provident fund centre
  account_number text primary key,
  id_number text not null unique,
  name text not null,
  account_status text not null,
  balance numeric(14, 2) not null,
  employer_credit_code text,
  deposit_base numeric(14, 2),
  monthly_deposit numeric(14, 2),
  updated_at timestamptz not null
);

create table datahub_registry_degree (            -- education
  certificate_number text primary key,
  id_number text not null,
  name text not null,
  institution text not null,
  education_level text not null,
  degree text,
  major text not null,
  graduation_date date not null,
  updated_at timestamptz not null
);
create index datahub_registry_degree_person on datahub_registry_degree (id_number);

create table datahub_registry_real_estate (       -- planning & natural resources (registration centre)
  certificate_number text primary key,
  unit_number text not null unique,
  owner_name text not null,
  owner_id_number text not null,
  address text not null,
  area numeric(10, 2) not null,
  usage text not null,
  right_type text not null,
  mortgage_status text not null,
  registered_on date not null,
  updated_at timestamptz not null
);
create index datahub_registry_real_estate_owner on datahub_registry_real_estate (owner_id_number);

create table datahub_registry_tax (               -- taxation
  credit_code text primary key,
  taxpayer_name text not null,
  taxpayer_type text not null,
  tax_authority text not null,
  registered_on date not null,
  status text not null,
  updated_at timestamptz not null
);

create table datahub_registry_vehicle (           -- public security traffic police
  plate_number text primary key,
  vin text not null unique,
  owner_id_number text not null,
  owner_name text not null,
  brand_model text not null,
  vehicle_type text not null,
  registered_on date not null,
  certificate_number text not null,
  inspection_valid_until date not null,
  status text not null,
  updated_at timestamptz not null
);
create index datahub_registry_vehicle_owner on datahub_registry_vehicle (owner_id_number);

create table datahub_registry_driving_licence (   -- public security traffic police
  id_number text primary key,
  name text not null,
  licence_number text not null,
  permitted_class text not null,
  first_issued_on date not null,
  valid_until date not null,
  status text not null,
  updated_at timestamptz not null
);
