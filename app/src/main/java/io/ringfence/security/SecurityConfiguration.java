package io.ringfence.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.DispatcherType;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.security.web.util.matcher.AntPathRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

import java.util.Arrays;

/**
 * Deny by default. Without a sign-in only the probes and the Prometheus scrape answer (they carry no
 * subscriber data), the console's static files and its sign-in settings; other actuator endpoints are for {@code admin}; everything else needs a signed-in
 * caller, and each API handler states its roles with {@code @PreAuthorize} (a test fails for one
 * that does not). How callers sign in depends on {@code ringfence.security.mode}: {@link DemoSecurity}
 * or {@link OidcSecurity}.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class SecurityConfiguration {
    static final String ADMIN = "admin";
    /** What the ui module serves (index.html and its bundle), nothing else under /. */
    static final String[] CONSOLE_FILES = {"/", "/index.html", "/assets/**"};

    @Bean
    SecurityFilterChain api(HttpSecurity http, SignIn signIn, ObjectMapper mapper,
                            @Value("${" + SecurityModeGuard.ISSUER + ":}") String issuer) throws Exception {
        ProblemResponses problems = new ProblemResponses(mapper, signIn);
        String policy = ConsolePolicy.of(issuer, ConsolePolicy.scriptHashes(getClass().getClassLoader()));
        http.csrf(c -> c.disable())
                // The console's pages get its policy; the API's answers are data, never run as a page.
                .headers(h -> h.addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(
                        new OrRequestMatcher(Arrays.stream(CONSOLE_FILES).<RequestMatcher>map(AntPathRequestMatcher::new).toList()),
                        new StaticHeadersWriter(ConsolePolicy.HEADER, policy))))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(a -> a
                        // The error page only renders the status of a request that was already let through.
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/prometheus").permitAll()
                        .requestMatchers("/actuator/**").hasRole(ADMIN)
                        // The console's static files: the sign-in form must load before anyone has signed in.
                        // They hold no data; every call the console makes is an API call checked as usual.
                        .requestMatchers(HttpMethod.GET, CONSOLE_FILES).permitAll()
                        // How the console signs in (mode, issuer, public client id): asked before anyone has.
                        .requestMatchers(HttpMethod.GET, ConsoleSignInController.PATH).permitAll()
                        .anyRequest().authenticated())
                .exceptionHandling(e -> e.authenticationEntryPoint(problems).accessDeniedHandler(problems));
        signIn.configure(http, problems);
        return http.build();
    }
}
