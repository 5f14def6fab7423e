-- Retention: a superseded load whose rows were deleted keeps its record (file, hash, counts) as proof.
alter table extract_load add column purged_at timestamptz;
-- Moves: the day a person left the city (転出) or died, from the resident registry's latest record;
-- such a person is marked, and retention counts from that day.
alter table person_profile add column left_on date;
