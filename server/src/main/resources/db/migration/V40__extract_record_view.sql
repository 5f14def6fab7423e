-- extract_record: ingest's published read model of the departments' extracts (issue 15). Linkage
-- (identity), the indicators (assess), the letters (outreach), the statistics (report) and the child
-- directory (cases) read the fields they need here as named, typed columns, instead of each parsing
-- extract_row's JSON keys: a renamed or retyped field is then changed in this one place, owned by ingest.
-- A plain view (no aggregate), so PostgreSQL inlines it and evaluates only the columns a query reads.
-- Dates are stored as ISO yyyy-mm-dd; a blank one reads as null, as every reader treated it.
create view extract_record as
select l.id as load_id, l.source_code, l.month, l.current,
       -- A load every reader may use as history: stored, not purged by retention, not withdrawn by a roll back.
       (l.status = 'LOADED' and l.purged_at is null and l.withdrawn_at is null) as stored,
       r.line_no, r.record_id,
       -- Who: the fields linkage compares (every source).
       r.fields->>'name' as name, r.fields->>'kana' as kana, nullif(r.fields->>'birth_date', '')::date as birth_date,
       r.fields->>'sex' as sex, r.fields->>'address' as address, r.fields->>'postcode' as postcode,
       r.fields->>'building' as building, r.fields->>'shared_id' as shared_id,
       -- 住民基本台帳 (juki): household, relation to its head, moves and the resident kind.
       r.fields->>'household_no' as household_no, r.fields->>'relation' as relation, r.fields->>'event' as event,
       nullif(r.fields->>'event_date', '')::date as event_date, nullif(r.fields->>'resident_since', '')::date as resident_since,
       r.fields->>'resident_kind' as resident_kind,
       -- 母子保健 (kenko): checks, vaccinations, pregnancy notifications.
       r.fields->>'kind' as kind, r.fields->>'item' as item, nullif(r.fields->>'due', '')::date as due,
       nullif(r.fields->>'done', '')::date as done, r.fields->>'status' as status, r.fields->>'specified_pregnancy' as specified_pregnancy,
       -- 学務 (komu): attendance.
       (r.fields->>'absent_days')::int as absent_days, (r.fields->>'nurse_room_days')::int as nurse_room_days,
       -- 手当 (teate), 就学援助 (gakurei), 生活保護 (seiho), 税 (zei), 保育 (kosodate).
       r.fields->>'allowance' as allowance, r.fields->>'payment' as payment, r.fields->>'school_aid' as school_aid,
       r.fields->>'assistance_status' as assistance_status, r.fields->>'tax_band' as tax_band, r.fields->>'arrears' as arrears,
       r.fields->>'enrolment' as enrolment,
       -- 相談 (soudan): the centre's own extract.
       nullif(r.fields->>'received', '')::date as received, r.fields->>'types' as types
from extract_row r join extract_load l on l.id = r.load_id;
