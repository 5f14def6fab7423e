package jp.mimamori.server.report;

import java.util.ArrayList;
import java.util.List;
import org.springframework.web.util.HtmlUtils;

/**
 * Charts of the statistics tables as SVG drawn on the server (no chart library, no script, nothing from
 * elsewhere: the page's Content-Security-Policy allows none). A chart draws only what its table shows: a
 * hidden value (＊) gets no bar, only the mark, so no length gives away a suppressed count.
 */
public final class Charts {

    /** One bar: its label, the value shown (null where hidden) and the text beside it. */
    public record Bar(String label, Double value, String text) {
    }

    /** A chart ready to draw; {@link #svg()} is its markup, every text escaped. */
    public record Chart(String title, boolean vertical, List<Bar> bars) {

        public boolean empty() {
            return bars.isEmpty();
        }

        public String svg() {
            return vertical ? columnsSvg() : barsSvg();
        }

        private double max() {
            return bars.stream().filter(b -> b.value() != null).mapToDouble(Bar::value).max().orElse(0);
        }

        private String barsSvg() {
            int row = 22;
            int labelW = 190;
            int barW = 360;
            int h = bars.size() * row + 10;
            double max = max();
            StringBuilder b = new StringBuilder();
            b.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\" viewBox=\"0 0 ").append(labelW + barW + 80).append(' ').append(h)
                    .append("\" aria-label=\"").append(esc(title)).append("\"><title>").append(esc(title)).append("</title>");
            for (int i = 0; i < bars.size(); i++) {
                Bar bar = bars.get(i);
                int y = 5 + i * row;
                b.append("<text x=\"").append(labelW - 6).append("\" y=\"").append(y + 15).append("\" text-anchor=\"end\" font-size=\"12\">")
                        .append(esc(shorten(bar.label()))).append("</text>");
                double w = bar.value() == null || max == 0 ? 0 : barW * bar.value() / max;
                if (bar.value() != null) {
                    b.append("<rect x=\"").append(labelW).append("\" y=\"").append(y + 3).append("\" width=\"").append(String.format("%.1f", w))
                            .append("\" height=\"").append(row - 6).append("\" fill=\"#3b6ea5\"></rect>");
                }
                b.append("<text x=\"").append(String.format("%.1f", labelW + w + 4)).append("\" y=\"").append(y + 15).append("\" font-size=\"12\">")
                        .append(esc(bar.text())).append("</text>");
            }
            return b.append("</svg>").toString();
        }

        private String columnsSvg() {
            int col = Math.max(24, Math.min(60, 600 / Math.max(1, bars.size())));
            int plotH = 160;
            int w = bars.size() * col + 20;
            double max = max();
            StringBuilder b = new StringBuilder();
            b.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\" viewBox=\"0 0 ").append(w).append(' ').append(plotH + 60)
                    .append("\" aria-label=\"").append(esc(title)).append("\"><title>").append(esc(title)).append("</title>");
            b.append("<line x1=\"10\" y1=\"").append(plotH + 20).append("\" x2=\"").append(w - 10).append("\" y2=\"").append(plotH + 20)
                    .append("\" stroke=\"#888\"></line>");
            for (int i = 0; i < bars.size(); i++) {
                Bar bar = bars.get(i);
                int x = 10 + i * col;
                double h = bar.value() == null || max == 0 ? 0 : plotH * bar.value() / max;
                if (bar.value() != null) {
                    b.append("<rect x=\"").append(x + 3).append("\" y=\"").append(String.format("%.1f", plotH + 20 - h)).append("\" width=\"").append(col - 6)
                            .append("\" height=\"").append(String.format("%.1f", h)).append("\" fill=\"#3b6ea5\"></rect>");
                }
                b.append("<text x=\"").append(x + col / 2).append("\" y=\"").append(String.format("%.1f", plotH + 16 - h)).append("\" text-anchor=\"middle\" font-size=\"11\">")
                        .append(esc(bar.text())).append("</text>");
                b.append("<text x=\"").append(x + col / 2).append("\" y=\"").append(plotH + 36).append("\" text-anchor=\"middle\" font-size=\"10\">")
                        .append(esc(shorten(bar.label()))).append("</text>");
            }
            return b.append("</svg>").toString();
        }
    }

    private Charts() {
    }

    /** Horizontal bars of one column of a table (its rows, in order). */
    static Chart bars(String title, Trends.Table table, int column) {
        return new Chart(title, false, bars(table, column));
    }

    /** Vertical columns of one column of a table, e.g. months left to right. */
    static Chart columns(String title, Trends.Table table, int column) {
        return new Chart(title, true, bars(table, column));
    }

    private static List<Bar> bars(Trends.Table table, int column) {
        List<Bar> out = new ArrayList<>();
        for (Trends.Row r : table.rows()) {
            String text = r.cells().get(column);
            Double v = null;
            try {
                v = text.equals(Trends.HIDDEN) ? null : Double.parseDouble(text);
            } catch (NumberFormatException e) {
                // not a number: drawn as text only
            }
            out.add(new Bar(r.label(), v, text));
        }
        return out;
    }

    private static String shorten(String s) {
        String first = s.split(" / ")[0];
        return first.length() > 14 ? first.substring(0, 13) + "…" : first;
    }

    private static String esc(String s) {
        return HtmlUtils.htmlEscape(s == null ? "" : s);
    }
}
