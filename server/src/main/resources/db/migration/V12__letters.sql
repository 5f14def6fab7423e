-- Outreach letters (通知文, issue 7): a versioned template the supervisor edits, and when each item's
-- letter was printed. The letter carries the household's name and address and nothing about why the
-- child was proposed.
create table letter_template (
    version    int         primary key,
    title      text        not null,
    body       text        not null,
    sender     text        not null,
    contact    text        not null,
    created_by text        not null,
    created_at timestamptz not null default now()
);

insert into letter_template (version, title, body, sender, contact, created_by) values (1,
 '子育てに関するご案内',
 E'日頃より市政にご理解とご協力をいただき、ありがとうございます。\n'
 || E'こども家庭支援センターでは、市内で子育てをしているご家庭に、子育てや暮らしのことを気軽にご相談いただけるよう、ご案内をお送りしています。\n'
 || E'{こども氏名}さんの成長のことや、ご家庭の暮らしのことで、気になることや困っていることはありませんか。どんな小さなことでもかまいません。\n'
 || E'ご都合のよい日時をお知らせいただければ、センターの職員がお話をうかがいます。ご自宅への訪問もできます。\n'
 || E'ご相談の内容は秘密として守られます。どうぞお気軽にご連絡ください。',
 '〇〇市 こども家庭支援センター',
 E'〇〇市 こども家庭支援センター\n電話 000-000-0000（平日 8時30分〜17時15分）',
 'system');

alter table outreach_item add column letter_version    int references letter_template (version);
alter table outreach_item add column letter_printed_at timestamptz;
alter table outreach_item add column letter_printed_by text;
