package io.ringfence.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

import java.util.ArrayList;
import java.util.List;

/**
 * Who may call what. Case and task endpoints act in a person's name, so they need an authenticated
 * principal (identity never comes from a request parameter); the other endpoints stay open until the
 * security issue puts every endpoint behind Keycloak roles.
 *
 * <p>Until then people sign in with HTTP Basic as demo users from {@code ringfence.security.demo-users}
 * ({@code name:role|role,...}, one shared demo password). The {@code prod} profile refuses them.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class SecurityConfiguration {

    @Bean
    SecurityFilterChain api(HttpSecurity http, ObjectMapper mapper) throws Exception {
        ProblemResponses problems = new ProblemResponses(mapper);
        http.csrf(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/api/v1/cases/**", "/api/v1/tasks/**").authenticated()
                        .anyRequest().permitAll())
                .httpBasic(b -> b.authenticationEntryPoint(problems))
                .exceptionHandling(e -> e.authenticationEntryPoint(problems).accessDeniedHandler(problems));
        return http.build();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    UserDetailsService demoUsers(@Value("${ringfence.security.demo-users:}") String spec,
                                 @Value("${ringfence.security.demo-password:}") String password,
                                 PasswordEncoder encoder, Environment env) {
        List<UserDetails> users = parse(spec, password, encoder);
        if (!users.isEmpty() && env.acceptsProfiles(Profiles.of("prod"))) {
            throw new IllegalStateException("demo users (ringfence.security.demo-users) are refused in the prod profile");
        }
        return new InMemoryUserDetailsManager(users);
    }

    static List<UserDetails> parse(String spec, String password, PasswordEncoder encoder) {
        List<UserDetails> users = new ArrayList<>();
        if (spec == null || spec.isBlank()) {
            return users;
        }
        if (password == null || password.isBlank()) {
            throw new IllegalStateException("ringfence.security.demo-users needs ringfence.security.demo-password");
        }
        for (String entry : spec.split(",")) {
            String[] parts = entry.trim().split(":");
            if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
                throw new IllegalStateException("ringfence.security.demo-users: '" + entry.trim()
                        + "' is not name:role|role");
            }
            users.add(User.withUsername(parts[0].trim()).password(encoder.encode(password))
                    .roles(parts[1].trim().split("\\|")).build());
        }
        return users;
    }
}
