package jp.mimamori.server.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import jp.mimamori.server.MimamoriTest;
import jp.mimamori.server.TestUsers;
import jp.mimamori.server.audit.AuditAction;
import jp.mimamori.server.audit.AuditLog;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

@MimamoriTest
class LockoutTest {

    @Autowired MockMvc mvc;
    @Autowired TestUsers users;
    @Autowired AuditLog audit;

    String signIn(String user, String password) throws Exception {
        return mvc.perform(formLogin("/login").user(user).password(password)).andReturn().getResponse().getRedirectedUrl();
    }

    @Test
    void fiveWrongPasswordsLockTheAccountUntilAnAdministratorEnablesIt() throws Exception {
        String victim = users.ensure("t-lockout", Role.CENTER_CASEWORKER, null);
        for (int i = 0; i < 4; i++) {
            assertThat(signIn(victim, "guess-" + i)).isEqualTo("/login?error");
        }
        assertThat(signIn(victim, TestUsers.PASSWORD)).as("four failures do not lock; success resets the count").isEqualTo("/");
        for (int i = 0; i < 5; i++) {
            signIn(victim, "guess-" + i);
        }
        assertThat(audit.count(AuditAction.ACCOUNT_LOCKED, victim)).isEqualTo(1);
        assertThat(signIn(victim, TestUsers.PASSWORD)).as("locked: even the right password is refused").isEqualTo("/login?error");

        var admin = TestUsers.signIn(mvc, users.ensure(Role.ADMIN));
        mvc.perform(post("/admin/users/" + victim + "/enabled").session(admin).with(csrf()).param("enabled", "true"));
        assertThat(signIn(victim, TestUsers.PASSWORD)).isEqualTo("/");
    }
}
