-- Basic registries held by the departments (not platform accounts): the population registry of
-- public security and the enterprise registry of market regulation. Owned by modules/registry;
-- identity verifies against them through registry's index.ts, the data hub exposes them later.

create table registry_person (
  id_number text primary key,
  name text not null,
  sex text not null check (sex in ('male', 'female')),
  birth_date date not null,
  ethnicity text not null,
  household_address text not null,          -- 户籍地址
  household_district text not null,         -- department id of the district
  residence_address text not null,
  mobile text,
  marital_status text not null check (marital_status in ('unmarried', 'married', 'divorced', 'widowed')),
  spouse_id_number text,
  alive boolean not null default true,
  updated_at timestamptz not null
);

create table registry_enterprise (
  credit_code text primary key,
  name text not null,
  enterprise_type text not null,            -- 有限责任公司, 股份有限公司, 个人独资企业, 个体工商户 …
  legal_representative_id_number text not null,
  legal_representative_name text not null,
  registered_capital_wan numeric(14, 2) not null,   -- 万元
  established_on date not null,
  address text not null,
  district text not null,                   -- department id of the district
  business_scope text not null,
  status text not null check (status in ('active', 'revoked', 'cancelled')),
  updated_at timestamptz not null
);
create index registry_enterprise_legal_rep on registry_enterprise (legal_representative_id_number);
