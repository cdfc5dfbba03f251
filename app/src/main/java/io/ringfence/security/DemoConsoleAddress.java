package io.ringfence.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;

/**
 * README's first command ends with the console's address and whom to sign in as: in demo mode nobody has
 * to read the configuration to find a user.
 */
final class DemoConsoleAddress implements ApplicationListener<WebServerInitializedEvent> {
    private static final Logger log = LoggerFactory.getLogger(DemoConsoleAddress.class);

    private final String password;

    DemoConsoleAddress(String password) {
        this.password = password;
    }

    @Override
    public void onApplicationEvent(WebServerInitializedEvent event) {
        // A separate management port has a namespace of its own and no console.
        if (event.getApplicationContext().getServerNamespace() == null) {
            log.info("console: http://localhost:{}/ (demo sign-in: handler1 or supervisor1 for cases, compliance1 for"
                    + " the audit trail; password {})", event.getWebServer().getPort(), password);
        }
    }
}
