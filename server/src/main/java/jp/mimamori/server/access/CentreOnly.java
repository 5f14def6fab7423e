package jp.mimamori.server.access;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.security.access.prepost.PreAuthorize;

/**
 * Centre work: consultations, cases, named children. CENTER_CASEWORKER, CENTER_SUPERVISOR and ADMIN;
 * department uploaders and analysts are refused in the service layer whatever page calls it.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@PreAuthorize("hasAnyRole('CENTER_CASEWORKER', 'CENTER_SUPERVISOR', 'ADMIN')")
public @interface CentreOnly {
}
