package jp.mimamori.server.access;

import java.time.OffsetDateTime;
import java.util.Optional;
import jp.mimamori.core.source.SourceSystem;

/** A person who may sign in. A department uploader carries the one source system they may store data for. */
public record UserAccount(long id, String username, String displayName, Role role, Optional<SourceSystem> source,
                          boolean enabled, OffsetDateTime createdAt) {
}
