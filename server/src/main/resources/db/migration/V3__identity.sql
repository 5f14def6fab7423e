-- Identity resolution (名寄せ): every linkage run, the persons and households it found, which record
-- is which person, the pairs left for review, and reviewers' decisions, which every later run respects.

create table link_run (
    id              bigserial primary key,
    started_at      timestamptz not null default now(),
    finished_at     timestamptz,
    run_by          text        not null,
    records         bigint      not null default 0,
    persons         bigint      not null default 0,
    candidate_pairs bigint      not null default 0,
    matched_pairs   bigint      not null default 0,
    review_pairs    bigint      not null default 0,
    new_persons     bigint      not null default 0,
    kept_persons    bigint      not null default 0,
    model           jsonb
);

-- Random identifiers, never derived from personal data; a person keeps theirs from run to run.
create table person (
    person_id text   primary key check (person_id ~ '^P[0-9A-Z]{12}$'),
    first_run bigint not null references link_run (id)
);

create table household (
    household_id      text   primary key check (household_id ~ '^H[0-9A-Z]{12}$'),
    juki_household_no text   not null unique,
    first_run         bigint not null references link_run (id)
);

create table record_link (
    run_id            bigint  not null references link_run (id),
    source_code       text    not null,
    record_id         text    not null,
    person_id         text    not null references person (person_id),
    household_id      text    references household (household_id),
    is_child          boolean not null,
    match_probability double precision not null,
    primary key (run_id, source_code, record_id)
);
create index record_link_person on record_link (run_id, person_id);

create table link_review (
    run_id      bigint not null references link_run (id),
    seq         int    not null,
    source_a    text   not null,
    record_a    text   not null,
    source_b    text   not null,
    record_b    text   not null,
    probability double precision not null,
    explanation jsonb  not null,
    primary key (run_id, seq)
);

create table link_decision (
    source_a   text        not null,
    record_a   text        not null,
    source_b   text        not null,
    record_b   text        not null,
    same       boolean     not null,
    reason     text,
    decided_by text        not null,
    decided_at timestamptz not null default now(),
    primary key (source_a, record_a, source_b, record_b)
);
