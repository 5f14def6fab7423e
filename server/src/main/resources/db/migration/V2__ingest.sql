-- Ingest: every load of a department extract, its rows, its quarantined rows and its problems.
-- A load is one transaction: rows, problems and the load record commit together or not at all.

create table extract_load (
    id             bigserial primary key,
    source_code    text        not null,
    month          date        not null check (extract(day from month) = 1),
    file_name      text        not null,
    sha256         text        not null check (sha256 ~ '^[0-9a-f]{64}$'),
    size_bytes     bigint      not null,
    encoding       text        not null,
    policy         text        not null check (policy in ('reject-file', 'quarantine-rows')),
    status         text        not null check (status in ('LOADED', 'REJECTED')),
    rows_total     bigint      not null,
    rows_loaded    bigint      not null,
    rows_rejected  bigint      not null,
    problems_total bigint      not null,
    -- The month's extract every reader uses; the previous ones stay as history.
    current        boolean     not null default false,
    uploaded_by    text        not null,
    uploaded_at    timestamptz not null default now(),
    summary_ja     text,
    summary_en     text
);
-- The same file is loaded once: a second upload of identical bytes is detected, not duplicated.
create unique index extract_load_once on extract_load (source_code, sha256) where status = 'LOADED';
create unique index extract_load_one_current on extract_load (source_code) where current;
create index extract_load_by_source on extract_load (source_code, month desc, id desc);

-- Normalised field values (text, numbers, booleans; dates as ISO yyyy-mm-dd) keyed by the
-- definition's field names, and beside them the raw text of every value normalisation changed.
create table extract_row (
    load_id   bigint not null references extract_load (id),
    line_no   bigint not null,
    record_id text   not null,
    fields    jsonb  not null,
    raw       jsonb,
    primary key (load_id, line_no)
);

-- Rows a quarantine-rows source set aside: kept as read, for correction, never used.
create table quarantined_row (
    load_id bigint not null references extract_load (id),
    line_no bigint not null,
    vals    jsonb  not null,
    primary key (load_id, line_no)
);

create table load_problem (
    load_id   bigint not null references extract_load (id),
    seq       int    not null,
    line_no   bigint not null,
    column_name text not null,
    value     text   not null,
    reason_ja text   not null,
    reason_en text   not null,
    primary key (load_id, seq)
);
