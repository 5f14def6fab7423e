package jp.mimamori.synth;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** 世帯 (household) as the resident registry knows it, with the latent circumstances behind it. */
final class Household {

    final int id;
    HouseholdType type;
    final List<Person> members = new ArrayList<>(4);
    Address address;
    /** The address before the last move within the city; lagging systems still hold it. */
    Address previousAddress;
    /** 1 (lowest) … 5: the household's income band; band 1 is economic hardship. */
    int incomeBand;
    /** Latent traits: moves often; has nobody around (no relatives, no services). */
    final boolean mover;
    boolean isolated;
    LocalDate seihoStart;
    LocalDate seihoEnd;
    boolean active = true;
    final List<LocalDate> moves = new ArrayList<>(2);

    Household(int id, HouseholdType type, int incomeBand, boolean mover, boolean isolated) {
        this.id = id;
        this.type = type;
        this.incomeBand = incomeBand;
        this.mover = mover;
        this.isolated = isolated;
    }

    boolean onAssistance(LocalDate on) {
        return seihoStart != null && !seihoStart.isAfter(on) && (seihoEnd == null || seihoEnd.isAfter(on));
    }

    Person head() {
        for (Person p : members) {
            if (p.relation == Relation.HEAD) {
                return p;
            }
        }
        return members.get(0);
    }

    List<Person> residents() {
        List<Person> r = new ArrayList<>(members.size());
        for (Person p : members) {
            if (p.isResident()) {
                r.add(p);
            }
        }
        return r;
    }

    int movesSince(LocalDate from) {
        int n = 0;
        for (LocalDate d : moves) {
            if (!d.isBefore(from)) {
                n++;
            }
        }
        return n;
    }
}
