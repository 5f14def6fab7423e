-- 転出 (a family moving to another municipality): the case is handed over to the receiving municipality's
-- centre with a transfer summary, recorded as a referral (つなぎ) to it, and closed with reason 転出.
-- Where it went and when are kept on the case so that the summary can be printed again.
alter table case_file add column transfer_to text check (transfer_to is null or length(transfer_to) between 1 and 100);
alter table case_file add column transfer_on date;
insert into code_entry (kind, code, label_ja, label_en, sort) values
 ('agency', 'transfer_municipality', '転出先の市区町村', 'receiving municipality (family moved out)', 11)
on conflict (kind, code) do nothing;
