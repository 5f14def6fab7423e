package jp.mimamori.server.cases;

import java.util.List;

/**
 * A named child's page was opened without a purpose this person may use: nothing about the child is
 * shown beyond what the search already showed; the page offers the purposes that would be valid.
 */
public class PurposeRequiredException extends RuntimeException {

    private final ChildDirectory.Child child;
    private final List<String> openCases;
    private final List<String> consultations;

    public PurposeRequiredException(ChildDirectory.Child child, List<String> openCases, List<String> consultations, String why) {
        super(why);
        this.child = child;
        this.openCases = openCases;
        this.consultations = consultations;
    }

    public ChildDirectory.Child child() {
        return child;
    }

    public List<String> openCases() {
        return openCases;
    }

    public List<String> consultations() {
        return consultations;
    }
}
