package io.ringfence.simulator;

import java.util.List;

/** A simulated line: number, SIM, handset and the cells it usually uses. */
record Identity(String msisdn, String imsi, String imei, List<String> homeCells) {
    String anyHomeCell(java.util.SplittableRandom rnd) {
        return homeCells.get(rnd.nextInt(homeCells.size()));
    }
}
