package jp.mimamori.server.cases;

import jp.mimamori.server.audit.Actor;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The 進行管理台帳 (the 要対協's progress register) as PDF and Excel: CENTER_SUPERVISOR and ADMIN
 * (AccessMatrix's {@code /center/registers/**}, and the service again); caseworkers are refused with 403, audited.
 */
@Controller
public class RegisterController {

    private final YotaikyoRegister register;

    public RegisterController(YotaikyoRegister register) {
        this.register = register;
    }

    @GetMapping("/center/registers/yotaikyo.pdf")
    public ResponseEntity<byte[]> pdf() {
        return send(register.pdf(Actor.current()), true);
    }

    @GetMapping("/center/registers/yotaikyo.xlsx")
    public ResponseEntity<byte[]> xlsx() {
        return send(register.xlsx(Actor.current()), false);
    }

    private static ResponseEntity<byte[]> send(YotaikyoRegister.Printed p, boolean inline) {
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(p.contentType()))
                .header(HttpHeaders.CONTENT_DISPOSITION, (inline ? ContentDisposition.inline() : ContentDisposition.attachment())
                        .filename(p.fileName()).build().toString())
                .header("Cache-Control", "no-store")
                .body(p.bytes());
    }
}
