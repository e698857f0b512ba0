-- Identity indexes beyond 0002. Owned by modules/identity.

-- Citizens log in with their mobile as well as their ID number, and registration refuses a mobile
-- that another account already uses: both look accounts up by mobile.
create index user_account_mobile on user_account (mobile);

-- Every request of a citizen resolves the enterprises they may act for (by user); the primary
-- key (credit_code, user_id) only serves lookups by enterprise.
create index enterprise_member_user on enterprise_member (user_id);

-- Work is routed to "the reviewers of department X": staff looked up by role.
create index staff_role_role on staff_role (role);
