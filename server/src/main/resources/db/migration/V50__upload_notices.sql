-- 取込のお知らせ (upload notices): what the answer to one upload said when it stored no load of its own,
-- e.g. "the same file was loaded before" or "the file was empty". Kept so that the page showing it can
-- be loaded again (a browser's upload script loads it twice) and still say it; a one-time message
-- would be gone by then. Shown only to the person who uploaded; old notices are pruned as new ones come.
create table upload_notice (
    id          bigserial primary key,
    username    text        not null,
    source_code text,
    load_id     bigint references extract_load (id) on delete cascade,
    kind        text        not null check (kind in ('DUPLICATE', 'EMPTY', 'REFUSED')),
    message_ja  text        not null,
    message_en  text        not null,
    created_at  timestamptz not null
);
create index upload_notice_user on upload_notice (username, id);
