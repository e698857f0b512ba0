-- Notifications (platform/notify): the in-app inbox and the outgoing e-mail/SMS log.

-- In-app inbox. Addressed to a person (resident ID number, so walk-in applicants see it once they
-- have an account), a staff member, or the holders of a role in a department (escalations).
create table notification (
  id text primary key,
  recipient_type text not null check (recipient_type in ('person', 'staff', 'department_role')),
  recipient_id text not null,                  -- ID number, staff id, or department id
  recipient_role text,                         -- for department_role
  kind text not null,
  title text not null,
  body text not null,
  link text,
  case_id text,
  created_at timestamptz not null,
  read_at timestamptz
);
create index notification_recipient on notification (recipient_type, recipient_id, created_at desc);

-- E-mails and text messages to send (outbox rows written with the business change; a job sends
-- them). With no SMTP server configured, e-mails stay here as the development mailbox.
create table outbound_message (
  id text primary key,
  channel text not null check (channel in ('email', 'sms')),
  recipient text not null,
  subject text not null,
  body text not null,
  status text not null check (status in ('pending', 'sent', 'failed', 'captured')),
  attempts int not null default 0,
  last_error text,
  created_at timestamptz not null,
  sent_at timestamptz
);
create index outbound_message_created on outbound_message (created_at desc);
