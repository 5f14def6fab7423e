package jp.mimamori.server.access;

import java.security.Principal;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/** The signed-in person's account, for services that decide by role and department. */
@Component
public class CurrentUser {

    private final UserRepository users;

    public CurrentUser(UserRepository users) {
        this.users = users;
    }

    public UserAccount of(Principal principal) {
        if (principal == null) {
            throw new AccessDeniedException("not signed in");
        }
        return users.find(principal.getName()).filter(UserAccount::enabled)
                .orElseThrow(() -> new AccessDeniedException("no such active user: " + principal.getName()));
    }
}
