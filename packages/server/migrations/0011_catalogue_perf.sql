-- Catalogue read performance (see bench/catalogue.mjs). Owned by modules/catalogue.
--
-- A generation counter that moves with every statement changing `catalogue_item` (publish,
-- withdraw, import, popularity). Each server process keeps its public reads (guides, lists,
-- search results) cached until the counter moves — it reads this one row every few seconds —
-- instead of rebuilding every entry on a short timer. The counter is a row, not a sequence, so a
-- reader sees the new value only once the change has committed (a sequence moves at once, and a
-- reader could rebuild from the old data and keep it).
create table catalogue_state (
  singleton boolean primary key default true check (singleton),
  generation bigint not null default 0
);
insert into catalogue_state (singleton, generation) values (true, 0);

create function catalogue_bump_generation() returns trigger language plpgsql as $$
begin
  update catalogue_state set generation = generation + 1;
  return null;
end;
$$;

create trigger catalogue_item_changed after insert or update or delete on catalogue_item
  for each statement execute function catalogue_bump_generation();

-- The catalogue is written a few times a day and read all the time. GIN's pending list
-- (`fastupdate`) only helps frequent writers; after a bulk import it makes the planner cost the
-- index so high that a two-word search scans the whole table until the next vacuum (60 ms instead
-- of 0.2 ms for a rare word on 5,000 items). Without it each insert updates the index itself.
alter index catalogue_item_search set (fastupdate = off);
alter index catalogue_item_name_trgm set (fastupdate = off);
select gin_clean_pending_list('catalogue_item_search'::regclass);
select gin_clean_pending_list('catalogue_item_name_trgm'::regclass);
