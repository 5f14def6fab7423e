-- The latest finished linkage run (名寄せ), for a reader outside the server: spark link --jdbc names it in the
-- files it writes, so that import-linkage refuses them when another run has finished since, exactly as for an
-- export-extracts folder (whose extract.properties names it). No row of link_run is published but this number.
create view identity_linkage_run_v as
select max(id) as latest_run from link_run where finished_at is not null;
