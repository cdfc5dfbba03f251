package io.ringfence;

import io.ringfence.cli.RingfenceCli;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * One jar, two faces: {@code java -jar ringfence.jar replay ...} (and the other tools) runs a
 * command without Spring; anything else starts the Spring Boot application.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class RingfenceApplication {
    /** Read by logback.xml: a tool's stdout is its report, so its log lines go to stderr. */
    static final String LOG_TARGET_PROPERTY = "ringfence.log.target";

    public static void main(String[] args) {
        if (RingfenceCli.isCommand(args)) {
            System.setProperty(LOG_TARGET_PROPERTY, "System.err");
            System.exit(RingfenceCli.commandLine().execute(args));
        }
        SpringApplication.run(RingfenceApplication.class, args);
    }
}
