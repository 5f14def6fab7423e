-- A person's rows are looked up by the departments' record numbers (the child's timeline, the review
-- queue): without this index each look scanned a whole month's extract.
create index extract_row_record on extract_row (load_id, record_id);
