package jp.mimamori.server.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import jp.mimamori.server.access.UserRepository;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

@SpringBootTest(properties = {"mimamori.data-dir=target/test-data-demo", "mimamori.db.embedded.clean=true", "mimamori.demo.enabled=true"})
@AutoConfigureMockMvc
class DemoModeTest {

    @Autowired MockMvc mvc;
    @Autowired UserRepository users;

    @Test
    void everyDemoLoginSignsInWithItsRole() throws Exception {
        assertThat(DemoUsers.logins()).hasSizeGreaterThanOrEqualTo(5 + 8);
        for (DemoUsers.Login l : DemoUsers.logins()) {
            var r = mvc.perform(formLogin("/login").user(l.username()).password(DemoUsers.PASSWORD)).andReturn();
            assertThat(r.getResponse().getRedirectedUrl()).as(l.username()).isEqualTo("/");
            String home = mvc.perform(get("/").session((MockHttpSession) r.getRequest().getSession(false))).andReturn().getResponse().getContentAsString();
            assertThat(home).contains(l.role().labelEn());
            assertThat(users.find(l.username()).orElseThrow().role()).isEqualTo(l.role());
        }
    }
}
