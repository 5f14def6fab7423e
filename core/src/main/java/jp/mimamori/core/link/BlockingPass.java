package jp.mimamori.core.link;

/**
 * One blocking pass of a run: its name, the comparisons it added (pairs no earlier pass had
 * compared), and the blocks it dropped as too large to be a person even when refined (a data problem, not a name).
 */
public record BlockingPass(String name, long comparisons, long skippedBlocks, long skippedRecords) {
}
