package io.ringfence.stream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The subject stage's topic, created when missing with as many partitions and replicas as {@code telecom.events}: the
 * same count keeps each subject stage partition as busy as a subscriber one, and the same replicas keep what was
 * handed over as durable as what came in. An operator may create it beforehand (ACLs, other retention).
 */
final class SubjectTopic {
    private static final Logger log = LoggerFactory.getLogger(StreamProcessor.class);

    private SubjectTopic() {
    }

    static void ensure(KafkaClients clients, String events, String subject) {
        try (Admin admin = clients.admin()) {
            Map<String, TopicDescription> found = admin.describeTopics(List.of(events)).allTopicNames().get(1, TimeUnit.MINUTES);
            TopicDescription source = found.get(events);
            int partitions = source.partitions().size();
            short replicas = (short) source.partitions().get(0).replicas().size();
            try {
                admin.createTopics(List.of(new NewTopic(subject, partitions, replicas))).all().get(1, TimeUnit.MINUTES);
                log.info("Created the subject stage's topic {} ({} partitions, {} replicas)", subject, partitions, replicas);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
                int existing = admin.describeTopics(List.of(subject)).allTopicNames().get(1, TimeUnit.MINUTES)
                        .get(subject).partitions().size();
                if (existing != partitions) {
                    log.warn("{} has {} partitions and {} has {}: the subject stage works, but its partitions are not"
                            + " as many as the subscriber stage's", subject, existing, events, partitions);
                }
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot create the subject stage's topic " + subject + ": "
                    + (e.getCause() == null ? e : e.getCause()).getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating " + subject, e);
        }
    }
}
