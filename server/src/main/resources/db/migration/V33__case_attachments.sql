-- 添付 (attachments) of a case: a scanned letter from a school, a photo of a 母子健康手帳 page, an agency's
-- report. The file and its name (names often carry the family's) are stored encrypted like the notes;
-- the type is what the bytes are (checked on upload), not what the browser claimed.
create table case_attachment (
    id            bigserial   primary key,
    case_id       bigint      not null references case_file (id) on delete cascade,
    file_name_enc bytea       not null,
    description_enc bytea,
    content_type  text        not null check (content_type in ('application/pdf', 'image/jpeg', 'image/png')),
    size_bytes    bigint      not null check (size_bytes > 0),
    sha256        text        not null,
    content_enc   bytea       not null,
    uploaded_by   text        not null,
    uploaded_at   timestamptz not null default now()
);
create index case_attachment_case on case_attachment (case_id);
