-- Identity: departments, staff, citizen/enterprise accounts, sessions. Owned by modules/identity.

-- Departments form one tree: city → district → street/town → community service centre, with the
-- municipal bureaus (and their district branches) as departments too. `kind` says which.
create table department (
  id text primary key,                       -- stable code, e.g. 'SH', 'SH-PD', 'SH-SAMR'
  parent_id text references department (id),
  kind text not null check (kind in ('city', 'district', 'street', 'service_centre', 'bureau', 'office')),
  name_zh text not null,
  name_en text not null,
  -- Administrative division code (GB/T 2260) for city/district/street, when there is one.
  division_code text,
  address text,
  phone text,
  active boolean not null default true,
  created_at timestamptz not null
);
create index department_parent on department (parent_id);

create table staff (
  id text primary key,
  username text not null unique,
  name text not null,
  department_id text not null references department (id),
  password_hash text not null,
  active boolean not null default true,
  failed_logins int not null default 0,
  locked_until timestamptz,
  created_at timestamptz not null
);
create index staff_department on staff (department_id);

create table staff_role (
  staff_id text not null references staff (id),
  role text not null,
  primary key (staff_id, role)
);

-- A citizen account: one natural person, real-name verified against the population registry.
create table user_account (
  id text primary key,
  id_number text not null unique,            -- 18-character resident ID number
  name text not null,
  mobile text not null,
  password_hash text not null,
  verified_at timestamptz not null,          -- real-name verification against the registry
  failed_logins int not null default 0,
  locked_until timestamptz,
  created_at timestamptz not null
);

-- An enterprise account is registered by its legal representative; authorised agents act for it.
create table enterprise_account (
  credit_code text primary key,              -- 18-character unified social credit code
  name text not null,
  registered_by text not null references user_account (id),
  created_at timestamptz not null
);

create table enterprise_member (
  credit_code text not null references enterprise_account (credit_code),
  user_id text not null references user_account (id),
  capacity text not null check (capacity in ('legal_representative', 'agent')),
  granted_by text references user_account (id),
  granted_at timestamptz not null,
  valid_until timestamptz,
  primary key (credit_code, user_id)
);

-- Sessions live in the database so any server process can check them and logout is immediate.
-- The cookie carries a random token; only its sha256 is stored.
create table session (
  id text primary key,
  token_hash text not null unique,
  principal_type text not null check (principal_type in ('user', 'staff')),
  principal_id text not null,
  created_at timestamptz not null,
  last_seen_at timestamptz not null,
  absolute_expires_at timestamptz not null,
  ended_at timestamptz,
  end_reason text,
  ip text,
  user_agent text
);
create index session_principal on session (principal_type, principal_id) where ended_at is null;
