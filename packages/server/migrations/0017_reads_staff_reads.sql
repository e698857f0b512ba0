-- Issue 14: every staff read of a person's data is in their "who used my data". Staff reads of a
-- case, its result or material files, a window lookup and drafts are logged as uses (channel
-- `staff_read`), and every entry by a member of staff names them (`actor_name`, as at the time),
-- beside the reader's own department or service centre (`consumer_department_id`).
alter table datahub_exchange drop constraint datahub_exchange_channel_check;
alter table datahub_exchange add constraint datahub_exchange_channel_check
  check (channel in ('query', 'filing', 'retry', 'prefill', 'share', 'window', 'staff_read'));
alter table datahub_exchange add column actor_name text;
