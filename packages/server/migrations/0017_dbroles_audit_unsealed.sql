-- The register of audit entries not chained yet: it makes an entry deleted before the sealer
-- chained it detectable (platform/audit/verify.ts reports it as `entries_missing`).
--
-- Why a register and not a gap-free number: a number taken from a sequence has gaps wherever a
-- transaction rolled back, so a gap proves nothing; a gap-free counter row, bumped by every entry,
-- makes every transaction that writes an entry wait for the previous one's commit on that row (and
-- a bulk insert update one row a million times in one transaction). Instead every insert into
-- audit_log — whatever path it takes, one statement-level trigger per statement, set-based — also
-- registers the new ids here, in the same transaction: a rollback undoes both, a commit keeps
-- both. The sealer's insert into audit_chain removes the ids it chains (trigger again), so the
-- table only holds the last few seconds' entries and stays small. An id left here whose entry is
-- gone was deleted before it was sealed; a sealed entry deleted later leaves a chain row pointing
-- to nothing (`entry_deleted`). The server's role cannot touch this table (the triggers' functions
-- run as the owner: security definer), nor delete entries at all; only the schema owner could
-- delete an entry together with its registration, and that is what the verifier cannot see.
create table audit_unsealed (
  entry_id bigint primary key,
  stream text not null
);

-- Entries written before this migration and not chained yet.
insert into audit_unsealed (entry_id, stream)
  select l.id, l.stream from audit_log l where not exists (select 1 from audit_chain c where c.entry_id = l.id);

create function audit_register_unsealed() returns trigger language plpgsql security definer set search_path = public, pg_temp as $$
begin
  insert into audit_unsealed (entry_id, stream) select id, stream from added_entries;
  return null;
end;
$$;

create function audit_unregister_sealed() returns trigger language plpgsql security definer set search_path = public, pg_temp as $$
begin
  delete from audit_unsealed u using sealed_rows s where u.entry_id = s.entry_id;
  return null;
end;
$$;

create trigger audit_log_register_unsealed after insert on audit_log
  referencing new table as added_entries for each statement execute function audit_register_unsealed();
create trigger audit_chain_unregister_sealed after insert on audit_chain
  referencing new table as sealed_rows for each statement execute function audit_unregister_sealed();
