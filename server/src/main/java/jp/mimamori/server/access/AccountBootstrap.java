package jp.mimamori.server.access;

import jp.mimamori.server.audit.AuditAction;
import jp.mimamori.server.audit.AuditLog;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * A fresh installation has nobody who could sign in. The first start creates one administrator with
 * a random password, printed once on the console, as the city's IT administrator expects.
 */
@Component
@Order(100)
public class AccountBootstrap implements ApplicationRunner {

    public static final String INITIAL_ADMIN = "admin";

    private final UserService users;
    private final AuditLog audit;

    public AccountBootstrap(UserService users, AuditLog audit) {
        this.users = users;
        this.audit = audit;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (users.anyAdmin()) {
            return;
        }
        String password = UserService.randomPassword();
        users.createAtStartup(new UserService.NewUser(INITIAL_ADMIN, "初期管理者 / initial administrator", password, Role.ADMIN, null));
        audit.record(new AuditLog.Event("system", null, AuditAction.INITIAL_ADMIN_CREATED, "user:" + INITIAL_ADMIN, null, null, null));
        System.out.println();
        System.out.println("初期管理者を作成しました / created the initial administrator:");
        System.out.println("  user: " + INITIAL_ADMIN + "   password: " + password);
        System.out.println("このパスワードは再表示されません / this password is shown only once.");
        System.out.println();
    }
}
