package jp.mimamori.server.access;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.security.access.prepost.PreAuthorize;

/** Decisions for the centre's lead: assigning cases, editing code tables. CENTER_SUPERVISOR and ADMIN. */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@PreAuthorize("hasAnyRole('CENTER_SUPERVISOR', 'ADMIN')")
public @interface SupervisorOnly {
}
