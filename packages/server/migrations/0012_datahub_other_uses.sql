-- Uses of a person's data that happen in other modules land in the same exchange log (owned by
-- modules/datahub): an e-licence viewed through a share link (channel `share`) or supplied as a
-- material at filing (channel `filing`). Such a use names what was used itself, since it is not one
-- of the hub's resources.
alter table datahub_exchange drop constraint datahub_exchange_channel_check;
alter table datahub_exchange add constraint datahub_exchange_channel_check
  check (channel in ('query', 'filing', 'retry', 'prefill', 'share'));
alter table datahub_exchange add column resource_name_zh text;
alter table datahub_exchange add column resource_name_en text;
