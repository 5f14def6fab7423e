package jp.mimamori.server.assess;

import java.util.Set;

/**
 * What the assessment needs from outreach to train on: the children an outreach connected to support,
 * positives beside the families who came to the centre. Declared here and implemented by outreach
 * ({@code outreach.OutreachLabels}), so that assess depends on no outreach type while outreach, which
 * listens to {@link AssessmentCompleted}, depends on assess: one direction between the two.
 */
public interface TrainingLabels {

    /** Person IDs of the children whose outreach connected them to support. */
    Set<String> connected();
}
