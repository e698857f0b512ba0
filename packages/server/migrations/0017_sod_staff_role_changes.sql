-- Separation of duties (issue 14): who created each staff account (the creator and the accounts
-- it created are one party for four-eyes rules), and every role change, shown to the other
-- administrators of the person's department subtree.

alter table staff add column created_by text references staff (id);
create index staff_created_by on staff (created_by) where created_by is not null;

create table staff_role_change (
  id text primary key,
  at timestamptz not null,
  staff_id text not null references staff (id),
  staff_name text not null,
  -- The person's department after the change (the administrators who see it: that subtree's).
  department_id text not null references department (id),
  changed_by text references staff (id),
  changed_by_name text,
  roles_from text[] not null,
  roles_to text[] not null,
  request_id text
);
create index staff_role_change_department_at on staff_role_change (department_id, at desc, id);

create trigger staff_role_change_append_only before update or delete on staff_role_change
  for each row execute function refuse_change();
create trigger staff_role_change_no_truncate before truncate on staff_role_change
  for each statement execute function refuse_change();
