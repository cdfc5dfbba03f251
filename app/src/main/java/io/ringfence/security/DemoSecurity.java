package io.ringfence.security;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

import java.util.ArrayList;
import java.util.List;

/**
 * The zero-setup sign-in ({@code ringfence.security.mode=demo}, the default): demo users from
 * {@code ringfence.security.demo-users} ({@code name:role|role,...}, one shared demo password) over
 * HTTP Basic. The {@code prod} profile refuses this mode ({@link SecurityModeGuard}) and the demo users.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = SecurityModeGuard.MODE, havingValue = SecurityModeGuard.DEMO, matchIfMissing = true)
class DemoSecurity {

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    InMemoryUserDetailsManager demoUsers(@Value("${ringfence.security.demo-users:}") String spec,
                                         @Value("${ringfence.security.demo-password:}") String password,
                                         PasswordEncoder encoder, Environment env) {
        List<UserDetails> users = parse(spec, password, encoder);
        if (!users.isEmpty() && env.acceptsProfiles(Profiles.of("prod"))) {
            throw new IllegalStateException("demo users (ringfence.security.demo-users) are refused in the prod profile");
        }
        return new InMemoryUserDetailsManager(users);
    }

    @Bean
    DemoSignIn demoSignIn(InMemoryUserDetailsManager users, PasswordEncoder encoder) {
        DaoAuthenticationProvider provider = new DaoAuthenticationProvider(encoder);
        provider.setUserDetailsService(users);
        return new DemoSignIn(new ProviderManager(provider));
    }

    @Bean
    DemoConsoleAddress demoConsoleAddress(@Value("${ringfence.security.demo-password:}") String password) {
        return new DemoConsoleAddress(password);
    }

    @Bean
    People demoPeople(InMemoryUserDetailsManager users) {
        return new DemoPeople(users);
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
