-- Agent invitations (issue 14, finding 10): a legal representative's authorisation of an agent
-- (经办人) waits for the invitee's consent. An invitation names a resident ID number, whether or
-- not that person has an account yet (the answer to the representative is the same either way);
-- the person accepts or declines it from their account.
create table enterprise_invitation (
  id text primary key,
  credit_code text not null references enterprise_account (credit_code),
  id_number text not null,
  invited_by text not null references user_account (id),
  -- End of the authorisation once accepted (null: no end).
  valid_until timestamptz,
  status text not null check (status in ('pending', 'accepted', 'declined')),
  created_at timestamptz not null,
  expires_at timestamptz not null,
  answered_at timestamptz
);
create unique index enterprise_invitation_pending on enterprise_invitation (credit_code, id_number) where status = 'pending';
create index enterprise_invitation_invitee on enterprise_invitation (id_number) where status = 'pending';
