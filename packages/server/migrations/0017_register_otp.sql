-- One-time codes (platform/otp): six digits sent to a person (by SMS) to prove they hold that
-- number — citizen registration now, presence at a service window later. Only a salted sha256 of
-- the code is kept; a code is for one purpose and one subject, expires within minutes, allows a few
-- wrong tries, and is used once. Issuing a new one for the same purpose and subject ends the old.
create table one_time_code (
  id text primary key,
  purpose text not null,
  subject text not null,
  salt text not null,
  code_hash text not null,
  expires_at timestamptz not null,
  attempts int not null default 0,
  max_attempts int not null,
  created_at timestamptz not null,
  used_at timestamptz,
  ended_at timestamptz
);
-- At most one live code per purpose and subject.
create unique index one_time_code_live on one_time_code (purpose, subject) where used_at is null and ended_at is null;
create index one_time_code_expiry on one_time_code (expires_at);
