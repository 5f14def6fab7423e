package jp.mimamori.server.access;

import java.security.Principal;
import java.util.List;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Puts the signed-in account and the menu it may use into every page's model. */
@ControllerAdvice
public class Navigation {

    public record Item(String path, String label) {
    }

    private static final List<Item> ITEMS = List.of(
            new Item("/", "ホーム / Home"),
            new Item("/center", "センター / Centre"),
            new Item("/center/cases", "ケース / Cases"),
            new Item("/center/outreach", "アウトリーチ / Outreach"),
            new Item("/center/rules", "判定ルール / Rules"),
            new Item("/center/review", "名寄せ確認 / Review"),
            new Item("/center/linkage", "名寄せモデル / Linkage model"),
            new Item("/dept", "データ登録 / Uploads"),
            new Item("/stats", "統計 / Statistics"),
            new Item("/admin/loads", "取込の確認 / Loads"),
            new Item("/admin/users", "利用者 / Users"),
            new Item("/admin/audit", "監査ログ / Audit"));

    private final UserRepository users;

    public Navigation(UserRepository users) {
        this.users = users;
    }

    /** The signed-in account ("me") and the menu items its role may open ("nav"), with one lookup per request. */
    @ModelAttribute
    public void addAccountAndMenu(Principal principal, Model model) {
        UserAccount me = principal == null ? null : users.find(principal.getName()).orElse(null);
        model.addAttribute("me", me);
        model.addAttribute("nav", me == null ? List.of() : ITEMS.stream().filter(i -> allowed(i.path(), me.role())).toList());
    }

    static boolean allowed(String path, Role role) {
        AccessMatrix.Rule r = AccessMatrix.ruleFor(path);
        return r != null && r.allows(role);
    }
}
