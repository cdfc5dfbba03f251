package io.ringfence.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One in-process run of the command line, with what it printed. */
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

    /** A count from the replay summary, e.g. {@code count("accepted")}; fails if the line is missing. */
    long count(String label) {
        Matcher m = Pattern.compile("^\\s+" + Pattern.quote(label) + "\\s+([\\d,]+)", Pattern.MULTILINE).matcher(out);
        if (!m.find()) {
            throw new AssertionError("no '" + label + "' line in the summary:\n" + out + "\nstderr:\n" + err);
        }
        return Long.parseLong(m.group(1).replace(",", ""));
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\nstdout:\n" + out + "\nstderr:\n" + err;
    }
}
