-- 進行管理 (progress review) of a child registered with the 要保護児童対策地域協議会 (要対協): the date the
-- 実務者会議 is next to review the case, printed on the 進行管理台帳. Set with the registration; null until set.
alter table case_file add column yotaikyo_review date;
