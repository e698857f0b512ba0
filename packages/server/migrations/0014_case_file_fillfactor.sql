-- Leave a tenth of each case_file page free, so an update that changes no indexed column (a
-- filing's first action, counters) can put the new row version on the same page: a HOT update,
-- which writes no index entries. Applies to pages written from now on.
alter table case_file set (fillfactor = 90);
