-- Push-type outreach (プッシュ型支援): each month's proposed children, the supervisor's decision, the
-- caseworker's action and its outcome. Nothing is sent or decided automatically: every step is a person's.
create table outreach_item (
    id              bigserial        primary key,
    assess_run      bigint           not null references assess_run (id),
    person_id       text             not null,
    as_of           date             not null,
    score           double precision,
    rank            int,
    reasons         text             not null,
    rule_codes      text             not null default '',
    open_case       boolean          not null default false,
    status          text             not null default 'PROPOSED'
                    check (status in ('PROPOSED', 'APPROVED', 'DISMISSED', 'ASSIGNED', 'DONE')),
    dismiss_reason  text,
    dismissed_until date,
    assignee        text,
    action          text             check (action in ('VISIT', 'PHONE', 'LETTER', 'AGENCY')),
    decided_by      text,
    decided_at      timestamptz,
    outcome         text             check (outcome in ('MET', 'NOT_MET', 'CONNECTED', 'NOT_NEEDED', 'MOVED_OUT')),
    outcome_note_enc bytea,
    outcome_by      text,
    outcome_at      timestamptz,
    unique (assess_run, person_id)
);
create index outreach_item_person on outreach_item (person_id, as_of);
create index outreach_item_assignee on outreach_item (assignee) where status = 'ASSIGNED';
