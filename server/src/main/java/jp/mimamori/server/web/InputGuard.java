package jp.mimamori.server.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import jp.mimamori.server.audit.AuditAction;
import jp.mimamori.server.audit.AuditLog;
import jp.mimamori.server.validation.Nul;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses, with 400 and an audit row, a request whose query or form fields (multipart fields included)
 * carry a NUL character. PostgreSQL cannot hold one, so without this check the first statement that
 * meets it (a search, the audit row of a sign-in, a consultation's insert) fails and the person sees
 * a 500 with nothing recorded. A sign-in with NUL in the name is recorded as LOGIN_FAILURE (the name
 * with the NUL written as <code>&#92;u0000</code>); anything else as INPUT_REFUSED with the field named. A body
 * Tomcat cannot parse as parameters at all (multipart/form-data without a boundary) is refused the same way.
 *
 * <p>It sits inside the security chain, after the session's sign-in has been restored, so that the
 * audit row names who sent the request, and before the sign-in form is processed.
 */
public class InputGuard extends OncePerRequestFilter {

    private final AuditLog audit;

    public InputGuard(AuditLog audit) {
        this.audit = audit;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain) throws ServletException, IOException {
        String field;
        try {
            field = fieldWithNul(request);
        } catch (IllegalStateException e) {
            // Tomcat could not parse the parameters (a multipart/form-data body without its boundary, a damaged form) and
            // would answer a bare English 400; the person or the uploading program gets the reason in both languages.
            audit.record(event(request, AuditAction.INPUT_REFUSED, "unreadable form or multipart body"));
            refuse(request, response, "リクエストの内容を読めません（multipart/form-data の境界 boundary がないか、フォームが壊れています）。データは変更されていません",
                    "the request cannot be read: a multipart/form-data body without its boundary, or a damaged form; no data was changed");
            return;
        }
        if (field == null) {
            chain.doFilter(request, response);
            return;
        }
        String shown = Nul.escape(field);
        String target = request.getMethod() + " " + request.getRequestURI();
        if ("POST".equals(request.getMethod()) && (request.getContextPath() + "/login").equals(request.getRequestURI())) {
            String name = request.getParameter("username");
            audit.record(new AuditLog.Event(name == null || name.isEmpty() ? "(none)" : name, null, AuditAction.LOGIN_FAILURE, target, null,
                    "NUL (U+0000) in field " + shown + ": refused before sign-in", request.getRemoteAddr()));
        } else {
            audit.record(event(request, AuditAction.INPUT_REFUSED, "NUL (U+0000) in field " + shown));
        }
        refuse(request, response, "入力に使えない文字（NUL, U+0000）が含まれています（項目: " + shown + "）。データは変更されていません",
                "the input contains a character that cannot be accepted (NUL, U+0000) in field " + shown + "; no data was changed");
    }

    /** The audit row of a refusal, naming the signed-in account (or "anonymous") and the request. */
    private static AuditLog.Event event(HttpServletRequest request, AuditAction action, String detail) {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        boolean signedIn = auth != null && auth.isAuthenticated() && !(auth instanceof AnonymousAuthenticationToken);
        String role = signedIn ? auth.getAuthorities().stream().map(a -> a.getAuthority()).filter(a -> a.startsWith("ROLE_"))
                .map(a -> a.substring(5)).findFirst().orElse(null) : null;
        return new AuditLog.Event(signedIn ? auth.getName() : "anonymous", role, action, request.getMethod() + " " + request.getRequestURI(), null,
                detail, request.getRemoteAddr());
    }

    /** 400 with the reason: JSON for the API's programs, the error page for people. */
    private static void refuse(HttpServletRequest request, HttpServletResponse response, String ja, String en) throws IOException {
        if (request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            response.setContentType("application/json");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            StringBuilder body = new StringBuilder("{\"errorJa\":");
            jp.mimamori.core.text.JsonString.append(body, ja);
            body.append(",\"errorEn\":");
            jp.mimamori.core.text.JsonString.append(body, en);
            response.getWriter().write(body.append('}').toString());
            return;
        }
        ErrorDetails.refuse(request, ja, en);
        response.sendError(HttpServletResponse.SC_BAD_REQUEST, ja + " / " + en);
    }

    /** The first parameter whose name or any value holds a NUL, or null. */
    static String fieldWithNul(HttpServletRequest request) {
        for (Map.Entry<String, String[]> p : request.getParameterMap().entrySet()) {
            if (Nul.in(p.getKey())) {
                return p.getKey();
            }
            for (String v : p.getValue()) {
                if (Nul.in(v)) {
                    return p.getKey();
                }
            }
        }
        return null;
    }
}
