package io.ringfence.screening;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.ringfence.security.Credentials;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;

/**
 * Deny by default on gRPC too: a call needs an {@code authorization} metadata entry the sign-in mode
 * accepts ({@code Bearer <access token>} with OIDC, {@code Basic ...} for demo users) and the role
 * {@code switch-client}, as {@code /api/v1/screen} does. Otherwise UNAUTHENTICATED or PERMISSION_DENIED.
 */
final class GrpcCallers implements ServerInterceptor {
    static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    static final String ROLE = "ROLE_switch-client";

    private final Credentials credentials;

    GrpcCallers(Credentials credentials) {
        this.credentials = credentials;
    }

    @Override
    public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers, ServerCallHandler<Q, A> next) {
        String authorization = headers.get(AUTHORIZATION);
        if (authorization == null || authorization.isBlank()) {
            return refuse(call, Status.UNAUTHENTICATED.withDescription("credentials required in the authorization metadata"));
        }
        Authentication caller;
        try {
            caller = credentials.authenticate(authorization);
        } catch (AuthenticationException e) {
            return refuse(call, Status.UNAUTHENTICATED.withDescription("credentials refused: missing, expired or not trusted"));
        }
        if (caller == null || caller.getAuthorities().stream().noneMatch(a -> ROLE.equals(a.getAuthority()))) {
            return refuse(call, Status.PERMISSION_DENIED.withDescription("screening needs the role switch-client"));
        }
        return next.startCall(call, headers);
    }

    private static <Q, A> ServerCall.Listener<Q> refuse(ServerCall<Q, A> call, Status status) {
        call.close(status, new Metadata());
        return new ServerCall.Listener<>() {
        };
    }
}
