-- "Sign out everywhere": a session signed in before this moment is ended on its next request.
alter table app_user add column sessions_valid_after timestamptz;
