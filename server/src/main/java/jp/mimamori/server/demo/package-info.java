/**
 * デモ (demo): the demonstration city: generated extracts loaded, linked and assessed at start-up,
 * demo cases and users.
 *
 * <p>Owns no table (it seeds other features' tables for the demo only). The only feature that may use the
 * synthetic city generator (synth); in cli only DemoCommand (which generates the demo's city) and
 * MimamoriCli (which offers the synth subcommand) may too.
 */
package jp.mimamori.server.demo;
