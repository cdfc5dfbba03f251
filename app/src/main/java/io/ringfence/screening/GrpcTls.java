package io.ringfence.screening;

import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslOptions;

import javax.net.ssl.SSLException;
import java.util.Arrays;

/**
 * The gRPC server's TLS from a Spring Boot SSL bundle ({@code spring.ssl.bundle.*}), the same kind of
 * bundle the HTTP server takes, so one keystore and one set of properties serve both.
 */
final class GrpcTls {
    private GrpcTls() {
    }

    static SslContext serverContext(String name, SslBundle bundle) {
        // GrpcSslContexts sets what HTTP/2 needs (ALPN "h2", its cipher suites, TLS 1.2+).
        SslContextBuilder b = GrpcSslContexts.configure(
                SslContextBuilder.forServer(bundle.getManagers().getKeyManagerFactory()));
        SslOptions options = bundle.getOptions();
        if (options.getEnabledProtocols() != null) {
            b.protocols(options.getEnabledProtocols());
        }
        if (options.getCiphers() != null) {
            b.ciphers(Arrays.asList(options.getCiphers()));
        }
        try {
            return b.build();
        } catch (SSLException e) {
            throw new IllegalStateException("SSL bundle '" + name + "' cannot serve gRPC: " + e.getMessage(), e);
        }
    }
}
