package io.ringfence.simulation;

import io.ringfence.cli.RingfenceCli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One in-process run of the demo jar's command line (with the tools it adds), with what it printed. */
record CliRun(int exitCode, String out, String err) {

    static CliRun of(Object... args) {
        String[] a = new String[args.length];
        for (int i = 0; i < args.length; i++) {
            a[i] = String.valueOf(args[i]);
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = RingfenceCli.commandLine()
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .execute(a);
        return new CliRun(code, out.toString(), err.toString());
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\nstdout:\n" + out + "\nstderr:\n" + err;
    }
}
