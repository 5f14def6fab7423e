package jp.mimamori.server.cases;

import java.util.ArrayList;
import java.util.List;
import jp.mimamori.server.print.PrintedPdf;
import jp.mimamori.server.time.Times;

/**
 * ケース概要 (the case summary) on paper: for a 個別ケース検討会議, a supervisor's review or the file. Everything
 * the case page shows except the forms: the child, status, caseworker, 要対協 registration, consultations,
 * contacts (latest versions, marked when corrected), assessments, plan and referrals; dates in 西暦 with
 * 和暦 beside them, times in the city's zone.
 */
public final class CaseSummaryPdf {

    public record Printed(String fileName, byte[] pdf) {
    }

    private CaseSummaryPdf() {
    }

    /** リスクの程度 (risk level) as staff say it; the stored value is never shown. */
    static String level(String level) {
        return switch (level == null ? "" : level) {
            case "LOW" -> "低 / low";
            case "MEDIUM" -> "中 / medium";
            case "HIGH" -> "高 / high";
            default -> "";
        };
    }

    /** {@code staff} turns a user id into the display name colleagues know (the pages' {@code @labels.staff}). */
    static byte[] render(CaseFiles.Detail d, Times times, java.util.function.UnaryOperator<String> staff, String printedBy) {
        CaseFiles.Summary s = d.summary();
        String header = "ケース概要 / Case summary " + s.caseNo() + "　作成 " + times.dateTime(times.now()) + "　" + staff.apply(printedBy);
        try (PrintedPdf pdf = new PrintedPdf("ケース概要 " + s.caseNo(), header, false)) {
            pdf.title("ケース概要 / Case summary　" + s.caseNo());
            pdf.field("こども / Child", d.child().name() + (d.child().kana() == null ? "" : "（" + d.child().kana() + "）"));
            pdf.field("生年月日 / Born", times.date(d.child().birth()));
            pdf.field("こどもID / Child ID", d.child().ref());
            pdf.field("住所 / Address", d.child().address() == null ? "" : d.child().address());
            pdf.field("状態 / Status", s.status().label());
            pdf.field("担当 / Caseworker", staff.apply(s.caseworker()));
            pdf.field("開始 / Opened", times.day(s.openedAt()));
            pdf.field("最終接触 / Last contact", times.day(s.lastContactAt()));
            pdf.field("次の対応 / Next action", (s.nextAction() == null ? "" : s.nextAction()) + (s.nextDue() == null ? "" : "（期限 " + times.date(s.nextDue()) + "）"));
            pdf.field("要対協 / Council", s.yotaikyo().label() + (d.yotaikyoSince() == null ? "" : "　" + times.date(d.yotaikyoSince()) + "〜"));
            if (s.restricted()) {
                pdf.field("制限ケース / Restricted", "担当者と統括者のみ閲覧可 / caseworker and supervisors only");
            }
            if (d.closedAt() != null) {
                pdf.field("終結 / Closed", times.day(d.closedAt()) + "：" + d.closingReason());
            }

            pdf.heading("相談 / Consultations（" + d.consultations().size() + "件）");
            List<List<String>> rows = new ArrayList<>();
            for (ConsultationService.View k : d.consultations()) {
                rows.add(List.of(k.no(), times.day(k.receivedAt()), String.join("、", k.types()), k.urgency().label(), k.content()));
            }
            pdf.table(List.of("番号 / No.", "受付 / Received", "種別 / Types", "緊急度 / Urgency", "内容 / Content"), new float[] {1.3f, 1.8f, 1.6f, 1, 4}, rows, 8);

            pdf.heading("接触記録 / Contacts（" + d.contacts().size() + "件）");
            rows = new ArrayList<>();
            for (CaseContacts.Contact c : d.contacts()) {
                rows.add(List.of(times.dateTime(c.at()), c.kind().label(), c.met() == null ? "" : c.met(),
                        c.note() + (c.corrected() ? "【訂正あり（第" + c.version() + "版）/ corrected】" : ""), staff.apply(c.recordedBy())));
            }
            pdf.table(List.of("日時 / When", "種別 / Kind", "相手 / Met", "内容 / Note", "記録 / By"), new float[] {2, 1.4f, 1.4f, 4, 1.2f}, rows, 8);

            pdf.heading("リスクアセスメント / Risk assessment");
            rows = new ArrayList<>();
            for (RiskAssessments.Assessment a : d.assessments()) {
                rows.add(List.of(times.day(a.at()), level(a.level()), String.join("、", a.checked()), a.note() == null ? "" : a.note(), staff.apply(a.by())));
            }
            pdf.table(List.of("日付 / Date", "程度 / Level", "項目 / Items", "所見 / Notes", "記録 / By"), new float[] {1.8f, 1, 3, 3, 1.2f}, rows, 8);

            pdf.heading("支援計画 / Support plan");
            rows = new ArrayList<>();
            for (CaseGoals.Goal g : d.goals()) {
                rows.add(List.of(g.goal(), times.date(g.due()), g.doneOn() == null ? "" : "達成 " + times.date(g.doneOn())));
            }
            pdf.table(List.of("目標 / Goal", "期限 / Due", "達成 / Done"), new float[] {5, 2, 2}, rows, 8);

            pdf.heading("つなぎ・情報提供 / Referrals");
            rows = new ArrayList<>();
            for (Referrals.Referral r : d.referrals()) {
                rows.add(List.of(times.date(r.onDate()), r.direction().label(), r.agency(), r.basis().label(), r.content(),
                        r.reply() == null ? "" : r.reply()));
            }
            pdf.table(List.of("日付 / Date", "方向", "機関 / Agency", "根拠 / Basis", "内容 / Content", "回答 / Reply"), new float[] {1.7f, 1, 1.4f, 1.6f, 3, 2},
                    rows, 8);
            return pdf.bytes();
        }
    }

    /**
     * 転出時の引継ぎ (the transfer summary) for the receiving municipality's centre: who the child is, where
     * the family went and when, the 要対協 registration, what was assessed and done, the contacts, and what
     * is handed over with its basis (consent, or 児童福祉法 25条の3 for a 要対協 case). The centre's own
     * staff notes of every consultation are not copied wholesale: the handover says what the other centre
     * needs; the consultations are listed by date and type.
     */
    static byte[] renderTransfer(CaseFiles.Detail d, String to, java.time.LocalDate movedOn, Times times, java.util.function.UnaryOperator<String> staff,
                                 String printedBy) {
        CaseFiles.Summary s = d.summary();
        String header = "転出時の引継ぎ / Transfer summary " + s.caseNo() + "　作成 " + times.dateTime(times.now()) + "　" + staff.apply(printedBy);
        Referrals.Referral handover = d.referrals().stream().filter(r -> r.direction() == ReferralDirection.TO && r.content().startsWith("転出先"))
                .findFirst().orElse(null);
        try (PrintedPdf pdf = new PrintedPdf("転出時の引継ぎ " + s.caseNo(), header, false)) {
            pdf.title("要保護児童等に関する引継ぎ（転出）/ Transfer summary");
            pdf.field("宛先 / To", to + "　御中");
            pdf.field("作成日 / Date", times.date(times.today()));
            pdf.field("転出日 / Moved on", times.date(movedOn));
            pdf.field("こども / Child", d.child().name() + (d.child().kana() == null ? "" : "（" + d.child().kana() + "）"));
            pdf.field("生年月日 / Born", times.date(d.child().birth()));
            pdf.field("転出前の住所 / Address before", d.child().address() == null ? "" : d.child().address());
            pdf.field("当センターのケース / Our case", s.caseNo() + "（" + times.day(s.openedAt()) + " 開始、担当 " + staff.apply(s.caseworker()) + "）");
            pdf.field("要対協 / Council", s.yotaikyo().label() + (d.yotaikyoSince() == null ? "" : "　" + times.date(d.yotaikyoSince()) + "〜"));
            if (handover != null) {
                pdf.field("提供の根拠 / Basis", handover.basis().label());
                pdf.heading("引き継ぐ内容 / What is handed over");
                for (String para : handover.content().split("\n")) {
                    pdf.paragraph(para, 9.5f);
                }
            }
            pdf.heading("リスクアセスメント（直近）/ Latest risk assessment");
            if (!d.assessments().isEmpty()) {
                RiskAssessments.Assessment a = d.assessments().get(0);
                pdf.field(times.day(a.at()), level(a.level()) + "：" + String.join("、", a.checked()) + (a.note() == null ? "" : "　" + a.note()));
            }
            pdf.heading("相談の経過 / Consultations（" + d.consultations().size() + "件）");
            List<List<String>> rows = new ArrayList<>();
            for (ConsultationService.View k : d.consultations()) {
                rows.add(List.of(times.day(k.receivedAt()), k.channel() + "・" + k.contact(), String.join("、", k.types()), k.urgency().label()));
            }
            pdf.table(List.of("受付 / Received", "経路・相談者 / Channel", "種別 / Types", "緊急度 / Urgency"), new float[] {2, 2, 3, 1.2f}, rows, 8);
            pdf.heading("接触記録 / Contacts");
            rows = new ArrayList<>();
            for (CaseContacts.Contact c : d.contacts()) {
                rows.add(List.of(times.dateTime(c.at()), c.kind().label(), c.met() == null ? "" : c.met(), c.note()));
            }
            pdf.table(List.of("日時 / When", "種別 / Kind", "相手 / Met", "内容 / Note"), new float[] {2, 1.4f, 1.4f, 5}, rows, 8);
            pdf.heading("支援計画 / Support plan");
            rows = new ArrayList<>();
            for (CaseGoals.Goal g : d.goals()) {
                rows.add(List.of(g.goal(), times.date(g.due()), g.doneOn() == null ? "" : "達成 " + times.date(g.doneOn())));
            }
            pdf.table(List.of("目標 / Goal", "期限 / Due", "達成 / Done"), new float[] {5, 2, 2}, rows, 8);
            pdf.gap(12);
            pdf.paragraph("本書は児童の安全のため関係機関間で引き継ぐものです。取扱いには十分ご注意ください。/ Passed between agencies for the child's safety: handle with care.", 8.5f);
            return pdf.bytes();
        }
    }
}
