-- Each linkage run keeps each blocking pass's counts beside the model it decided by (link_run.model,
-- there since V3 and now filled: m, u, λ, thresholds, name frequencies), so any link can be explained
-- exactly later and a model re-used.
alter table link_run add column blocking jsonb;
