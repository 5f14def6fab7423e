package jp.mimamori.server.identity;

import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * A weight in bits as a small bar either side of zero, drawn as inline SVG geometry (attributes, never a
 * style attribute, which the Content-Security-Policy refuses). Pages call it as {@code @bars}:
 * {@code ${@bars.of(bits, scale)}} with the number of bits that fills one side.
 */
@Component("bars")
public class WeightBars {

    /** The SVG's viewBox and the bar's x and width in it; {@code kind} is the CSS class, {@code text} the bits for screen readers. */
    public record Bar(String viewBox, String x, String width, String kind, String text) {
    }

    public Bar of(double bits, double scale) {
        double s = scale > 0 && Double.isFinite(scale) ? scale : 1;
        double w = Double.isFinite(bits) ? Math.min(Math.abs(bits), s) : 0;
        return new Bar(number(-s) + " 0 " + number(2 * s) + " 10", number(bits < 0 ? -w : 0), number(w), bits < 0 ? "neg" : "pos",
                String.format(Locale.ROOT, "%+.1f ビット / bits", bits));
    }

    private static String number(double x) {
        return String.format(Locale.ROOT, "%.3f", x);
    }
}
