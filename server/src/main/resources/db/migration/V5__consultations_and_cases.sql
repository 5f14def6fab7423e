-- こども総合相談: the centre's consultations (相談), cases (ケース), referrals (つなぎ), follow-ups and
-- alerts, plus the search index that finds a linked child by any form of their name.
-- Free text about a family (consultation content, assessment notes, referral content and replies) is
-- stored only encrypted (AES-GCM, key from configuration): columns ending in _enc are ciphertext.

-- Editable code tables: channels, who contacted, consultation types, the risk checklist, agencies.
create table code_entry (
    kind     text    not null check (kind in ('channel', 'contact', 'consultation_type', 'risk_item', 'agency')),
    code     text    not null check (code ~ '^[a-z0-9_]{1,40}$'),
    label_ja text    not null check (length(label_ja) between 1 and 60),
    label_en text    not null check (length(label_en) between 1 and 80),
    sort     int     not null,
    active   boolean not null default true,
    primary key (kind, code)
);

insert into code_entry (kind, code, label_ja, label_en, sort) values
 ('channel', 'visit_centre', '来所', 'came to the centre', 1),
 ('channel', 'phone', '電話', 'telephone', 2),
 ('channel', 'home_visit', '訪問', 'home visit', 3),
 ('channel', 'email', 'メール', 'e-mail', 4),
 ('channel', 'online', 'オンライン', 'online', 5),
 ('channel', 'agency_report', '関係機関からの連絡', 'report from an agency (連絡/通告)', 6),
 ('contact', 'self', '本人', 'the child', 1),
 ('contact', 'mother', '母', 'mother', 2),
 ('contact', 'father', '父', 'father', 3),
 ('contact', 'relative', '親族', 'relative', 4),
 ('contact', 'neighbour', '近隣', 'neighbour', 5),
 ('contact', 'school', '学校', 'school', 6),
 ('contact', 'nursery', '保育所', 'nursery', 7),
 ('contact', 'kindergarten', '幼稚園', 'kindergarten', 8),
 ('contact', 'police', '警察', 'police', 9),
 ('contact', 'jisou', '児童相談所', 'child guidance centre', 10),
 ('contact', 'hokenjo', '保健所', 'public health centre', 11),
 ('contact', 'medical', '医療機関', 'medical institution', 12),
 ('contact', 'city_dept', '庁内各課', 'city department', 13),
 ('contact', 'other', 'その他', 'other', 14),
 ('consultation_type', 'abuse_physical', '虐待（身体的）', 'abuse: physical', 1),
 ('consultation_type', 'abuse_sexual', '虐待（性的）', 'abuse: sexual', 2),
 ('consultation_type', 'abuse_neglect', '虐待（ネグレクト）', 'abuse: neglect', 3),
 ('consultation_type', 'abuse_psychological', '虐待（心理的）', 'abuse: psychological', 4),
 ('consultation_type', 'witnessed_dv', '面前DV', 'domestic violence witnessed by the child', 5),
 ('consultation_type', 'parenting_difficulty', '養育困難', 'difficulty in raising the child', 6),
 ('consultation_type', 'parenting_anxiety', '育児不安', 'parenting anxiety', 7),
 ('consultation_type', 'development', '発達', 'development', 8),
 ('consultation_type', 'school_refusal', '不登校', 'school non-attendance', 9),
 ('consultation_type', 'bullying', 'いじめ', 'bullying', 10),
 ('consultation_type', 'delinquency', '非行', 'delinquency', 11),
 ('consultation_type', 'economic_hardship', '経済的困窮', 'economic hardship', 12),
 ('consultation_type', 'dv', 'DV', 'domestic violence', 13),
 ('consultation_type', 'single_parent', 'ひとり親', 'single parent', 14),
 ('consultation_type', 'young_carer', 'ヤングケアラー', 'young carer', 15),
 ('consultation_type', 'pregnancy', '妊娠・出産', 'pregnancy and childbirth', 16),
 ('consultation_type', 'other', 'その他', 'other', 17),
 ('risk_item', 'injury_unexplained', '説明のつかない外傷がある', 'unexplained injury', 1),
 ('risk_item', 'child_fears_home', 'こどもが帰宅を嫌がる・怖がる', 'child afraid to go home', 2),
 ('risk_item', 'hygiene_neglect', '衣服・身体の不衛生が続いている', 'persistent poor hygiene', 3),
 ('risk_item', 'missed_checks', '健診・予防接種の未受診が続いている', 'missed health checks and vaccinations', 4),
 ('risk_item', 'absence', '長期欠席・不登校', 'long absence from school', 5),
 ('risk_item', 'carer_mental_health', '養育者の精神的な不調', 'carer''s mental health', 6),
 ('risk_item', 'carer_isolated', '養育者が孤立している', 'carer isolated', 7),
 ('risk_item', 'dv_in_home', '家庭内でDVがある', 'domestic violence at home', 8),
 ('risk_item', 'economic', '経済的困窮', 'economic hardship', 9),
 ('risk_item', 'previous_reports', '過去に通告・相談歴がある', 'previous reports or consultations', 10),
 ('agency', 'jisou', '児童相談所', 'child guidance centre', 1),
 ('agency', 'school', '学校', 'school', 2),
 ('agency', 'nursery', '保育所・幼稚園', 'nursery / kindergarten', 3),
 ('agency', 'hokenjo', '保健所・保健センター', 'public health centre', 4),
 ('agency', 'police', '警察', 'police', 5),
 ('agency', 'medical', '医療機関', 'medical institution', 6),
 ('agency', 'welfare', '生活福祉課', 'public assistance office', 7),
 ('agency', 'disability', '障害福祉課', 'disability welfare', 8),
 ('agency', 'yotaikyo', '要保護児童対策地域協議会', 'regional council for children requiring protection', 9),
 ('agency', 'other', 'その他', 'other', 10);

-- Search index over the latest linkage run: one profile per person and every key their names fold to
-- (full name and given name, kanji and reading), so a prefix lookup finds 髙橋 by 高橋 or たかはし.
-- Derived data, rebuilt by every run inside its transaction: no foreign keys, which would cost a lookup
-- per row on millions of rows for nothing.
create table person_profile (
    person_id    text    primary key,
    run_id       bigint  not null,
    household_id text,
    is_child     boolean not null,
    name         text,
    kana         text,
    birth_date   date,
    sex          text,
    address      text,
    address_key  text,
    sources      text    not null
);
create index person_profile_birth on person_profile (birth_date);
create index person_profile_address on person_profile (address_key text_pattern_ops);
create index person_profile_household on person_profile (household_id);

create table person_key (
    key       text not null,
    person_id text not null
);
create index person_key_prefix on person_key (key text_pattern_ops);

-- A child the centre deals with: linked to a こどもID where one exists, or recorded only here (a child
-- not yet in any extract: newly moved in, unborn, or known only by name).
create table child_subject (
    id          bigserial   primary key,
    person_id   text        references person (person_id),
    name        text        not null check (length(name) between 1 and 100),
    kana        text,
    birth_date  date,
    sex         text        check (sex in ('M', 'F')),
    address     text,
    name_key    text        not null,
    reading_key text,
    created_by  text        not null,
    created_at  timestamptz not null default now()
);
create unique index child_subject_one_per_person on child_subject (person_id) where person_id is not null;
create index child_subject_name on child_subject (name_key text_pattern_ops);
create index child_subject_reading on child_subject (reading_key text_pattern_ops);

create sequence case_no_seq;
create sequence consultation_no_seq;

create table case_file (
    id              bigserial   primary key,
    case_no         text        not null unique,
    child_id        bigint      not null references child_subject (id),
    household_id    text,
    status          text        not null check (status in ('RECEIVED', 'INVESTIGATION', 'ASSESSMENT', 'SUPPORT', 'MONITORING', 'CLOSED')),
    caseworker      text        not null,
    opened_at       timestamptz not null default now(),
    closed_at       timestamptz,
    closing_reason  text,
    next_action     text,
    next_due        date,
    last_contact_at timestamptz not null default now(),
    -- 要保護児童対策地域協議会 (要対協) registration and its category.
    yotaikyo        text        not null default 'NONE' check (yotaikyo in ('NONE', 'YOHOGO', 'YOSHIEN', 'TOKUTEI_NINPU')),
    yotaikyo_since  date,
    check ((status = 'CLOSED') = (closed_at is not null))
);
-- One open case per child: a new consultation joins it rather than starting another.
create unique index case_file_one_open on case_file (child_id) where status <> 'CLOSED';
create index case_file_caseworker on case_file (caseworker) where status <> 'CLOSED';

create table consultation (
    id              bigserial   primary key,
    consultation_no text        not null unique,
    received_at     timestamptz not null,
    channel         text        not null,
    contact         text        not null,
    urgency         text        not null check (urgency in ('LOW', 'MEDIUM', 'HIGH', 'EMERGENCY')),
    staff           text        not null,
    content_enc     bytea       not null,
    consent         text        not null default 'UNKNOWN' check (consent in ('UNKNOWN', 'NONE', 'ORAL', 'WRITTEN')),
    case_id         bigint      references case_file (id),
    origin          text        not null check (origin in ('ENTERED', 'LEDGER')),
    created_by      text        not null,
    created_at      timestamptz not null default now()
);
create index consultation_case on consultation (case_id);

create table consultation_child (
    consultation_id bigint not null references consultation (id),
    child_id        bigint not null references child_subject (id),
    primary key (consultation_id, child_id)
);
create index consultation_child_child on consultation_child (child_id);

create table consultation_type (
    consultation_id bigint not null references consultation (id),
    type_code       text   not null,
    primary key (consultation_id, type_code)
);

create table risk_assessment (
    id          bigserial   primary key,
    case_id     bigint      not null references case_file (id),
    assessed_at timestamptz not null default now(),
    assessed_by text        not null,
    checked     text[]      not null,
    level       text        not null check (level in ('LOW', 'MEDIUM', 'HIGH')),
    note_enc    bytea
);

create table support_goal (
    id         bigserial   primary key,
    case_id    bigint      not null references case_file (id),
    goal       text        not null check (length(goal) between 1 and 500),
    due        date,
    done_on    date,
    created_by text        not null,
    created_at timestamptz not null default now()
);

-- つなぎ: information passed to another agency (TO) or received from one (FROM), with its basis.
create table referral (
    id          bigserial   primary key,
    child_id    bigint      not null references child_subject (id),
    case_id     bigint      references case_file (id),
    direction   text        not null check (direction in ('TO', 'FROM')),
    agency      text        not null,
    on_date     date        not null,
    basis       text        not null check (basis in ('CONSENT_WRITTEN', 'CONSENT_ORAL', 'STATUTORY_YOTAIKYO', 'STATUTORY_OTHER', 'RECEIVED')),
    content_enc bytea       not null,
    reply_enc   bytea,
    replied_on  date,
    recorded_by text        not null,
    recorded_at timestamptz not null default now(),
    check ((direction = 'FROM') = (basis = 'RECEIVED'))
);
create index referral_child on referral (child_id);

-- The case's own history: status changes, assignments, follow-ups set and done, closure.
create table case_event (
    id      bigserial   primary key,
    case_id bigint      not null references case_file (id),
    at      timestamptz not null default now(),
    actor   text        not null,
    kind    text        not null,
    detail  text        not null,
    -- a caseworker's own words about the family (contact notes), encrypted
    note_enc bytea
);
create index case_event_case on case_event (case_id, at);

-- Raised when a consultation arrives about a child with an open case; cleared by acknowledging it.
create table case_alert (
    id              bigserial   primary key,
    case_id         bigint      not null references case_file (id),
    consultation_id bigint      not null references consultation (id),
    raised_at       timestamptz not null default now(),
    acknowledged_by text,
    acknowledged_at timestamptz
);
create index case_alert_open on case_alert (case_id) where acknowledged_at is null;

-- Each Excel ledger import: what was read, loaded, skipped as already there, and refused.
create table ledger_import (
    id            bigserial   primary key,
    file_name     text        not null,
    sha256        text        not null,
    rows_total    int         not null,
    rows_imported int         not null,
    rows_existing int         not null,
    rows_bad      int         not null,
    imported_by   text        not null,
    imported_at   timestamptz not null default now()
);
