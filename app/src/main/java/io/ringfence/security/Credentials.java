package io.ringfence.security;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;

/**
 * Checks the value of an {@code Authorization} header the way the configured sign-in mode does, for
 * callers that do not come through the servlet filters (the gRPC screening server).
 */
@FunctionalInterface
public interface Credentials {
    /**
     * @return the authenticated caller with its roles as {@code ROLE_} authorities
     * @throws AuthenticationException when the header is missing, of another scheme, or refused
     */
    Authentication authenticate(String authorization) throws AuthenticationException;
}
