-- What a reader outside the server (./mimamori spark link --jdbc, issue 13) may read of linkage (名寄せ):
-- identity's published views, so that such a job reads neither ingest's nor identity's tables and a change
-- to them is made behind these names. Plain views (no aggregate), so PostgreSQL pushes a reader's
-- partition filter (line_no ranges) down into them.

-- The current rows exactly as IdentityService.input() reads them for a run, before the fold: the job folds
-- them as core's RowFolding does and so links the records export-extracts writes to link-records.csv.
create view identity_linkage_row_v as
select source_code, line_no, record_id, name, kana, birth_date, sex, address, household_no, postcode, shared_id,
       load_id, month
from extract_record where current;

-- Reviewers' decisions (判定), by the record ids they were made on.
create view identity_linkage_decision_v as
select source_a, record_a, source_b, record_b, same from link_decision;

-- Each record's person in earlier runs (ID carry-over: 引継ぎ).
create view identity_linkage_previous_v as
select source_code, record_id, person_id from record_identity;

-- Every registry (住民基本台帳) household seen so far: 世帯番号 → 世帯ID.
create view identity_linkage_household_v as
select juki_household_no as household_no, household_id from household;
