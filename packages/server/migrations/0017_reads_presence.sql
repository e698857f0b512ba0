-- Issue 14: presence at a service window is evidence, not a claim. ID-card readers are registered
-- to a centre's seat with their Ed25519 public key (the private key stays in the device); a read
-- of a person's card chip, signed by such a reader, fresh and single-use, gives the clerk a
-- presence record for that person for a limited time. `sms_otp` is the other evidence (a one-time
-- code sent to the registry's mobile), recorded by that mechanism through `recordPresence`.
create table datahub_card_reader (
  id text primary key,
  public_key text not null,
  service_centre_id text not null,
  seat text not null,
  registered_by text not null,
  registered_at timestamptz not null,
  revoked_at timestamptz
);

create table datahub_presence (
  id text primary key,
  staff_id text not null,
  subject text not null,
  name text not null,
  service_centre_id text not null,
  evidence text not null check (evidence in ('id_card_chip', 'sms_otp')),
  -- The reader and its nonce for a card read; the code's reference for a one-time code.
  evidence_ref text not null,
  nonce text,
  in_registry boolean not null,
  created_at timestamptz not null,
  expires_at timestamptz not null,
  unique (evidence_ref, nonce)
);
create index datahub_presence_lookup on datahub_presence (staff_id, subject, expires_at);
