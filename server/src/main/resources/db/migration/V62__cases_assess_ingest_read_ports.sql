-- The read ports of cases, assess and ingest (issue 15) for the statistics, the de-identified export and
-- the assessment, which join them inside one statement: views named <owner>_…_v, kept by their owner
-- (see V61). Plain projections and joins within one owner's tables, so PostgreSQL inlines them.

-- 相談 (consultations): their numbers (an extract row imported as one is not counted twice) and dates.
create view cases_consultation_v as
select id, consultation_no, received_at
from consultation;

-- Each child of each consultation, with the child as the centre recorded it (its こどもID where linked).
-- consultation_child references both tables, so the join keeps every consultation_child row.
create view cases_child_consultation_v as
select k.id as consultation_id, k.consultation_no, k.received_at, s.id as child_id, s.person_id, s.birth_date, s.address
from consultation k join consultation_child cc on cc.consultation_id = k.id join child_subject s on s.id = cc.child_id;

-- A consultation's type codes (相談種別).
create view cases_consultation_type_v as
select consultation_id, type_code
from consultation_type;

-- ケース (cases) by child, with their status: readers ask which children have an open one.
create view cases_case_v as
select c.id as case_id, c.child_id, s.person_id, c.status
from case_file c join child_subject s on s.id = c.child_id;

-- The code tables (コード表): code, Japanese label and display order by kind.
create view cases_code_v as
select kind, code, label_ja, sort
from code_entry;

-- 評価 (assessment) runs: settings and results of each; a run counts once finished.
create view assess_run_v as
select id, as_of, finished_at, features, class_prior, estimated_prior, prior_configured
from assess_run;

-- Each child's indicators in a run (values in jp.mimamori.core.assess.Indicator order).
create view assess_child_indicator_v as
select run_id, person_id, age, vals
from child_indicator;

-- The fairness figures of a run, by dimension and group.
create view assess_group_stat_v as
select run_id, dimension, grp, sort, children, came, ranked, top5, mean_score
from assess_group_stat;

-- 取込 (loads): one row per extract load, for readers that only need to know a new one arrived.
create view ingest_load_v as
select id, source_code, month, current
from extract_load;
