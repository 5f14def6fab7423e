-- More read ports (issue 15), for the centre's search and the demo: a view named <owner>_…_v is a port its
-- owner keeps stable while the tables behind it change. Plain projections, inlined by the planner, so the
-- search's index on person_key (key text_pattern_ops) still serves a prefix match through the view.

-- identity: every search key of a person (names, readings, old kanji forms), as the search index holds them.
create view identity_person_key_v as
select key, person_id
from person_key;

-- identity: every person ID ever given, with the run that first gave it (an ID from an earlier run still resolves).
create view identity_person_id_v as
select person_id, first_run
from person;

-- assess: which linkage run an assessment run assessed (the demo assesses once per linkage run). Columns appended,
-- so the view keeps its earlier columns in their order.
create or replace view assess_run_v as
select id, as_of, finished_at, features, class_prior, estimated_prior, prior_configured, link_run
from assess_run;
