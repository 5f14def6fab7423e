-- Assessment (issue 7): each month's indicators per child and the children staff rules flagged.

-- Staff-written rules, versioned: a change is a new version; the old one stays for the record.
create table assess_rule (
    code       text        not null check (code ~ '^[A-Z0-9_]{1,40}$'),
    version    int         not null,
    name_ja    text        not null,
    reason_ja  text        not null,
    min_age    int         not null check (min_age between 0 and 17),
    max_age    int         not null check (max_age between 0 and 17),
    conditions text        not null,
    active     boolean     not null default true,
    created_by text        not null,
    created_at timestamptz not null default now(),
    primary key (code, version),
    check (min_age <= max_age)
);

insert into assess_rule (code, version, name_ja, reason_ja, min_age, max_age, conditions, created_by) values
 ('UNSEEN_PRESCHOOL', 1, '誰も会えていない未就学児',
  '3歳児健診が未受診で、保育所・幼稚園等にも通っていない（誰も会えていない可能性）', 4, 5, 'HEALTH_CHECK_3Y_MISSED>=1;CHILDCARE<=0', 'system'),
 ('LONG_ABSENCE', 1, '長期欠席', '直近3か月の欠席が15日以上', 6, 17, 'ABSENCE_90>=15', 'system'),
 ('MISSED_CHECKS_AND_VACCINES', 1, '健診と予防接種の遅れ', '乳幼児健診の未受診と予防接種の遅れが重なっている', 0, 3,
  'HEALTH_CHECK_MISSED>=1;VACCINATION_OVERDUE>=2', 'system');

create table assess_run (
    id          bigserial   primary key,
    link_run    bigint      not null references link_run (id),
    as_of       date        not null,
    indicators  text[]      not null,
    children    int         not null default 0,
    flagged     int         not null default 0,
    run_by      text        not null,
    started_at  timestamptz not null default now(),
    finished_at timestamptz
);

-- One row per child: the indicator values in the run's `indicators` order.
create table child_indicator (
    run_id    bigint not null references assess_run (id),
    person_id text   not null,
    age       int    not null,
    vals      real[] not null,
    primary key (run_id, person_id)
);

create table rule_flag (
    run_id       bigint not null references assess_run (id),
    person_id    text   not null,
    rule_code    text   not null,
    rule_version int    not null,
    reason_ja    text   not null,
    primary key (run_id, person_id, rule_code)
);
