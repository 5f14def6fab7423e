-- Issue 16: a load that looks wrong (its row count, household count or share of bad rows far from the
-- source's current load, or its month earlier than the current one) is stored but held (確認待ち): it
-- is not current, and nothing reads it, until an administrator confirms it; the administrator may also
-- reject it (不採用), or make an earlier load current again (roll back). Every row is kept either way.

alter table extract_load drop constraint extract_load_status_check;
alter table extract_load add constraint extract_load_status_check
    check (status in ('LOADED', 'REJECTED', 'HELD', 'DISCARDED'));

-- Distinct household numbers among the loaded rows, for a source whose rows carry one (住民記録's
-- 世帯番号); compared like the row count. Null for other sources and for loads made before V19.
alter table extract_load add column households bigint;

-- Why a load was held, in both languages, and the load it was compared with (the current one then).
alter table extract_load add column hold_reason_ja text;
alter table extract_load add column hold_reason_en text;
alter table extract_load add column compared_with bigint references extract_load (id);

-- The administrator's decision on a held load: confirmed (status LOADED) or rejected (DISCARDED).
alter table extract_load add column decided_by text;
alter table extract_load add column decided_at timestamptz;
alter table extract_load add column decision_note text;

-- A load newer than the one an administrator made current (a roll back, or a held earlier month
-- confirmed): kept with its rows, but neither current nor read as a past month's history (the
-- assessment's attendance), until it is itself made current again.
alter table extract_load add column withdrawn_at timestamptz;
alter table extract_load add column withdrawn_by text;

-- The same file is stored once, whether loaded or waiting for confirmation; a rejected one may come again.
drop index extract_load_once;
create unique index extract_load_once on extract_load (source_code, sha256) where status in ('LOADED', 'HELD');
create index extract_load_held on extract_load (source_code) where status = 'HELD';
