-- The once-only metrics now read every published item from the catalogue (listPublishedItems), so
-- the hub's own list of items it had heard of is no longer read or written.
drop table if exists datahub_known_item;
