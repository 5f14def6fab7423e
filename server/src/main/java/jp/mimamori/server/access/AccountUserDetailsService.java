package jp.mimamori.server.access;

import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;

/** Signs people in against app_user. */
@Service
public class AccountUserDetailsService implements UserDetailsService {

    private final UserRepository users;

    public AccountUserDetailsService(UserRepository users) {
        this.users = users;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        UserAccount a = users.find(username).orElseThrow(() -> new UsernameNotFoundException(username));
        String hash = users.passwordHash(username).orElseThrow(() -> new UsernameNotFoundException(username));
        return User.withUsername(a.username()).password(hash).authorities(a.role().authority()).disabled(!a.enabled())
                .accountLocked(users.locked(username)).build();
    }
}
