package jp.mimamori.server.access;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import jp.mimamori.core.source.SourceSystem;
import jp.mimamori.server.audit.AuditAction;
import jp.mimamori.server.audit.AuditLog;
import jp.mimamori.server.audit.CurrentActor;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** User administration. Enforced here, not only on URLs, so that no page can forget the rule. */
@Service
public class UserService {

    public static final int MIN_PASSWORD_LENGTH = 12;
    private static final String USERNAME = "^[a-z0-9][a-z0-9._-]{2,63}$";

    private final UserRepository users;
    private final PasswordEncoder encoder;
    private final AuditLog audit;

    public UserService(UserRepository users, PasswordEncoder encoder, AuditLog audit) {
        this.users = users;
        this.encoder = encoder;
        this.audit = audit;
    }

    public record NewUser(String username, String displayName, String password, Role role, String sourceCode) {
    }

    @PreAuthorize("hasRole('ADMIN')")
    public List<UserAccount> list() {
        return users.all();
    }

    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    public UserAccount create(NewUser u) {
        UserAccount created = insert(u);
        audit.record(CurrentActor.event(AuditAction.USER_CREATED, "user:" + created.username(),
                "role=" + created.role() + created.source().map(s -> " source=" + s.code()).orElse("")));
        return created;
    }

    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    public void setEnabled(String username, boolean enabled) {
        if (username.equals(CurrentActor.name()) && !enabled) {
            throw new InvalidInputException(List.of(new FieldError("username", "自分自身は無効化できません", "you cannot disable your own account")));
        }
        if (users.setEnabled(username, enabled) == 0) {
            throw new InvalidInputException(List.of(new FieldError("username", "利用者が存在しません", "no such user")));
        }
        audit.record(CurrentActor.event(enabled ? AuditAction.USER_ENABLED : AuditAction.USER_DISABLED, "user:" + username, null));
    }

    /**
     * For start-up bootstrapping (first administrator, demo users), where nobody is signed in yet;
     * no controller calls it.
     */
    @Transactional
    public UserAccount createAtStartup(NewUser u) {
        return insert(u);
    }

    private UserAccount insert(NewUser u) {
        List<FieldError> errors = new ArrayList<>();
        String username = u.username() == null ? "" : u.username().strip();
        if (!username.matches(USERNAME)) {
            errors.add(new FieldError("username", "利用者IDは英小文字・数字・._- の3〜64文字です",
                    "user id must be 3-64 characters: lower-case letters, digits, . _ -"));
        } else if (users.exists(username)) {
            errors.add(new FieldError("username", "この利用者IDは既に使われています", "this user id is already taken"));
        }
        String display = u.displayName() == null ? "" : u.displayName().strip();
        if (display.isEmpty() || display.length() > 100) {
            errors.add(new FieldError("displayName", "氏名は1〜100文字で入力してください", "display name must be 1-100 characters"));
        }
        if (u.password() == null || u.password().length() < MIN_PASSWORD_LENGTH) {
            errors.add(new FieldError("password", "パスワードは" + MIN_PASSWORD_LENGTH + "文字以上にしてください",
                    "password must have at least " + MIN_PASSWORD_LENGTH + " characters"));
        }
        if (u.role() == null) {
            errors.add(new FieldError("role", "役割を選択してください", "choose a role"));
        }
        Optional<SourceSystem> source = Optional.ofNullable(u.sourceCode()).filter(s -> !s.isBlank()).flatMap(SourceSystem::fromCode);
        if (u.role() == Role.DEPT_UPLOADER && source.isEmpty()) {
            errors.add(new FieldError("sourceCode", "データ登録者には所管のデータ種別が必要です", "a department uploader needs the source system they upload"));
        }
        if (u.role() != null && u.role() != Role.DEPT_UPLOADER && source.isPresent()) {
            errors.add(new FieldError("sourceCode", "データ種別はデータ登録者にのみ設定できます", "only a department uploader has a source system"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        users.insert(username, display, encoder.encode(u.password()), u.role(), source.orElse(null));
        return users.find(username).orElseThrow();
    }

    boolean anyAdmin() {
        return users.countByRole(Role.ADMIN) > 0;
    }

    static String randomPassword() {
        String alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        SecureRandom r = new SecureRandom();
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            b.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return b.toString();
    }
}
