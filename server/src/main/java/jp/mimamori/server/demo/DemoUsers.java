package jp.mimamori.server.demo;

import java.util.ArrayList;
import java.util.List;
import jp.mimamori.core.source.SourceSystem;
import jp.mimamori.server.access.Role;
import jp.mimamori.server.access.UserRepository;
import jp.mimamori.server.access.UserService;
import jp.mimamori.server.audit.AuditAction;
import jp.mimamori.server.audit.AuditLog;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Demo mode only (mimamori.demo.enabled=true): one login per role, and one uploader per department,
 * all with a published password. Never created outside demo mode.
 */
@Component
@Order(50)
@ConditionalOnProperty(name = "mimamori.demo.enabled", havingValue = "true")
public class DemoUsers implements ApplicationRunner {

    public static final String PASSWORD = "demo-password";

    public record Login(String username, String displayName, Role role, SourceSystem source) {
    }

    public static List<Login> logins() {
        List<Login> l = new ArrayList<>();
        l.add(new Login("admin", "情報システム課 管理者", Role.ADMIN, null));
        l.add(new Login("caseworker", "センター 相談員 山本", Role.CENTER_CASEWORKER, null));
        // Two more caseworkers, so that the demo's cases are shared out as in a real centre (DemoCases).
        l.add(new Login("caseworker2", "センター 相談員 佐々木", Role.CENTER_CASEWORKER, null));
        l.add(new Login("caseworker3", "センター 相談員 井上", Role.CENTER_CASEWORKER, null));
        l.add(new Login("supervisor", "センター 統括 中村", Role.CENTER_SUPERVISOR, null));
        l.add(new Login("analyst", "企画政策課 分析担当 小林", Role.ANALYST, null));
        for (SourceSystem s : SourceSystem.values()) {
            if (s != SourceSystem.SOUDAN) {
                l.add(new Login(s.code() + "-uploader", s.departmentJa() + " データ登録者", Role.DEPT_UPLOADER, s));
            }
        }
        return l;
    }

    private final DemoAccounts accounts;
    private final AuditLog audit;

    public DemoUsers(DemoAccounts accounts, AuditLog audit) {
        this.accounts = accounts;
        this.audit = audit;
    }

    @Override
    public void run(ApplicationArguments args) {
        int created = accounts.createMissing(logins(), PASSWORD);
        if (created > 0) {
            audit.record(new AuditLog.Event("system", null, AuditAction.DEMO_USERS_CREATED, null, null, created + " demo users", null));
        }
    }

    @EventListener
    public void ready(ApplicationReadyEvent e) {
        String port = e.getApplicationContext().getEnvironment().getProperty("local.server.port", "8080");
        StringBuilder b = new StringBuilder();
        b.append("\n==============================================================\n");
        b.append(" Mimamori デモ / demo is ready:  http://localhost:").append(port).append("\n");
        b.append(" デモ用ログイン / demo logins (password / パスワード: ").append(PASSWORD).append(")\n");
        for (Login l : logins()) {
            b.append(String.format("   %-20s %-18s %s%n", l.role().name(), l.username(),
                    l.source() == null ? l.role().labelJa() : l.source().nameJa() + "（" + l.source().departmentJa() + "）"));
        }
        b.append(" 停止 / stop: Ctrl+C\n");
        b.append("==============================================================\n");
        System.out.println(b);
    }

    /** Separate bean so the inserts run through the service's validation and a transaction. */
    @Component
    @ConditionalOnProperty(name = "mimamori.demo.enabled", havingValue = "true")
    public static class DemoAccounts {
        private final UserRepository repository;
        private final UserService service;

        public DemoAccounts(UserRepository repository, UserService service) {
            this.repository = repository;
            this.service = service;
        }

        int createMissing(List<Login> logins, String password) {
            int n = 0;
            for (Login l : logins) {
                if (!repository.exists(l.username())) {
                    service.createDemoAccount(new UserService.NewUser(l.username(), l.displayName(), password, l.role(),
                            l.source() == null ? null : l.source().code()));
                    n++;
                }
            }
            return n;
        }
    }
}
