-- Login back-off instead of a lockout (issue 14, finding 10). Failures are counted per account (or,
-- for a username no account has, per that username's hash, so both behave alike) and per client
-- address; past a threshold each further failure makes the key wait longer (doubling, capped).
-- The owner's right password from a known device (a cookie set at a successful login; only its
-- sha256 is kept) still gets in, so an attacker cannot keep people out of their accounts.
create table login_throttle (
  scope text not null check (scope in ('account', 'address')),
  key text not null,
  failures int not null,
  last_failure_at timestamptz not null,
  blocked_until timestamptz,
  primary key (scope, key)
);
create index login_throttle_last_failure on login_throttle (last_failure_at);

create table known_device (
  token_hash text not null,
  principal_type text not null check (principal_type in ('user', 'staff')),
  principal_id text not null,
  created_at timestamptz not null,
  last_used_at timestamptz not null,
  primary key (token_hash, principal_type, principal_id)
);
create index known_device_principal on known_device (principal_type, principal_id);
