package jp.mimamori.server.access;

import jp.mimamori.server.validation.Nul;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsPasswordService;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;

/**
 * Signs people in against app_user. As the {@link UserDetailsPasswordService} it also replaces a hash
 * made with an older algorithm (bcrypt) by one made with the current default at the next successful
 * sign-in, when the password is at hand: Spring Security calls it for us.
 */
@Service
public class AccountUserDetailsService implements UserDetailsService, UserDetailsPasswordService {

    private final UserRepository users;

    public AccountUserDetailsService(UserRepository users) {
        this.users = users;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        // No account name holds a NUL (the schema allows a-z0-9._- only), and the database would refuse to look for one.
        if (username == null || Nul.in(username)) {
            throw new UsernameNotFoundException("no such user");
        }
        UserAccount a = users.find(username).orElseThrow(() -> new UsernameNotFoundException(username));
        String hash = users.passwordHash(username).orElseThrow(() -> new UsernameNotFoundException(username));
        return User.withUsername(a.username()).password(hash).authorities(a.role().authority()).disabled(!a.enabled())
                .accountLocked(users.locked(username)).build();
    }

    @Override
    public UserDetails updatePassword(UserDetails user, String newHash) {
        users.setPasswordHash(user.getUsername(), newHash);
        return User.withUserDetails(user).password(newHash).build();
    }
}
