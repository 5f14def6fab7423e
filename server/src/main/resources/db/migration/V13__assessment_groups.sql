-- Who the ranking reaches (issue 7, fairness): per assessment run, for single-parent vs other households,
-- foreign vs Japanese residents and with vs without disability, how many children there are, how many
-- came forward, and how many of the others the model puts in its top 5%. Aggregates only.
create table assess_group_stat (
    run_id     bigint           not null references assess_run (id),
    dimension  text             not null,
    grp        text             not null,
    children   int              not null,
    came       int              not null,
    ranked     int              not null,
    top5       int              not null,
    mean_score double precision,
    primary key (run_id, dimension, grp)
);
