-- Who the ranking reaches (issue 7, fairness): per assessment run, for single-parent vs other households,
-- foreign vs Japanese residents and with vs without disability, how many children there are, how many
-- came forward, and how many of the others the model puts in its top 5%. Aggregates only.
create table assess_group_stat (
    run_id     bigint           not null references assess_run (id),
    dimension  text             not null check (dimension in ('household', 'nationality', 'disability')),
    grp        text             not null,
    sort       int              not null,
    children   int              not null,
    came       int              not null,
    ranked     int              not null,
    top5       int              not null,
    mean_score double precision,
    primary key (run_id, dimension, grp)
);

-- Calibration: the prior Elkan–Noto estimates, and whether the scores were calibrated to a prior the
-- city gave instead (mimamori.assess.class-prior, or ./mimamori assess --class-prior).
alter table assess_run add column estimated_prior double precision;
alter table assess_run add column prior_configured boolean not null default false;
