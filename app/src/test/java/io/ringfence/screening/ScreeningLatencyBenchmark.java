package io.ringfence.screening;

import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.ringfence.contract.Action;
import io.ringfence.detection.Subject;
import io.ringfence.reference.ReferenceDataLoader;
import io.ringfence.reference.ReferenceDataRepository;
import io.ringfence.screening.grpc.ScreeningGrpc;
import io.ringfence.screening.grpc.TrafficType;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.TestingAuthenticationToken;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Service time of a screening answer against a real Redis on loopback, one caller, 10,000 requests
 * after 10,000 of warm-up; and the same through the gRPC server as a client sees it. Not a test (the
 * name keeps it out of the default run, and it asserts no time): see docs/benchmarks.md for the command.
 * Prints the figures and writes them to target/screening-latency.txt.
 */
class ScreeningLatencyBenchmark {
    private static final int N = 10_000;
    private static final int LISTED = 10_000;

    @Test
    void measure() throws Exception {
        try (RedisFixture fixture = new RedisFixture()) {
            Screening screening = new Screening(fixture.redis, new SimpleMeterRegistry());
            prepare(fixture);
            ScreenRequest[] requests = requests();

            for (int i = 0; i < N; i++) {
                screening.screen(requests[i % requests.length]);
            }
            long[] service = new long[N];
            for (int i = 0; i < N; i++) {
                long t = System.nanoTime();
                screening.screen(requests[i % requests.length]);
                service[i] = System.nanoTime() - t;
            }

            long[] grpc = new long[N];
            // Sign-in has its own cost (a password hash in demo mode, a signature check with OIDC): this
            // measures screening and the transport, so the caller is taken as a switch without a check.
            GrpcScreeningServer server = new GrpcScreeningServer(screening, authorization -> new TestingAuthenticationToken(
                    "switch", "", GrpcCallers.ROLE), 0, true, "", new org.springframework.boot.ssl.DefaultSslBundleRegistry());
            server.start();
            ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
            try {
                Metadata authorization = new Metadata();
                authorization.put(GrpcCallers.AUTHORIZATION, "Bearer benchmark");
                ScreeningGrpc.ScreeningBlockingStub stub = ScreeningGrpc.newBlockingStub(channel)
                        .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(authorization));
                List<io.ringfence.screening.grpc.ScreenRequest> rpcs = new ArrayList<>();
                for (ScreenRequest r : requests) {
                    rpcs.add(io.ringfence.screening.grpc.ScreenRequest.newBuilder().setA(r.a()).setB(r.b())
                            .setType(TrafficType.VOICE).setIp(r.ip() == null ? "" : r.ip()).build());
                }
                for (int i = 0; i < N; i++) {
                    stub.screen(rpcs.get(i % rpcs.size()));
                }
                for (int i = 0; i < N; i++) {
                    long t = System.nanoTime();
                    stub.screen(rpcs.get(i % rpcs.size()));
                    grpc[i] = System.nanoTime() - t;
                }
            } finally {
                channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
                server.stop();
            }

            String report = line("Screening.screen (service time, Redis round trip included)", service)
                    + line("gRPC Screen, client-observed (loopback, plaintext)", grpc);
            System.out.print(report);
            Files.writeString(Path.of("target", "screening-latency.txt"), report);
        }
    }

    /** Reference lists, 10,000 entries on each other list, 10,000 blocks in force. */
    private static void prepare(RedisFixture fixture) {
        HotLists lists = new HotLists(fixture.redis);
        ReferenceLists reference = new ReferenceLists(new ReferenceDataRepository(ReferenceDataLoader.defaults()));
        lists.replace(HotList.IRSF_TEST, reference.irsfTestNumbers());
        lists.replace(HotList.HIGH_RISK_RANGE, reference.highRiskRanges());
        lists.replace(HotList.DENY, numbers("+4420", LISTED));
        lists.replace(HotList.ALLOW_MSISDN, numbers("+4479", LISTED));
        BlockMirror mirror = new BlockMirror(fixture.redis, Duration.ofHours(24));
        long now = System.currentTimeMillis();
        for (int i = 0; i < LISTED; i++) {
            mirror.blocked(Decisions.block("bench-" + i, Action.BLOCK_SUBSCRIBER,
                    Subject.subscriber(String.format(Locale.ROOT, "+4477%08d", i)), now, now + 3_600_000));
        }
    }

    /** A mix: blocked callers, allowed calls walking every list, IRSF and high-risk destinations. */
    private static ScreenRequest[] requests() {
        List<ScreenRequest> out = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            String a = String.format(Locale.ROOT, "+4477%08d", i * 37);          // blocked subscriber
            String clean = String.format(Locale.ROOT, "+4478%08d", i);           // nothing listed
            out.add(new ScreenRequest(a, "+447000000001", "VOICE", null, null, null));
            out.add(new ScreenRequest(clean, "+447000000002", "VOICE", "198.51.100." + i, null, null));
            out.add(new ScreenRequest(clean, "+88213500001", "VOICE", null, null, null));
            out.add(new ScreenRequest(clean, "+3718100" + String.format(Locale.ROOT, "%04d", i), "VOICE", null, null, null));
        }
        return out.toArray(ScreenRequest[]::new);
    }

    private static List<HotListCsv.Entry> numbers(String prefix, int count) {
        List<HotListCsv.Entry> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(new HotListCsv.Entry(String.format(Locale.ROOT, "%s%08d", prefix, i), "bench"));
        }
        return out;
    }

    private static String line(String what, long[] nanos) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        return String.format(Locale.ROOT, "%s: n=%d p50=%.1f us p90=%.1f us p99=%.1f us p99.9=%.1f us max=%.1f us%n",
                what, s.length, us(s, 0.50), us(s, 0.90), us(s, 0.99), us(s, 0.999), s[s.length - 1] / 1000.0);
    }

    private static double us(long[] sorted, double q) {
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] / 1000.0;
    }
}
