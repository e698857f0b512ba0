-- Audit sealer bookkeeping (see platform/audit/sealer.ts).

-- Every committed entry whose transaction id is below `sealed_below` has been chained. The next
-- run only looks at entries with tx_id >= sealed_below, through the index below, so a run stays
-- proportional to what is new, not to the size of the log. This row is a hint, not
-- evidence: if someone moves it forward, the skipped entries stay unsealed and the verifier
-- reports them as an unsealed backlog; if it lies above the current snapshot (a restore into
-- another cluster, whose transaction ids restart lower), the sealer ignores it and rescans.
create table audit_seal_state (
  singleton boolean primary key default true check (singleton),
  sealed_below xid8 not null,
  updated_at timestamptz not null
);

create index audit_log_tx_id on audit_log (tx_id);

-- 0001 refuses TRUNCATE on the log and the chain; checkpoints deserve the same.
create trigger audit_checkpoint_no_truncate before truncate on audit_checkpoint
  for each statement execute function refuse_change();
