-- 接触記録 (contacts): a typed, dated record of each time the centre met, called or heard about the family,
-- kept as versions so that a correction never overwrites what was first written. The case's history used
-- to hold contacts as free notes (case_event kind CONTACT); they move here as contacts of an unrecorded kind.
-- Who was met and the note are a caseworker's words about the family: stored encrypted, like case notes.
create table case_contact (
    id          bigserial   primary key,
    -- on delete cascade: the retention job deletes a child's case and everything about it in one statement.
    case_id     bigint      not null references case_file (id) on delete cascade,
    created_by  text        not null,
    created_at  timestamptz not null default now()
);
create index case_contact_case on case_contact (case_id);

create table case_contact_version (
    contact_id  bigint      not null references case_contact (id) on delete cascade,
    version     int         not null check (version >= 1),
    kind        text        not null check (kind in ('HOME_VISIT', 'PHONE', 'CENTRE_VISIT', 'AGENCY', 'SCHOOL_NURSERY', 'ONLINE', 'LETTER', 'OTHER', 'UNRECORDED')),
    contact_at  timestamptz not null,
    met_enc     bytea,
    note_enc    bytea       not null,
    -- Why a version after the first was written (a correction must say why); null for the first.
    reason_enc  bytea,
    recorded_by text        not null,
    recorded_at timestamptz not null default now(),
    primary key (contact_id, version),
    check ((version = 1) = (reason_enc is null))
);

-- Every free-note contact of the case history becomes a contact with its first version, dated when it
-- was written (the old form had no date of its own). Its ciphertext moves as it is: same key, same format.
create temporary table moved_contact on commit drop as
    select e.id as event_id, nextval('case_contact_id_seq') as contact_id, e.case_id, e.actor, e.at, e.note_enc
    from case_event e where e.kind = 'CONTACT' and e.note_enc is not null;
insert into case_contact (id, case_id, created_by, created_at)
    select contact_id, case_id, actor, at from moved_contact;
insert into case_contact_version (contact_id, version, kind, contact_at, met_enc, note_enc, reason_enc, recorded_by, recorded_at)
    select contact_id, 1, 'UNRECORDED', at, null, note_enc, null, actor, at from moved_contact;
-- The history keeps that a contact was recorded, not a second copy of the note.
update case_event e set note_enc = null, detail = '接触記録 / contact recorded（接触記録へ移行 / moved to the contacts）'
    from moved_contact m where e.id = m.event_id;

-- 制限ケース (restricted case): a DV case, or the child of a staff member's relative: only the assigned
-- caseworker and the centre's supervisors may open it or see it in lists and timelines. Why it is
-- restricted is itself sensitive (it may name the staff member), so it is stored encrypted.
alter table case_file add column restricted boolean not null default false;
alter table case_file add column restricted_reason_enc bytea;
alter table case_file add column restricted_by text;
alter table case_file add column restricted_at timestamptz;

-- The case history said a risk assessment's level by its stored value (HIGH); staff read 高 / high.
update case_event set detail = replace(replace(replace(detail, ': HIGH（', ': 高 / high（'), ': MEDIUM（', ': 中 / medium（'), ': LOW（', ': 低 / low（')
    where kind = 'ASSESSMENT';
