/**
 * コマンド (cli): the command line, {@code ./mimamori …}: MimamoriCli and one command per task (serve,
 * demo, ingest, loads, link, dedupe, assess, audit, backup, restore …).
 *
 * <p>Owns no table. Each command parses and checks its options, starts the application (or, for
 * synth and dedupe, none) and drives the features' services; it may depend on every feature it
 * drives, and no feature depends on it.
 */
package jp.mimamori.server.cli;
