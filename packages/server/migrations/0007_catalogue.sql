-- Catalogue: service items (政务服务事项) and their immutable versions. Owned by modules/catalogue.

create extension if not exists pg_trgm;

-- One row per item code. The item's content lives in its versions; the columns after
-- `popularity` are a copy of the published version's listing fields and search text, refreshed in
-- the transaction that publishes or withdraws, so search and lists never parse documents.
create table catalogue_item (
  code text primary key,
  -- Department id (identity) owning the item: scopes who may edit it. Set from the published version.
  responsible_department text not null,
  published_version_id text,               -- null: nothing published (draft only, or withdrawn)
  created_at timestamptz not null,
  created_by text not null,
  -- How much the item is used, until cases exist to count it (seeded).
  popularity int not null default 0,
  name_zh text,
  name_en text,
  item_type text,
  applicant_type text,
  visits int,
  promised_days int,
  online_depth text,
  channels text[] not null default '{}',
  themes text[] not null default '{}',
  events text[] not null default '{}',
  is_bundle boolean not null default false,
  bundle_members text[] not null default '{}',
  published_version_no int,
  -- Words (Chinese split with Intl.Segmenter, English lower-cased) in a `simple` tsvector:
  -- weight A name, B summary and materials, C the rest.
  search_vector tsvector,
  -- Both names (and the name of the licence the item issues), lower-case, for typo-tolerant trigram matching.
  search_name text
);
create index catalogue_item_published on catalogue_item (popularity desc, code) where published_version_id is not null;
create index catalogue_item_department on catalogue_item (responsible_department);
create index catalogue_item_search on catalogue_item using gin (search_vector);
create index catalogue_item_name_trgm on catalogue_item using gin (search_name gin_trgm_ops);
create index catalogue_item_themes on catalogue_item using gin (themes);
create index catalogue_item_events on catalogue_item using gin (events);
create index catalogue_item_members on catalogue_item using gin (bundle_members);

-- Versions: draft → submitted → published → superseded | withdrawn (submitted → draft when the
-- reviewer sends it back). Content is editable only while draft; a trigger refuses anything else,
-- so a case pinned to a version id always reads what the applicant was shown.
create table catalogue_version (
  id text primary key,
  item_code text not null references catalogue_item (code),
  version_no int not null,
  status text not null check (status in ('draft', 'submitted', 'published', 'superseded', 'withdrawn')),
  content jsonb not null,
  author_id text not null,
  -- Everyone who wrote into this version; none of them may publish it.
  editors text[] not null,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  submitted_by text,
  submitted_at timestamptz,
  rejected_reason text,
  published_by text,
  published_at timestamptz,
  superseded_at timestamptz,
  withdrawn_by text,
  withdrawn_at timestamptz,
  withdrawn_reason text,
  unique (item_code, version_no)
);
-- At most one version in the works per item.
create unique index catalogue_version_open on catalogue_version (item_code) where status in ('draft', 'submitted');
create index catalogue_version_status on catalogue_version (status, updated_at desc) where status in ('draft', 'submitted');

alter table catalogue_item
  add constraint catalogue_item_published_version foreign key (published_version_id) references catalogue_version (id);

create function catalogue_version_guard() returns trigger language plpgsql as $$
begin
  if tg_op = 'DELETE' then
    if old.status <> 'draft' then
      raise exception 'CATALOGUE_VERSION_IMMUTABLE: version % of % is %', old.version_no, old.item_code, old.status
        using errcode = 'insufficient_privilege';
    end if;
    return old;
  end if;
  if new.id <> old.id or new.item_code <> old.item_code or new.version_no <> old.version_no
     or new.author_id <> old.author_id or new.created_at <> old.created_at then
    raise exception 'CATALOGUE_VERSION_IMMUTABLE: identity of a version never changes' using errcode = 'insufficient_privilege';
  end if;
  if old.status <> 'draft' and new.content is distinct from old.content then
    raise exception 'CATALOGUE_VERSION_IMMUTABLE: version % of % is %', old.version_no, old.item_code, old.status
      using errcode = 'insufficient_privilege';
  end if;
  if new.status <> old.status and not (
       (old.status = 'draft' and new.status = 'submitted')
    or (old.status = 'submitted' and new.status in ('draft', 'published'))
    or (old.status = 'published' and new.status in ('superseded', 'withdrawn'))
  ) then
    raise exception 'CATALOGUE_INVALID_TRANSITION: % → %', old.status, new.status using errcode = 'insufficient_privilege';
  end if;
  if old.status in ('published', 'superseded', 'withdrawn') and (
       new.published_by is distinct from old.published_by or new.published_at is distinct from old.published_at) then
    raise exception 'CATALOGUE_VERSION_IMMUTABLE: publication record of a version never changes' using errcode = 'insufficient_privilege';
  end if;
  if old.status in ('superseded', 'withdrawn') and row(new.*) is distinct from row(old.*) then
    raise exception 'CATALOGUE_VERSION_IMMUTABLE: version % of % is %', old.version_no, old.item_code, old.status
      using errcode = 'insufficient_privilege';
  end if;
  return new;
end;
$$;

create trigger catalogue_version_guard before update or delete on catalogue_version
  for each row execute function catalogue_version_guard();
