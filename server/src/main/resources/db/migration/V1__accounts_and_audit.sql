-- Accounts and the audit log: the two things every later feature relies on.

create table app_user (
    id            bigserial primary key,
    username      text        not null unique check (username ~ '^[a-z0-9][a-z0-9._-]{2,63}$'),
    display_name  text        not null check (length(display_name) between 1 and 100),
    password_hash text        not null,
    role          text        not null check (role in ('ADMIN', 'DEPT_UPLOADER', 'CENTER_CASEWORKER', 'CENTER_SUPERVISOR', 'ANALYST')),
    -- The one source system a department uploader may store data for; nothing else has one.
    source_code   text,
    enabled       boolean     not null default true,
    created_at    timestamptz not null default now(),
    constraint uploader_has_source check ((role = 'DEPT_UPLOADER') = (source_code is not null))
);

-- Append-only, hash-chained record of every read and write of personal data and every
-- administrative action. Each row carries the hash of the previous one, so an edit made behind
-- the application's back (even by a superuser) breaks the chain at that row.
create table audit_event (
    id          bigserial primary key,
    at          timestamptz not null,
    actor       text        not null,
    actor_role  text,
    action      text        not null,
    target      text,
    purpose     text,
    detail      text,
    remote_addr text,
    prev_hash   text        not null,
    hash        text        not null
);
create index audit_event_actor on audit_event (actor, at);
create index audit_event_target on audit_event (target, at);

create function audit_event_append_only() returns trigger language plpgsql as $$
begin
    raise exception '監査ログは追記のみです / audit_event is append-only (% refused)', tg_op;
end
$$;

create trigger audit_event_no_change
    before update or delete or truncate on audit_event
    for each statement execute function audit_event_append_only();
