-- Lockout after repeated failed sign-ins (mimamori.security.max-failures, lock-minutes).
alter table app_user add column failed_attempts int not null default 0;
alter table app_user add column locked_until timestamptz;
