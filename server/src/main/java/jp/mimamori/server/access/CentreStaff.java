package jp.mimamori.server.access;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The centre's staff who can take on a child (担当者): enabled caseworkers and supervisors. One list for every
 * picker that assigns work (the outreach worklist, a case's 担当), and one check that what a form sent is one of
 * them, so that the picker and the check cannot drift apart.
 */
@Component
public class CentreStaff {

    private final UserRepository users;

    public CentreStaff(UserRepository users) {
        this.users = users;
    }

    static boolean takesWork(UserAccount a) {
        return a.enabled() && (a.role() == Role.CENTER_CASEWORKER || a.role() == Role.CENTER_SUPERVISOR);
    }

    /** By display name, as the pickers list them. */
    public List<UserAccount> assignable() {
        return users.all().stream().filter(CentreStaff::takesWork).sorted(Comparator.comparing(UserAccount::displayName)
                .thenComparing(UserAccount::username)).toList();
    }

    /** The staff member a form named by user id; empty for an unknown id, a disabled account or anyone not centre staff. */
    public Optional<UserAccount> find(String username) {
        return username == null || username.isBlank() ? Optional.empty() : users.find(username.strip()).filter(CentreStaff::takesWork);
    }
}
