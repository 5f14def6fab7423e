package jp.mimamori.server.time;

import jp.mimamori.server.cases.CaseFiles;

/** ArchitectureTest's deliberate violation: time may depend on no other feature, and this uses cases' service. */
public class TimeUsesCasesFixture {

    CaseFiles cases;
}
