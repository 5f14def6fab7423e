-- identity's read ports (issue 15): the views other features read instead of identity's tables. A view
-- named <owner>_…_v is a port: its owner keeps its columns and their meaning while the tables behind it
-- change (TableOwnershipTest lets any feature read one and no feature read the tables). Plain projections
-- (no aggregate), so PostgreSQL inlines them and a reader's query plans as it did on the table.

-- 名寄せ (linkage) persons as of the run that built person_profile: who, where, which sources hold them.
create view identity_person_v as
select person_id, run_id, household_id, is_child, name, kana, birth_date, sex, address, address_key, sources, left_on
from person_profile;

-- Which department's record each run put with which person (readers bind the run from LinkRuns).
create view identity_record_link_v as
select run_id, person_id, source_code, record_id
from record_link;
