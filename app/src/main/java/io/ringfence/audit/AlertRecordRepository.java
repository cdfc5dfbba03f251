package io.ringfence.audit;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

public interface AlertRecordRepository extends JpaRepository<AlertRecord, String> {
    Page<AlertRecord> findBySubscriberOrderByDetectedAtDesc(String subscriber, Pageable page);
}
