package jp.mimamori.server.architecture;

/** Breaks two boundaries on purpose, for {@link ArchitectureTest#aDeliberateViolationIsCaught()}. */
class BoundaryViolationService {

    Object generator() {
        return jp.mimamori.synth.SyntheticCity.class;
    }

    Object controller() {
        return jp.mimamori.server.identity.ReviewController.class;
    }
}
