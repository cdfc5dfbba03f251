package io.ringfence.simulation;

import io.ringfence.cli.CliTool;

/** Adds {@code simulate} to the command line of the demo jar: the simulator is not part of the service. */
public final class SimulateTool implements CliTool {
    @Override
    public String name() {
        return "simulate";
    }

    @Override
    public Object command() {
        return new SimulateCommand();
    }
}
