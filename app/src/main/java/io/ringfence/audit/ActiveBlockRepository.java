package io.ringfence.audit;

import org.springframework.data.jpa.repository.JpaRepository;

import java.time.Instant;
import java.util.List;

public interface ActiveBlockRepository extends JpaRepository<ActiveBlock, ActiveBlock.Key> {
    List<ActiveBlock> findByTargetValueAndExpiresAtAfter(String targetValue, Instant now);
}
