-- The positive–unlabelled model's calibrated score per child, its rank among the children whose
-- families have not come to the centre, and the factors that raised and lowered it, in words.
alter table assess_run add column label_frequency double precision;
alter table assess_run add column class_prior double precision;
alter table assess_run add column positives int;
alter table assess_run add column features text[];

create table child_score (
    run_id    bigint           not null references assess_run (id),
    person_id text             not null,
    score     double precision not null check (score between 0 and 1),
    rank      int,
    raised    text             not null,
    lowered   text             not null,
    primary key (run_id, person_id)
);
create index child_score_rank on child_score (run_id, rank);
