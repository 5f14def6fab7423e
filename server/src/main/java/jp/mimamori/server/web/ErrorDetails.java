package jp.mimamori.server.web;

import java.util.Map;
import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.webmvc.error.DefaultErrorAttributes;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.WebRequest;

/**
 * The error page's model: Spring Boot's attributes plus {@code detail}, a bilingual sentence that only
 * our own code sets (through {@link #refuse}). Exception messages never reach the page: they may hold
 * SQL, class names or a stack of causes, and staff need to know what to do, not what broke.
 */
@Component
public class ErrorDetails extends DefaultErrorAttributes {

    static final String DETAIL = ErrorDetails.class.getName() + ".detail";

    /** Marks the bilingual reason the error page will show for the error about to be sent. */
    public static void refuse(jakarta.servlet.ServletRequest request, String ja, String en) {
        request.setAttribute(DETAIL, ja + " / " + en);
    }

    @Override
    public Map<String, Object> getErrorAttributes(WebRequest request, ErrorAttributeOptions options) {
        Map<String, Object> m = super.getErrorAttributes(request, options);
        Object detail = request.getAttribute(DETAIL, RequestAttributes.SCOPE_REQUEST);
        if (detail != null) {
            m.put("detail", detail);
        }
        return m;
    }
}
