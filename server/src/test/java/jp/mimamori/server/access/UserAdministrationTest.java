package jp.mimamori.server.access;

import jp.mimamori.server.audit.Actor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import jp.mimamori.server.MimamoriTest;
import jp.mimamori.server.TestUsers;
import jp.mimamori.server.audit.AuditAction;
import jp.mimamori.server.audit.AuditLog;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;

@MimamoriTest
class UserAdministrationTest {

    @Autowired MockMvc mvc;
    @Autowired TestUsers users;
    @Autowired UserRepository repository;
    @Autowired UserService service;
    @Autowired AuditLog audit;
    @Autowired JdbcClient jdbc;

    @Test
    void anAdministratorCreatesAnUploaderAndTheCreationIsAudited() throws Exception {
        MockHttpSession admin = TestUsers.signIn(mvc, users.ensure(Role.ADMIN));
        var r = mvc.perform(post("/admin/users").session(admin).with(csrf())
                .param("username", "zei-clerk").param("displayName", "税務課 登録者").param("password", "a-long-password-1")
                .param("role", "DEPT_UPLOADER").param("sourceCode", "zei")).andReturn().getResponse();
        assertThat(r.getStatus()).isEqualTo(302);
        UserAccount created = repository.find("zei-clerk").orElseThrow();
        assertThat(created.role()).isEqualTo(Role.DEPT_UPLOADER);
        assertThat(created.source()).hasValueSatisfying(s -> assertThat(s.code()).isEqualTo("zei"));
        assertThat(repository.passwordHash("zei-clerk").orElseThrow()).startsWith("{argon2@SpringSecurity_v5_8}$argon2id$").doesNotContain("a-long-password-1");
        assertThat(audit.recent(10)).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo(AuditAction.USER_CREATED.name());
            assertThat(e.target()).isEqualTo("user:zei-clerk");
            assertThat(e.actor()).isEqualTo(users.ensure(Role.ADMIN));
        });
        mvc.perform(formLogin("/login").user("zei-clerk").password("a-long-password-1"))
                .andExpect(r2 -> assertThat(r2.getResponse().getRedirectedUrl()).isEqualTo("/"));
    }

    /** Past bcrypt's 72 bytes: an 80-character password from the administrator, a 25-character Japanese passphrase by the user. */
    @Test
    void longPasswordsAndPassphrasesAreAcceptedAndSignIn() throws Exception {
        MockHttpSession admin = TestUsers.signIn(mvc, users.ensure(Role.ADMIN));
        String eighty = "Morning-tea on the veranda, 7 cranes over Kamo river & a ferry at dusk; noted 3x";
        var r = mvc.perform(post("/admin/users").session(admin).with(csrf()).param("username", "long-pass").param("displayName", "長い パスワード")
                .param("password", eighty).param("role", "ANALYST")).andReturn().getResponse();
        assertThat(r.getStatus()).isEqualTo(302);
        MockHttpSession me = (MockHttpSession) mvc.perform(formLogin("/login").user("long-pass").password(eighty))
                .andExpect(x -> assertThat(x.getResponse().getRedirectedUrl()).isEqualTo("/")).andReturn().getRequest().getSession(false);
        String japanese = "こどもを見守る春の朝のしずけさと光のなかを歩いてく";
        assertThat(japanese.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isEqualTo(75);
        assertThat(mvc.perform(post("/me/password").session(me).with(csrf()).param("current", eighty).param("password", japanese))
                .andReturn().getResponse().getRedirectedUrl()).isEqualTo("/");
        mvc.perform(formLogin("/login").user("long-pass").password(japanese)).andExpect(x -> assertThat(x.getResponse().getRedirectedUrl()).isEqualTo("/"));
        // Only the whole passphrase opens it: bcrypt would have ignored everything after byte 72.
        mvc.perform(formLogin("/login").user("long-pass").password(japanese.substring(0, 24) + "を"))
                .andExpect(x -> assertThat(x.getResponse().getRedirectedUrl()).isEqualTo("/login?error"));
    }

    /** An account whose hash is still bcrypt signs in as before, and its hash becomes Argon2 on that sign-in. */
    @Test
    void aBcryptHashStillSignsInAndIsUpgradedToArgon2() throws Exception {
        String user = users.ensure("t-old-hash", Role.ANALYST, null);
        repository.setPasswordHash(user, "{bcrypt}" + new org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder().encode(TestUsers.PASSWORD));
        TestUsers.signIn(mvc, user);
        String upgraded = repository.passwordHash(user).orElseThrow();
        assertThat(upgraded).startsWith("{argon2@SpringSecurity_v5_8}$argon2id$");
        TestUsers.signIn(mvc, user);
        assertThat(repository.passwordHash(user).orElseThrow()).as("upgraded once").isEqualTo(upgraded);
    }

    @Test
    void invalidInputIsRefusedWithEveryReasonInBothLanguagesAndNothingIsStored() throws Exception {
        MockHttpSession admin = TestUsers.signIn(mvc, users.ensure(Role.ADMIN));
        String existing = users.ensure(Role.ANALYST); // created before counting, whatever ran before this test
        long before = jdbc.sql("select count(*) from app_user").query(Long.class).single();
        String html = mvc.perform(post("/admin/users").session(admin).with(csrf())
                .param("username", "X").param("displayName", "").param("password", "short")
                .param("role", "DEPT_UPLOADER").param("sourceCode", "")).andReturn().getResponse().getContentAsString();
        assertThat(html).contains("利用者IDは", "user id must be", "パスワードは12文字以上", "at least 12 characters",
                "所管のデータ種別が必要", "needs the source system", "display name must be");
        assertThat(jdbc.sql("select count(*) from app_user").query(Long.class).single()).isEqualTo(before);
        String dup = mvc.perform(post("/admin/users").session(admin).with(csrf())
                .param("username", existing).param("displayName", "重複").param("password", "a-long-password-1")
                .param("role", "ANALYST")).andReturn().getResponse().getContentAsString();
        assertThat(dup).contains("既に使われています", "already taken");
        assertThat(jdbc.sql("select count(*) from app_user").query(Long.class).single()).isEqualTo(before);
    }

    @Test
    void aStateChangingRequestWithoutCsrfTokenIsRefused() throws Exception {
        MockHttpSession admin = TestUsers.signIn(mvc, users.ensure(Role.ADMIN));
        int status = mvc.perform(post("/admin/users").session(admin).param("username", "no-csrf").param("displayName", "x")
                .param("password", "a-long-password-1").param("role", "ANALYST")).andReturn().getResponse().getStatus();
        assertThat(status).isEqualTo(403);
        assertThat(repository.exists("no-csrf")).isFalse();
    }

    @Test
    void theServiceItselfRefusesNonAdministratorsWhateverPageCallsIt() {
        SecurityContextHolder.getContext().setAuthentication(new UsernamePasswordAuthenticationToken("t-supervisor", "n/a",
                AuthorityUtils.createAuthorityList(Role.CENTER_SUPERVISOR.authority())));
        try {
            assertThatThrownBy(() -> service.create(Actor.current(), new UserService.NewUser("sneaky", "x", "a-long-password-1", Role.ADMIN, null)))
                    .isInstanceOf(AuthorizationDeniedException.class);
            assertThatThrownBy(() -> service.list()).isInstanceOf(AuthorizationDeniedException.class);
        } finally {
            SecurityContextHolder.clearContext();
        }
        assertThat(repository.exists("sneaky")).isFalse();
    }

    @Test
    void aDisabledAccountCannotSignInAndTheAdminCannotDisableThemself() throws Exception {
        String victim = users.ensure("t-to-disable", Role.ANALYST, null);
        MockHttpSession admin = TestUsers.signIn(mvc, users.ensure(Role.ADMIN));
        mvc.perform(post("/admin/users/" + victim + "/enabled").session(admin).with(csrf()).param("enabled", "false"));
        assertThat(repository.find(victim).orElseThrow().enabled()).isFalse();
        var r = mvc.perform(formLogin("/login").user(victim).password(TestUsers.PASSWORD)).andReturn().getResponse();
        assertThat(r.getRedirectedUrl()).isEqualTo("/login?error");
        mvc.perform(post("/admin/users/" + users.ensure(Role.ADMIN) + "/enabled").session(admin).with(csrf()).param("enabled", "false"));
        assertThat(repository.find(users.ensure(Role.ADMIN)).orElseThrow().enabled()).isTrue();
    }

    @Test
    void wrongPasswordsAreAuditedAndASessionEndsAtLogout() throws Exception {
        String analyst = users.ensure(Role.ANALYST);
        long failures = audit.count(AuditAction.LOGIN_FAILURE, analyst);
        var r = mvc.perform(formLogin("/login").user(analyst).password("wrong-password")).andReturn().getResponse();
        assertThat(r.getRedirectedUrl()).isEqualTo("/login?error");
        assertThat(audit.count(AuditAction.LOGIN_FAILURE, analyst)).isEqualTo(failures + 1);

        MockHttpSession s = TestUsers.signIn(mvc, analyst);
        assertThat(mvc.perform(get("/stats").session(s)).andReturn().getResponse().getStatus()).isEqualTo(200);
        mvc.perform(post("/logout").session(s).with(csrf()));
        var after = mvc.perform(get("/stats").session(s)).andReturn().getResponse();
        assertThat(after.getStatus()).isEqualTo(302);
        assertThat(after.getRedirectedUrl()).endsWith("/login");
    }

    @Test
    void pagesCarrySecureHeaders() throws Exception {
        var r = mvc.perform(get("/login")).andReturn().getResponse();
        assertThat(r.getHeader("Content-Security-Policy")).contains("default-src 'self'");
        assertThat(r.getHeader("X-Frame-Options")).isEqualTo("DENY");
        assertThat(r.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
    }

    @Test
    void aRoleChangeAppliesAtOnceIsAuditedAndKeepsTheRulesOfUploaders() throws Exception {
        MockHttpSession admin = TestUsers.signIn(mvc, users.ensure(Role.ADMIN));
        String user = users.ensure("t-promoted", Role.CENTER_CASEWORKER, null);
        MockHttpSession before = TestUsers.signIn(mvc, user);
        assertThat(mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/center/review").session(before))
                .andReturn().getResponse().getStatus()).isEqualTo(403);
        var refused = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/admin/users/" + user + "/role").session(admin)
                .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf())
                .param("role", "DEPT_UPLOADER")).andReturn();
        assertThat(refused.getFlashMap().get("errors").toString()).contains("sourceCode");
        assertThat(repository.find(user).orElseThrow().role()).isEqualTo(Role.CENTER_CASEWORKER);
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/admin/users/" + user + "/role").session(admin)
                .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf())
                .param("role", "CENTER_SUPERVISOR").param("sourceCode", ""));
        assertThat(repository.find(user).orElseThrow().role()).isEqualTo(Role.CENTER_SUPERVISOR);
        assertThat(mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/center").session(before))
                .andReturn().getResponse().getRedirectedUrl()).as("the old session, with the old role, has ended").endsWith("/login?revoked");
        MockHttpSession after = TestUsers.signIn(mvc, user);
        assertThat(mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/center/review").session(after))
                .andReturn().getResponse().getStatus()).isEqualTo(200);
        assertThat(jdbc.sql("select detail from audit_event where action = 'USER_ROLE_CHANGED' and target = :t").param("t", "user:" + user)
                .query(String.class).single()).isEqualTo("CENTER_CASEWORKER → CENTER_SUPERVISOR");
        // Put it back for other tests that use this account.
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/admin/users/" + user + "/role").session(admin)
                .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf())
                .param("role", "CENTER_CASEWORKER"));
    }
}
