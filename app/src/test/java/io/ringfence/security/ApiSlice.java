package io.ringfence.security;

import io.ringfence.audit.AuditApiMocks;
import io.ringfence.backtest.BacktestApiMocks;
import io.ringfence.cases.CaseApiMocks;
import io.ringfence.dashboard.DashboardApiMocks;
import io.ringfence.privacy.PrivacyApiMocks;
import io.ringfence.governance.GovernanceApiMocks;
import io.ringfence.screening.ScreeningApiMocks;
import io.ringfence.switchfeed.SwitchFeedApiMocks;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.web.client.RestClientAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The HTTP API as a web slice: every controller with its advice, the service's own security (the filter
 * chain of {@link SecurityConfiguration} in OIDC mode, method security, 401 and 403 as problems), and the
 * controllers' collaborators as Mockito mocks, reset after each test. No database, broker, Redis or
 * Kogito starts. Callers sign in with {@link SignedIn}.
 *
 * <p>Every test class that carries this and no context configuration of its own shares one
 * application context; a class that adds a {@code @MockitoBean} or a property starts another.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@WebMvcTest(properties = {
        // The service's environment checks run for a slice's context too: no embedded servers, and
        // addresses that satisfy ExternalServersCheck but that nothing in a slice connects to.
        "ringfence.embedded.enabled=false",
        "ringfence.kafka.bootstrap-servers=unused.invalid:9092",
        "spring.datasource.url=jdbc:postgresql://unused.invalid/ringfence",
        "spring.data.redis.host=unused.invalid",
        "ringfence.security.mode=oidc",
        // Never asked: a slice's tokens come from SignedIn, past the decoder (KeycloakSignInTest sets a real one).
        "ringfence.security.oidc.issuer-uri=http://unused.invalid/realms/ringfence"})
@Import({SecurityConfiguration.class, OidcSecurity.class, io.ringfence.governance.GovernanceSliceBeans.class})
// A slice's scan leaves configuration properties out, as it leaves out every bean it does not name.
@EnableConfigurationProperties(OidcProperties.class)
// OidcSecurity's colleague directory (KeycloakPeople) is built from a RestClient.Builder; nothing calls it here.
@ImportAutoConfiguration(RestClientAutoConfiguration.class)
@AuditApiMocks
@BacktestApiMocks
@CaseApiMocks
@DashboardApiMocks
@GovernanceApiMocks
@PrivacyApiMocks
@ScreeningApiMocks
@io.ringfence.shadow.ShadowApiMocks
@SwitchFeedApiMocks
@io.ringfence.feedback.TrainingApiMocks
public @interface ApiSlice {
}
