package jp.mimamori.server.ingest;

/** No load with this number. */
@org.springframework.web.bind.annotation.ResponseStatus(org.springframework.http.HttpStatus.NOT_FOUND)
public class LoadNotFoundException extends RuntimeException {
    public LoadNotFoundException(long id) {
        super("取込番号 " + id + " はありません / no load number " + id);
    }
}
