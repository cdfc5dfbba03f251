package io.ringfence.loadtest;

import io.ringfence.cli.CliTool;

/** Adds {@code loadtest} to the command line of the demo jar. */
public final class LoadTestTool implements CliTool {
    @Override
    public String name() {
        return "loadtest";
    }

    @Override
    public Object command() {
        return new LoadTestCommand();
    }
}
