-- The draft purge is a recurring job now (Jobs.every: a pg-boss queue with the `stately` policy keeps
-- one chain per database), so the table that guarded its single chain is no longer read or written.
drop table case_schedule;
