package jp.mimamori.server.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * HTTP/1.1 over a plain socket, from a chosen local address: a test must be able to send any Host
 * header (Java's HttpClient refuses to) and to come from an address that is not the trusted proxy
 * (127.0.0.2 is loopback too on Linux).
 */
final class RawHttp {

    record Response(int status, List<String> headers, String body) {

        List<String> all(String name) {
            String prefix = name.toLowerCase(Locale.ROOT) + ":";
            return headers.stream().filter(h -> h.toLowerCase(Locale.ROOT).startsWith(prefix)).map(h -> h.substring(prefix.length()).strip()).toList();
        }

        String header(String name) {
            List<String> v = all(name);
            return v.isEmpty() ? null : v.get(0);
        }
    }

    private RawHttp() {
    }

    static Response send(String from, int port, String request) throws IOException {
        try (Socket s = new Socket()) {
            s.setSoTimeout(20_000);
            s.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
            s.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 5_000);
            OutputStream out = s.getOutputStream();
            out.write(request.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            String text = all.toString(StandardCharsets.UTF_8);
            int end = text.indexOf("\r\n\r\n");
            String[] head = (end < 0 ? text : text.substring(0, end)).split("\r\n");
            List<String> headers = new ArrayList<>(List.of(head).subList(1, head.length));
            return new Response(Integer.parseInt(head[0].split(" ")[1]), headers, end < 0 ? "" : text.substring(end + 4));
        }
    }

    /** A GET with Connection: close and the given extra header lines. */
    static Response get(String from, int port, String path, String host, String... headers) throws IOException {
        StringBuilder r = new StringBuilder("GET " + path + " HTTP/1.1\nHost: " + host + "\nConnection: close\n");
        for (String h : headers) {
            r.append(h).append('\n');
        }
        return send(from, port, r.append('\n').toString());
    }

    static Response post(String from, int port, String path, String host, String form, String... headers) throws IOException {
        StringBuilder r = new StringBuilder("POST " + path + " HTTP/1.1\nHost: " + host + "\nConnection: close\n"
                + "Content-Type: application/x-www-form-urlencoded\nContent-Length: " + form.getBytes(StandardCharsets.UTF_8).length + "\n");
        for (String h : headers) {
            r.append(h).append('\n');
        }
        return send(from, port, r.append('\n').append(form).toString());
    }
}
