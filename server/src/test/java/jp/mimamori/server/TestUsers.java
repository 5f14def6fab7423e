package jp.mimamori.server;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;

import jp.mimamori.core.source.SourceSystem;
import jp.mimamori.server.access.Role;
import jp.mimamori.server.access.UserRepository;
import jp.mimamori.server.access.UserService;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.stereotype.Component;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/** Real accounts in the real database, and real sign-in through the login form. */
@Component
public class TestUsers {

    // Strong enough for the password policy (no common word, keyboard row or sequence carries it).
    public static final String PASSWORD = "Tsubame7-Kq2x-Hokago";

    private final UserRepository repository;
    private final UserService service;

    public TestUsers(UserRepository repository, UserService service) {
        this.repository = repository;
        this.service = service;
    }

    /** One account per role (uploaders for 住民記録 and 税), created once. */
    public String ensure(Role role) {
        String name = "t-" + role.name().toLowerCase().replace('_', '-');
        return ensure(name, role, role == Role.DEPT_UPLOADER ? SourceSystem.JUKI : null);
    }

    public String ensure(String name, Role role, SourceSystem source) {
        if (!repository.exists(name)) {
            service.createAtStartup(new UserService.NewUser(name, "テスト " + role.labelJa(), PASSWORD, role, source == null ? null : source.code()));
        }
        return name;
    }

    public static MockHttpSession signIn(MockMvc mvc, String username) throws Exception {
        MvcResult r = mvc.perform(formLogin("/login").user(username).password(PASSWORD)).andReturn();
        if (r.getResponse().getStatus() != 302 || !"/".equals(r.getResponse().getRedirectedUrl())) {
            throw new AssertionError("sign-in failed for " + username + ": " + r.getResponse().getRedirectedUrl());
        }
        return (MockHttpSession) r.getRequest().getSession(false);
    }
}
