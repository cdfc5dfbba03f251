package io.ringfence.backtest;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import org.springframework.util.unit.DataSize;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Backtest settings ({@code ringfence.backtest.*}). A backtest runs two pipelines on the service's own
 * CPU and memory, beside the stream, so it is bounded every way an analyst's request could make it large.
 *
 * @param concurrency    backtests running at once on an instance (each takes one core while it runs)
 * @param queue          backtests waiting on an instance; beyond it a request is refused with 429
 * @param maxRange       the longest time range one backtest may ask for
 * @param timeBudget     how long one may run before it stops with a reason
 * @param maxEvents      how many events one may read before it stops with a reason
 * @param maxDifferences how many differing alerts and decisions one may hold (and store): the memory budget,
 *                       as what the two sides agree on is dropped as it comes
 * @param fetchSize      rows the history cursor fetches at a time
 * @param progressEvery  events between two progress writes (which also read a cancel from another instance)
 * @param stale          a queued or running backtest whose instance has not written for this long is failed
 * @param maxUpload      the largest file of events an analyst may upload to backtest on (as sent: gzip counts
 *                       compressed); it is kept on the instance's disk, compressed, until its job ends
 * @param maxUncompressed the most a gzip upload may inflate to: a small file of repeated bytes must not keep the
 *                       instance reading for hours
 * @param uploadDir      where uploaded files wait for their jobs (on the instance's own disk: in a pod, the /tmp
 *                       emptyDir); emptied of files older than a day at start, which no job can still need
 */
@ConfigurationProperties("ringfence.backtest")
record BacktestProperties(@DefaultValue("1") int concurrency,
                          @DefaultValue("4") int queue,
                          @DefaultValue("P31D") Duration maxRange,
                          @DefaultValue("PT30M") Duration timeBudget,
                          @DefaultValue("50000000") long maxEvents,
                          @DefaultValue("100000") int maxDifferences,
                          @DefaultValue("2000") int fetchSize,
                          @DefaultValue("4096") int progressEvery,
                          @DefaultValue("PT2M") Duration stale,
                          @DefaultValue("128MB") DataSize maxUpload,
                          @DefaultValue("2GB") DataSize maxUncompressed,
                          Path uploadDir) {

    BacktestProperties {
        if (uploadDir == null) {
            uploadDir = Path.of(System.getProperty("java.io.tmpdir"), "ringfence-backtest-uploads");
        }
    }

    BacktestProperties withBudgets(Duration time, long events) {
        return new BacktestProperties(concurrency, queue, maxRange, time, events, maxDifferences, fetchSize,
                progressEvery, stale, maxUpload, maxUncompressed, uploadDir);
    }
}
