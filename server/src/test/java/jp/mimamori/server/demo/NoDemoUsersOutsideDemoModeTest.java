package jp.mimamori.server.demo;

import static org.assertj.core.api.Assertions.assertThat;

import jp.mimamori.server.MimamoriTest;
import jp.mimamori.server.access.Role;
import jp.mimamori.server.access.UserRepository;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.crypto.password.PasswordEncoder;

@MimamoriTest
class NoDemoUsersOutsideDemoModeTest {

    @Autowired UserRepository users;
    @Autowired PasswordEncoder encoder;

    @Test
    void onlyTheBootstrapAdministratorExistsAndItsPasswordIsNotTheDemoOne() {
        for (DemoUsers.Login l : DemoUsers.logins()) {
            if (!l.username().equals("admin")) {
                assertThat(users.exists(l.username())).as(l.username()).isFalse();
            }
        }
        assertThat(users.find("admin").orElseThrow().role()).isEqualTo(Role.ADMIN);
        assertThat(encoder.matches(DemoUsers.PASSWORD, users.passwordHash("admin").orElseThrow())).isFalse();
    }
}
