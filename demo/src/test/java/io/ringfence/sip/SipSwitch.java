package io.ringfence.sip;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The switch side on 127.0.0.1: SIPp answering calls as the carrier behind the proxy, and Kamailio running
 * the shipped deploy/kamailio/kamailio.cfg with its defines pointed at this test's ports and service.
 * SIPp places calls through it with {@link #dial} and {@link #register}.
 */
final class SipSwitch implements AutoCloseable {
    static final String LOOPBACK = "127.0.0.1";
    /** SIPp's exit status when the scenario's refused branch stops it: the call got a 403. */
    static final int REFUSED = 97;

    private final Path dir;
    private final int proxyPort;
    private final List<ChildProcess> children = new ArrayList<>();

    private SipSwitch(Path dir, int proxyPort) {
        this.dir = dir;
        this.proxyPort = proxyPort;
    }

    /**
     * @param servicePort the service's HTTP port on 127.0.0.1
     * @param screening   false to relay without asking the service (the benchmark's baseline)
     */
    static SipSwitch start(int servicePort, boolean screening) throws IOException {
        Path dir = Files.createTempDirectory("ringfence-sip");
        for (String scenario : List.of("dial.xml", "register.xml")) {
            try (var in = SipSwitch.class.getResourceAsStream(scenario)) {
                Files.copy(in, dir.resolve(scenario));
            }
        }
        SipSwitch sw = new SipSwitch(dir, freeUdpPort());
        try {
            int carrierPort = freeUdpPort();
            sw.children.add(ChildProcess.start("carrier-uas", List.of("sipp", "-sn", "uas", "-i", LOOPBACK,
                    "-p", String.valueOf(carrierPort), "-nostdin"), dir));
            String service = "http://" + LOOPBACK + ":" + servicePort;
            List<String> kamailio = new ArrayList<>(List.of(kamailio(), "-f", config().toString(), "-DD", "-E",
                    "-Y", dir.toString(), "-P", dir.resolve("kamailio.pid").toString(), "-m", "64", "-M", "8",
                    "-A", "LISTEN_ADDR=udp:" + LOOPBACK + ":" + sw.proxyPort,
                    "-A", "GATEWAY=\"sip:" + LOOPBACK + ":" + carrierPort + "\"",
                    "-A", "RF_SCREEN_URL=\"" + service + "/api/v1/screen\"",
                    "-A", "RF_EVENTS_URL=\"" + service + "/api/v1/switch-events\"",
                    "-A", "PBX_USER=\"" + PbxAttack.PBX_ACCOUNT + "\"",
                    "-A", "PBX_PASSWORD=\"" + PbxAttack.PBX_PASSWORD + "\""));
            if (!screening) {
                kamailio.addAll(List.of("-A", "WITHOUT_SCREENING"));
            }
            sw.children.add(ChildProcess.start("kamailio", kamailio, dir));
            sw.awaitProxy(Duration.ofSeconds(20));
            return sw;
        } catch (IOException | RuntimeException e) {
            sw.close();
            throw e;
        }
    }

    /** Debian installs it in /usr/sbin, which a non-root PATH often leaves out. */
    private static String kamailio() {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : (path + java.io.File.pathSeparator + "/usr/sbin").split(java.io.File.pathSeparator)) {
            Path candidate = Paths.get(dir.isEmpty() ? "." : dir, "kamailio");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return "kamailio";
    }

    /** The operator's file, run as shipped: found from the demo module's directory or the project root. */
    static Path config() {
        for (String candidate : List.of("../deploy/kamailio/kamailio.cfg", "deploy/kamailio/kamailio.cfg")) {
            Path p = Paths.get(candidate).toAbsolutePath().normalize();
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new IllegalStateException("deploy/kamailio/kamailio.cfg not found from " + Paths.get("").toAbsolutePath());
    }

    Path dir() {
        return dir;
    }

    /**
     * Places one call per line (A;B;User-Agent) through the proxy, one at a time.
     *
     * @return SIPp's exit status: 0 every call answered, {@link #REFUSED} a call got 403, anything else a failure
     */
    int dial(List<String> lines, String... options) throws IOException, InterruptedException {
        return sipp("dial.xml", lines, options);
    }

    /** One registration attempt per line (user;[authentication ...];User-Agent), one at a time. */
    int register(List<String> lines) throws IOException, InterruptedException {
        return sipp("register.xml", lines);
    }

    private int sipp(String scenario, List<String> lines, String... options) throws IOException, InterruptedException {
        Path csv = dir.resolve(UUID.randomUUID() + ".csv");
        Files.write(csv, ("SEQUENTIAL\n" + String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
        List<String> command = new ArrayList<>(List.of("sipp", "-sf", scenario, "-inf", csv.getFileName().toString(),
                "-i", LOOPBACK, "-p", "0", "-m", String.valueOf(lines.size()), "-nostdin",
                "-timeout", "60s", "-timeout_error"));
        if (options.length == 0) {
            command.addAll(List.of("-l", "1"));
        }
        command.addAll(List.of(options));
        command.add(LOOPBACK + ":" + proxyPort);
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("sipp-uac.log").toFile())).start();
        try {
            if (!p.waitFor(90, TimeUnit.SECONDS)) {
                throw new IllegalStateException("SIPp did not finish " + scenario + " in 90 s");
            }
            return p.exitValue();
        } finally {
            p.destroyForcibly();
        }
    }

    /** Kamailio answers an OPTIONS (405, the script takes none) once its workers are up. */
    private void awaitProxy(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getByName(LOOPBACK))) {
            socket.setSoTimeout(200);
            while (System.nanoTime() < deadline) {
                for (ChildProcess c : children) {
                    if (!c.isAlive()) {
                        throw new IllegalStateException(c.name() + " exited at start: " + Files.readString(c.log()));
                    }
                }
                byte[] options = ("OPTIONS sip:" + LOOPBACK + ":" + proxyPort + " SIP/2.0\r\n"
                        + "Via: SIP/2.0/UDP " + LOOPBACK + ":" + socket.getLocalPort() + ";branch=z9hG4bK" + System.nanoTime() + "\r\n"
                        + "From: <sip:probe@" + LOOPBACK + ">;tag=probe\r\nTo: <sip:" + LOOPBACK + ">\r\n"
                        + "Call-ID: probe-" + System.nanoTime() + "\r\nCSeq: 1 OPTIONS\r\nMax-Forwards: 70\r\n"
                        + "Content-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
                socket.send(new DatagramPacket(options, options.length, InetAddress.getByName(LOOPBACK), proxyPort));
                try {
                    DatagramPacket reply = new DatagramPacket(new byte[4096], 4096);
                    socket.receive(reply);
                    return;
                } catch (SocketTimeoutException notYet) {
                    // Not listening yet.
                }
            }
        }
        throw new IllegalStateException("Kamailio did not answer on " + LOOPBACK + ":" + proxyPort + " within " + timeout);
    }

    static int freeUdpPort() {
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getByName(LOOPBACK))) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        // Kamailio first: it must not relay to a carrier that is already gone.
        for (int i = children.size() - 1; i >= 0; i--) {
            children.get(i).close();
        }
    }
}
