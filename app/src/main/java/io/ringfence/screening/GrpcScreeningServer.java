package io.ringfence.screening;

import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.ringfence.security.Credentials;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;

/**
 * The gRPC screening server (Netty) on {@code ringfence.grpc.port} (0 picks a free port), started
 * and stopped with the application context. {@code ringfence.grpc.enabled=false} leaves it off;
 * {@code ringfence.grpc.ssl-bundle} names the Spring Boot SSL bundle it serves TLS with (plaintext
 * when unset). Every
 * call passes {@link GrpcCallers} first.
 */
@Component
public class GrpcScreeningServer implements SmartLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(GrpcScreeningServer.class);

    private final Screening screening;
    private final Credentials credentials;
    private final int port;
    private final boolean enabled;
    private final String sslBundle;
    private final SslBundles bundles;
    private volatile Server server;

    GrpcScreeningServer(Screening screening, Credentials credentials, @Value("${ringfence.grpc.port:9090}") int port,
                        @Value("${ringfence.grpc.enabled:true}") boolean enabled,
                        @Value("${ringfence.grpc.ssl-bundle:}") String sslBundle, SslBundles bundles) {
        this.screening = screening;
        this.credentials = credentials;
        this.port = port;
        this.enabled = enabled;
        this.sslBundle = sslBundle == null ? "" : sslBundle.strip();
        this.bundles = bundles;
    }

    @Override
    public void start() {
        if (!enabled) {
            return;
        }
        try {
            server = builder().addService(ServerInterceptors.intercept(new GrpcScreeningService(screening),
                    new GrpcCallers(credentials))).build().start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the gRPC screening server on port " + port, e);
        }
        LOG.info("gRPC screening listening on port {}{}", server.getPort(),
                sslBundle.isEmpty() ? " (plaintext)" : " (TLS, SSL bundle " + sslBundle + ")");
    }

    private NettyServerBuilder builder() {
        NettyServerBuilder b = NettyServerBuilder.forPort(port);
        return sslBundle.isEmpty() ? b : b.sslContext(GrpcTls.serverContext(sslBundle, bundles.getBundle(sslBundle)));
    }

    @Override
    public void stop() {
        Server s = server;
        if (s == null) {
            return;
        }
        s.shutdown();
        try {
            if (!s.awaitTermination(5, TimeUnit.SECONDS)) {
                s.shutdownNow();
            }
        } catch (InterruptedException e) {
            s.shutdownNow();
            Thread.currentThread().interrupt();
        }
        server = null;
    }

    @Override
    public boolean isRunning() {
        return server != null;
    }

    /** The port the server listens on (the one picked when configured as 0), or -1 when not running. */
    public int port() {
        Server s = server;
        return s == null ? -1 : s.getPort();
    }
}
