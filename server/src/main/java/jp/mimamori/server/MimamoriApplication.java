package jp.mimamori.server;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The web application: pages, security, persistence and jobs, one package per feature. */
@SpringBootApplication
public class MimamoriApplication {
}
