-- A clerk's identity check of the person at a service window (人员核验) reads the population
-- registry; it is logged as a use of the person's data (channel `window`), so the person sees it
-- under "who used my data". Until now it was only an audit entry, which that page does not list.
alter table datahub_exchange drop constraint datahub_exchange_channel_check;
alter table datahub_exchange add constraint datahub_exchange_channel_check
  check (channel in ('query', 'filing', 'retry', 'prefill', 'share', 'window'));
