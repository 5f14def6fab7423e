package jp.mimamori.server.access;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import jp.mimamori.core.source.SourceSystem;
import jp.mimamori.server.audit.AuditAction;
import jp.mimamori.server.audit.AuditLog;
import jp.mimamori.server.audit.Actor;
import jp.mimamori.server.validation.FieldError;
import jp.mimamori.server.validation.InvalidInputException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** User administration. Enforced here, not only on URLs, so that no page can forget the rule. */
@Service
public class UserService {

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
    public UserAccount create(Actor actor, NewUser u) {
        UserAccount created = insert(u, true);
        audit.record(actor.event(AuditAction.USER_CREATED, "user:" + created.username(),
                "role=" + created.role() + created.source().map(s -> " source=" + s.code()).orElse("")));
        return created;
    }

    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    public void setEnabled(Actor actor, String username, boolean enabled) {
        if (username.equals(actor.name()) && !enabled) {
            throw new InvalidInputException(List.of(new FieldError("username", "自分自身は無効化できません", "you cannot disable your own account")));
        }
        if (users.setEnabled(username, enabled) == 0) {
            throw new InvalidInputException(List.of(new FieldError("username", "利用者が存在しません", "no such user")));
        }
        audit.record(actor.event(enabled ? AuditAction.USER_ENABLED : AuditAction.USER_DISABLED, "user:" + username, null));
    }

    /**
     * For start-up bootstrapping (first administrator, demo users), where nobody is signed in yet;
     * no controller calls it.
     */
    @Transactional
    public UserAccount createAtStartup(NewUser u) {
        return insert(u, true);
    }

    /** The demo's accounts, whose password is published in the README: the one place the policy does not apply. */
    @Transactional
    public UserAccount createDemoAccount(NewUser u) {
        return insert(u, false);
    }

    /**
     * Changes the signed-in person's own password after checking the current one; every other session of
     * theirs ends. Returns the moment from which sessions are valid, for the caller's own session.
     */
    @Transactional
    public java.time.Instant changeOwnPassword(Actor actor, String current, String replacement) {
        String me = actor.name();
        String hash = users.passwordHash(me).orElseThrow();
        List<FieldError> errors = new ArrayList<>();
        if (current == null || !encoder.matches(current, hash)) {
            errors.add(new FieldError("current", "現在のパスワードが違います", "the current password is wrong"));
        }
        errors.addAll(PasswordPolicy.check("password", me, replacement));
        if (replacement != null && current != null && replacement.equals(current)) {
            errors.add(new FieldError("password", "新しいパスワードは現在のものと変えてください", "choose a password different from the current one"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        users.setPasswordHash(me, encoder.encode(replacement));
        java.time.Instant from = revoke(me);
        audit.record(actor.event(AuditAction.PASSWORD_CHANGED, "user:" + me, "other sessions ended"));
        return from;
    }

    /** "Sign out everywhere" for oneself; returns the moment from which sessions are valid, for the caller's own session. */
    @Transactional
    public java.time.Instant revokeOwnSessions(Actor actor) {
        java.time.Instant from = revoke(actor.name());
        audit.record(actor.event(AuditAction.SESSIONS_REVOKED, "user:" + actor.name(), "by the user"));
        return from;
    }

    /**
     * Changes a user's role (and an uploader's source). It applies at once: the user's sessions end and
     * the next sign-in carries the new role.
     */
    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    public void changeRole(Actor actor, String username, Role role, String sourceCode) {
        UserAccount before = users.find(username).orElseThrow(() ->
                new InvalidInputException(List.of(new FieldError("username", "利用者が存在しません", "no such user"))));
        List<FieldError> errors = new ArrayList<>();
        if (role == null) {
            errors.add(new FieldError("role", "役割を選択してください", "choose a role"));
        }
        Optional<SourceSystem> source = Optional.ofNullable(sourceCode).filter(s -> !s.isBlank()).flatMap(SourceSystem::fromCode);
        if (role == Role.DEPT_UPLOADER && source.isEmpty()) {
            errors.add(new FieldError("sourceCode", "データ登録者には所管のデータ種別が必要です", "a department uploader needs the source system they upload"));
        }
        if (role != null && role != Role.DEPT_UPLOADER && source.isPresent()) {
            errors.add(new FieldError("sourceCode", "データ種別はデータ登録者にのみ設定できます", "only a department uploader has a source system"));
        }
        if (username.equals(actor.name()) && role != Role.ADMIN) {
            errors.add(new FieldError("role", "自分自身の管理者権限は外せません", "you cannot remove your own administrator role"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        users.setRole(username, role, source.orElse(null));
        revoke(username);
        audit.record(actor.event(AuditAction.USER_ROLE_CHANGED, "user:" + username,
                before.role() + before.source().map(s -> "/" + s.code()).orElse("") + " → " + role + source.map(s -> "/" + s.code()).orElse("")));
    }

    /** Ends every session of another user (a lost laptop, a leaver). */
    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    public void revokeSessions(Actor actor, String username) {
        if (!users.exists(username)) {
            throw new InvalidInputException(List.of(new FieldError("username", "利用者が存在しません", "no such user")));
        }
        revoke(username);
        audit.record(actor.event(AuditAction.SESSIONS_REVOKED, "user:" + username, "by the administrator"));
    }

    private java.time.Instant revoke(String username) {
        users.revokeSessions(username);
        return users.now();
    }

    private UserAccount insert(NewUser u, boolean policy) {
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
        if (policy) {
            errors.addAll(PasswordPolicy.check("password", username, u.password()));
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
