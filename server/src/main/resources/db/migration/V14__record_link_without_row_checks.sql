-- A linkage run writes about 3.2 million record links at a million residents; the three foreign keys
-- cost a trigger and an index lookup per row each (most of the run's write time). The run itself
-- creates the persons, households and run row they point to in the same transaction, and checks the
-- whole set once after writing (IdentityService), so the per-row checks go. Nothing deletes persons
-- or households.
alter table record_link drop constraint if exists record_link_run_id_fkey;
alter table record_link drop constraint if exists record_link_person_id_fkey;
alter table record_link drop constraint if exists record_link_household_id_fkey;
