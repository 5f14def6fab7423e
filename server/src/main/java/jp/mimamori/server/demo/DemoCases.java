package jp.mimamori.server.demo;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Random;
import jp.mimamori.server.validation.InvalidInputException;
import jp.mimamori.server.access.Role;
import jp.mimamori.server.access.SystemActor;
import jp.mimamori.server.audit.Actor;
import jp.mimamori.server.cases.CaseContacts;
import jp.mimamori.server.cases.CaseFiles;
import jp.mimamori.server.cases.CaseGoals;
import jp.mimamori.server.cases.CaseSeeding;
import jp.mimamori.server.cases.FollowUps;
import jp.mimamori.server.cases.RiskAssessments;
import jp.mimamori.server.cases.CaseStatus;
import jp.mimamori.server.cases.ContactKind;
import jp.mimamori.server.cases.Yotaikyo;
import jp.mimamori.server.time.Times;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The demo's case work (ケース): a few hundred cases opened on the children the centre's ledger knows, in
 * every status, shared among the demo caseworkers, with typed and back-dated contacts, assessments,
 * plans, 要対協 registrations with review dates, follow-ups of which about a quarter are overdue, some
 * cases without contact for over a month, closed cases and two 制限ケース — so that the home page's
 * alerts, the case lists and the 進行管理台帳 show a centre's ordinary day. Everything goes through
 * the cases feature's services as the assigned caseworker (audited like staff's own work); only the dates a
 * case was opened on are set back afterwards, since a demo city's cases cannot have been opened months ago.
 * Made once: a data folder whose demo staff already hold cases is left as it is.
 */
@Component
public class DemoCases {

    static final List<String> CASEWORKERS = List.of("caseworker", "caseworker", "caseworker2", "caseworker3");

    private static final String[] ACTIONS = {"家庭訪問で状況確認", "母へ電話連絡", "学校と情報共有", "保育所に登園状況を確認", "個別ケース検討会議の準備", "保健師と同行訪問"};
    private static final String[] GOALS = {"毎日の登園・登校", "母の相談先の確保", "健診の受診", "生活リズムの安定", "家事支援サービスの利用開始"};
    private static final String[] MET = {"母", "母・本人", "父", "祖母", "本人", "学校（担任）", "保育所（園長）", "保健センター（保健師）"};

    private final CaseFiles cases;
    private final CaseContacts contacts;
    private final RiskAssessments assessments;
    private final CaseGoals goals;
    private final FollowUps followUps;
    private final CaseSeeding seeding;
    private final Times times;
    private final TransactionTemplate tx;

    public DemoCases(CaseFiles cases, CaseContacts contacts, RiskAssessments assessments, CaseGoals goals, FollowUps followUps, CaseSeeding seeding, Times times, PlatformTransactionManager transactions) {
        this.cases = cases;
        this.contacts = contacts;
        this.assessments = assessments;
        this.goals = goals;
        this.followUps = followUps;
        this.seeding = seeding;
        this.times = times;
        this.tx = new TransactionTemplate(transactions);
    }

    /** Opens up to {@code count} cases; returns how many were opened (0 when the demo's cases are already there). */
    public int open(int count, long seed) {
        if (seeding.casesHeldBy(CASEWORKERS.stream().distinct().toList()) > 0) {
            return 0;
        }
        // Children the centre has consulted about first (the ledger's), then children of the registry, none with an open case.
        List<String> refs = seeding.childrenWithoutOpenCase(count);
        Random random = new Random(seed);
        CaseStatus[] statuses = {CaseStatus.RECEIVED, CaseStatus.INVESTIGATION, CaseStatus.INVESTIGATION, CaseStatus.ASSESSMENT, CaseStatus.ASSESSMENT,
                CaseStatus.SUPPORT, CaseStatus.SUPPORT, CaseStatus.SUPPORT, CaseStatus.MONITORING, CaseStatus.MONITORING, CaseStatus.CLOSED, CaseStatus.CLOSED};
        int opened = 0;
        for (int i = 0; i < refs.size(); i++) {
            String ref = refs.get(i);
            String who = CASEWORKERS.get(i % CASEWORKERS.size());
            CaseStatus status = statuses[random.nextInt(statuses.length)];
            int daysAgo = 7 + random.nextInt(300);
            long seedOfCase = random.nextLong();
            try {
                Boolean ok = tx.execute(t -> SystemActor.runAs(who, Role.CENTER_CASEWORKER, () -> work(ref, status, daysAgo, new Random(seedOfCase))));
                if (Boolean.TRUE.equals(ok)) {
                    opened++;
                }
            } catch (InvalidInputException | org.springframework.transaction.UnexpectedRollbackException e) {
                // A child the centre records under two references already has a case: the demo goes on with the next child.
            }
        }
        // Two 制限ケース, decided by the supervisor: a DV case and a staff member's relative.
        List<String> restricted = seeding.openCasesOf("caseworker", 2);
        for (int i = 0; i < restricted.size(); i++) {
            String no = restricted.get(i);
            String why = i == 0 ? "DV避難中（加害者が市内在住）" : "職員の親族";
            tx.executeWithoutResult(t -> SystemActor.runAs("supervisor", Role.CENTER_SUPERVISOR, () -> {
                cases.setRestricted(Actor.current(), no, true, why);
                return null;
            }));
        }
        return opened;
    }

    private boolean work(String ref, CaseStatus status, int daysAgo, Random r) {
        // Actor.current(): the caseworker this case is run as (SystemActor.runAs), audited like staff's own work.
        Actor actor = Actor.current();
        LocalDate today = times.today();
        String no = cases.open(actor, ref, ACTIONS[r.nextInt(ACTIONS.length)], today.plusDays(7));
        OffsetDateTime openedAt = times.now().minusDays(daysAgo).withHour(1).withMinute(30);
        seeding.backdateOpening(no, openedAt);
        // About one open case in six has had no contact for over a month: its contacts stop 35 days or more ago.
        boolean quiet = r.nextInt(6) == 0;
        int contactCount = status == CaseStatus.RECEIVED ? r.nextInt(2) : 1 + r.nextInt(4);
        LocalDateTime now = times.now().atZoneSameInstant(times.zone()).toLocalDateTime();
        for (int k = 0; k < contactCount; k++) {
            int span = Math.max(1, daysAgo - (quiet ? 35 : 0));
            LocalDateTime at = now.minusDays((quiet ? 35 : 0) + r.nextInt(span)).withHour(9 + r.nextInt(8)).withMinute(r.nextInt(4) * 15).withSecond(0).withNano(0);
            if (at.isAfter(now)) {
                at = now.minusHours(1).withSecond(0).withNano(0);
            }
            ContactKind kind = ContactKind.choices().get(r.nextInt(5));
            String met = MET[r.nextInt(MET.length)];
            contacts.recordContact(actor, no, new CaseContacts.NewContact(kind, at, met, note(kind, met, r)));
        }
        if (status.ordinal() >= CaseStatus.ASSESSMENT.ordinal()) {
            List<String> items = List.of("absence", "carer_isolated", "economic", "missed_checks", "hygiene_neglect", "carer_mental_health")
                    .subList(0, 1 + r.nextInt(3));
            assessments.assess(actor, no, items, List.of("LOW", "MEDIUM", "MEDIUM", "HIGH").get(r.nextInt(4)), "初回アセスメントの所見");
        }
        if (status == CaseStatus.SUPPORT || status == CaseStatus.MONITORING) {
            goals.addGoal(actor, no, GOALS[r.nextInt(GOALS.length)], today.plusDays(30 + r.nextInt(90)));
            if (r.nextInt(3) == 0) {
                Yotaikyo y = List.of(Yotaikyo.YOHOGO, Yotaikyo.YOSHIEN, Yotaikyo.YOSHIEN, Yotaikyo.TOKUTEI_NINPU).get(r.nextInt(4));
                LocalDate since = times.dayOf(openedAt).plusDays(14);
                if (since.isAfter(today)) {
                    since = today;
                }
                LocalDate review = r.nextInt(4) == 0 ? null : today.plusDays(r.nextInt(90) - 15);
                cases.setYotaikyo(actor, no, y, since, review != null && review.isBefore(since) ? since : review);
            }
        }
        // About a quarter of the open cases' next actions are overdue.
        if (status != CaseStatus.CLOSED) {
            followUps.setFollowUp(actor, no, ACTIONS[r.nextInt(ACTIONS.length)], r.nextInt(4) == 0 ? today.minusDays(1 + r.nextInt(20)) : today.plusDays(1 + r.nextInt(30)));
        }
        if (status != CaseStatus.RECEIVED) {
            cases.setStatus(actor, no, status, status == CaseStatus.CLOSED ? List.of("支援により状況改善", "転居のため", "関係機関へ引継ぎ").get(r.nextInt(3)) : null);
        }
        return true;
    }

    private static String note(ContactKind kind, String met, Random r) {
        String[] tail = {"生活状況に大きな変化なし。", "次回は2週間後に連絡予定。", "母の表情は明るい。", "欠席が続いており学校と共有。", "受診を勧めた。"};
        String head = switch (kind) {
            case HOME_VISIT -> "家庭訪問。" + met + "と面談。";
            case PHONE -> met + "と電話。";
            case CENTRE_VISIT -> met + "が来所。";
            case AGENCY -> met + "から情報提供。";
            default -> met + "と面談。";
        };
        return head + tail[r.nextInt(tail.length)];
    }
}
