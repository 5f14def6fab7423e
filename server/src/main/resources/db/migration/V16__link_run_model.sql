-- Each linkage run keeps the model it decided by (m, u, λ, thresholds, name frequencies) and each
-- blocking pass's counts, so any link can be explained exactly later and a model re-used.
alter table link_run add column model jsonb;
alter table link_run add column blocking jsonb;
