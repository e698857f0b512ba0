-- Cases (办件): applications from filing to result. Owned by modules/cases.
-- A case is an append-only list of actions (case_action); its status is derived from them in
-- packages/domain (case-status.ts) and cached in case_file.status in the same transaction as each
-- action, together with the counters the plan measures (visits, materials, steps, days).

create table case_file (
  id text primary key,                         -- random uuid: ids in URLs reveal nothing
  tracking_no text not null unique,            -- printed on the receipt (domain tracking-number.ts)
  parent_id text references case_file (id),    -- a bundle member's parent (一件事)
  is_bundle boolean not null default false,
  item_code text not null,
  catalogue_version_id text not null,          -- pinned at filing: the case is judged by this version
  item_version int not null,
  item_name_zh text not null,
  item_name_en text not null,
  -- The process as it applies to this case, frozen at filing (steps with departments resolved,
  -- stages, limits); see domain `planCase`.
  plan jsonb not null,
  channel text not null check (channel in ('online', 'window')),
  service_centre_id text,                      -- department id of the window that filed it
  filed_by_type text not null check (filed_by_type in ('user', 'staff')),
  filed_by_id text not null,
  applicant_type text not null check (applicant_type in ('person', 'enterprise')),
  applicant_id_number text not null,           -- the natural person applying (or acting for the enterprise)
  applicant_name text not null,
  applicant_user_id text,                      -- their account, when they have one
  enterprise_credit_code text,
  enterprise_name text,
  responsible_department_id text not null,
  answers jsonb not null,
  form jsonb not null,
  contact jsonb not null,
  delivery jsonb not null,
  status text not null,
  outcome text,
  version int not null,                        -- = the seq of the last action; optimistic concurrency
  submitted_at timestamptz not null,
  concluded_at timestamptz,
  -- Dates as 'YYYY-MM-DD' text (China time): both drivers return them unchanged, no time-zone shifts.
  due_date text,                               -- promised completion date; null while the clock stands still
  due_at timestamptz,
  warn_at timestamptz,
  statutory_due_date text,
  promised_days int not null,
  statutory_days int not null,
  visits int not null default 0,
  materials_by_applicant int not null default 0,
  materials_by_platform int not null default 0,
  steps_passed int not null default 0,
  elapsed_working_days int,                    -- set at conclusion
  created_at timestamptz not null
);
create index case_file_applicant on case_file (applicant_id_number, submitted_at desc);
create index case_file_enterprise on case_file (enterprise_credit_code, submitted_at desc) where enterprise_credit_code is not null;
create index case_file_parent on case_file (parent_id) where parent_id is not null;
create index case_file_item on case_file (item_code, status);
create index case_file_responsible on case_file (responsible_department_id, status);
create index case_file_centre on case_file (service_centre_id) where service_centre_id is not null;
create index case_file_due on case_file (due_at) where concluded_at is null;

-- The actions. Never updated or deleted (trigger); `seq` numbers them per case, so two writers
-- that both read version n cannot both append n+1. A case ends at most once (`terminal`).
create table case_action (
  id bigserial primary key,
  case_id text not null references case_file (id),
  seq int not null,
  kind text not null,
  step_id text,
  actor_type text not null check (actor_type in ('user', 'staff', 'system')),
  actor_id text,
  actor_name text,
  actor_department_id text,
  at timestamptz not null,
  payload jsonb not null default '{}'::jsonb,
  terminal boolean not null default false,
  unique (case_id, seq)
);
create unique index case_action_one_end on case_action (case_id) where terminal;
create trigger case_action_append_only before update or delete on case_action
  for each row execute function refuse_change();
create trigger case_action_no_truncate before truncate on case_action
  for each statement execute function refuse_change();

-- Work items: one per open step per department (a step that reopens after a return gets a new
-- attempt). Claimed by one reviewer; a supervisor reassigns. `version` guards concurrent claims.
create table case_task (
  id text primary key,
  case_id text not null references case_file (id),
  step_id text not null,
  attempt int not null,
  step_kind text not null,
  step_name_zh text not null,
  step_name_en text not null,
  department_id text not null,
  role text not null,
  status text not null check (status in ('open', 'suspended', 'done', 'cancelled')),
  claimed_by text,
  claimed_at timestamptz,
  version int not null default 0,
  opened_at timestamptz not null,
  closed_at timestamptz,
  closed_by text,
  due_date text,
  warn_at timestamptz,
  due_at timestamptz,
  unique (case_id, step_id, attempt)
);
create index case_task_inbox on case_task (department_id, status, due_at);
create index case_task_case on case_task (case_id);

-- Materials with their provenance: uploaded by the applicant, scanned at the window, or supplied
-- by the platform (data hub, e-licence library, an earlier step). `pending`: the platform is
-- still fetching it. Files are referenced by storage key + sha256 + media type + size.
create table case_material (
  id text primary key,
  case_id text not null references case_file (id),
  material_id text not null,
  item_code text not null,
  name_zh text,
  name_en text,
  provenance text not null check (provenance in ('applicant', 'window', 'datahub', 'licence', 'earlier_step')),
  state text not null check (state in ('attached', 'pending', 'replaced')),
  upload_id text,
  storage_key text,
  sha256 text,
  media_type text,
  size_bytes bigint,
  file_name text,
  source_ref text,                             -- exchange-log id, licence id … of a platform-supplied material
  supplied_at timestamptz not null,
  action_seq int not null
);
create index case_material_case on case_material (case_id);

-- Uploaded files not yet (or already) attached to a case; only their uploader may attach them.
create table case_upload (
  id text primary key,
  owner_type text not null check (owner_type in ('user', 'staff')),
  owner_id text not null,
  storage_key text not null unique,
  sha256 text not null,
  media_type text not null,
  size_bytes bigint not null,
  file_name text not null,
  created_at timestamptz not null,
  case_id text references case_file (id)
);
create index case_upload_owner on case_upload (owner_type, owner_id, created_at desc);

-- Physical presences at a window (跑动次数), with the reason.
create table case_visit (
  id bigserial primary key,
  case_id text not null references case_file (id),
  at timestamptz not null,
  reason text not null,
  service_centre_id text,
  staff_id text,
  action_seq int not null
);
create index case_visit_case on case_visit (case_id);

-- Applications saved before submission: they hold pre-filled personal data, so they are purged
-- after CASE_DRAFT_RETENTION_DAYS. Keyed by the applicant's ID number so a draft started online
-- can be finished at a window (the person present) and the reverse.
create table case_draft (
  id text primary key,
  applicant_id_number text not null,
  enterprise_credit_code text,
  item_code text not null,
  body jsonb not null,
  started_channel text not null check (started_channel in ('online', 'window')),
  created_by_type text not null check (created_by_type in ('user', 'staff')),
  created_by_id text not null,
  created_at timestamptz not null,
  updated_at timestamptz not null
);
create index case_draft_applicant on case_draft (applicant_id_number, updated_at desc);
create index case_draft_updated on case_draft (updated_at);

-- The result of a concluded case (until the licences module issues e-licences).
create table case_result (
  case_id text primary key references case_file (id),
  outcome text not null,
  reasons text not null,
  legal_basis jsonb not null,
  certificate_no text unique,
  decided_by text,
  decided_at timestamptz not null,
  delivery jsonb not null
);

-- SLA timers: a warning and an overdue escalation per case and per step attempt. Re-planned on
-- suspension and resumption (the old row is cancelled, a new one planned); a timer fires at most
-- once (state change under a row lock, and the unique index below), never before `due_at`.
create table case_timer (
  id text primary key,
  case_id text not null references case_file (id),
  scope text not null,                         -- 'case' or a step id
  attempt int not null,                        -- the step attempt (0 for the case)
  kind text not null check (kind in ('warning', 'overdue')),
  due_at timestamptz not null,
  state text not null check (state in ('planned', 'fired', 'cancelled')),
  fired_at timestamptz,
  created_at timestamptz not null
);
create unique index case_timer_fires_once on case_timer (case_id, scope, attempt, kind) where state = 'fired';
create unique index case_timer_one_planned on case_timer (case_id, scope, attempt, kind) where state = 'planned';
create index case_timer_due on case_timer (due_at) where state = 'planned';

-- Self-rescheduling maintenance jobs (draft purge): one row per job chain, so restarts never
-- start a second chain.
create table case_schedule (
  name text primary key,
  started_at timestamptz not null
);
