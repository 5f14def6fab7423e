-- The person each source record was last linked to, in any run: how a linkage run carries こどもID over
-- (a child who moved out and back in gets the old ID again). Reading it from every run's record_link
-- meant sorting all runs' links, a cost that grew by 3.2 million rows a month at a million residents;
-- this table holds one row per record ever seen and changes only where a record's person changed.
create table record_identity (
    source_code text not null,
    record_id   text not null,
    person_id   text not null,
    primary key (source_code, record_id)
);

insert into record_identity (source_code, record_id, person_id)
select distinct on (source_code, record_id) source_code, record_id, person_id
from record_link order by source_code, record_id, run_id desc;
