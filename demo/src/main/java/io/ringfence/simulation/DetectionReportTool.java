package io.ringfence.simulation;

import io.ringfence.cli.CliTool;

/** Adds {@code detection-report} to the command line of the demo jar: the simulator is not part of the service. */
public final class DetectionReportTool implements CliTool {
    @Override
    public String name() {
        return "detection-report";
    }

    @Override
    public Object command() {
        return new DetectionReportCommand();
    }
}
