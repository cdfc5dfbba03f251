package io.ringfence.blocks;

import io.ringfence.audit.TestDatabase;
import io.ringfence.contract.Action;
import io.ringfence.decision.BlockRegistry.Block;
import io.ringfence.contract.Target;
import io.ringfence.detection.Subject;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stream processes a batch while the one before it commits, so a block decided in the batch in
 * flight must hold back a second one before the table shows it, and a block that lost a race to
 * another instance must be reported as lost. Partitions decide on their own threads: a block one partition
 * decided in the batch is not seen by another, and the two settle as two instances would.
 */
class JdbcBlockRegistryTest {
    private static final Target LINE = Subject.subscriber("+447700900001").target();
    private static final long NOW = 1_700_000_000_000L;

    @Test
    void aBlockInTheBatchBeingCommittedIsInForceBeforeTheTableShowsIt() throws SQLException {
        DataSource ds = TestDatabase.fresh();
        JdbcBlockRegistry blocks = new JdbcBlockRegistry(new BlockStore(new JdbcTemplate(ds)));
        blocks.partition(0).put(Action.BLOCK_SUBSCRIBER, LINE, new Block("d1", NOW, NOW + 3_600_000, false), NOW);

        JdbcBlockRegistry.Sealed first = blocks.seal();
        // The next batch is being built while the first is still uncommitted.
        assertThat(blocks.partition(0).active(Action.BLOCK_SUBSCRIBER, LINE, NOW + 1_000)).extracting(Block::decisionId).isEqualTo("d1");
        assertThat(blocks.partition(0).active(Action.BLOCK_NUMBER, LINE, NOW + 1_000)).isNull();
        assertThat(rows(ds)).isZero();

        try (Connection c = ds.getConnection()) {
            assertThat(JdbcBlockRegistry.flush(first, c)).isEmpty();
        }
        blocks.committed();
        assertThat(rows(ds)).isEqualTo(1);
        assertThat(blocks.partition(0).active(Action.BLOCK_SUBSCRIBER, LINE, NOW + 1_000)).extracting(Block::decisionId).isEqualTo("d1");
        assertThat(blocks.partition(0).active(Action.BLOCK_SUBSCRIBER, LINE, NOW + 3_600_001)).isNull();
    }

    @Test
    void anAbandonedBatchLeavesNothingInForce() {
        DataSource ds = TestDatabase.fresh();
        JdbcBlockRegistry blocks = new JdbcBlockRegistry(new BlockStore(new JdbcTemplate(ds)));
        blocks.partition(0).put(Action.BLOCK_SUBSCRIBER, LINE, new Block("d1", NOW, NOW + 3_600_000, false), NOW);
        blocks.seal();
        blocks.partition(0).put(Action.BLOCK_NUMBER, LINE, new Block("d2", NOW, NOW + 3_600_000, false), NOW);

        blocks.clear(); // the commit failed: both batches are consumed again

        assertThat(blocks.partition(0).active(Action.BLOCK_SUBSCRIBER, LINE, NOW)).isNull();
        assertThat(blocks.partition(0).active(Action.BLOCK_NUMBER, LINE, NOW)).isNull();
    }

    @Test
    void aBlockThatAnotherInstanceSetMeanwhileIsLost() throws SQLException {
        DataSource ds = TestDatabase.fresh();
        JdbcBlockRegistry mine = new JdbcBlockRegistry(new BlockStore(new JdbcTemplate(ds)));
        JdbcBlockRegistry theirs = new JdbcBlockRegistry(new BlockStore(new JdbcTemplate(ds)));
        mine.partition(0).put(Action.BLOCK_SUBSCRIBER, LINE, new Block("mine", NOW, NOW + 3_600_000, false), NOW);
        theirs.partition(0).put(Action.BLOCK_SUBSCRIBER, LINE, new Block("theirs", NOW, NOW + 3_600_000, false), NOW);

        try (Connection c = ds.getConnection()) {
            assertThat(JdbcBlockRegistry.flush(theirs.seal(), c)).isEmpty();
            assertThat(JdbcBlockRegistry.flush(mine.seal(), c)).isEqualTo(Set.of("mine"));
        }
        mine.committed();
        assertThat(mine.partition(0).active(Action.BLOCK_SUBSCRIBER, LINE, NOW + 1)).extracting(Block::decisionId).isEqualTo("theirs");
    }

    @Test
    void twoPartitionsBlockingOneTargetInOneBatchSettleInPartitionOrder() throws SQLException {
        DataSource ds = TestDatabase.fresh();
        JdbcBlockRegistry blocks = new JdbcBlockRegistry(new BlockStore(new JdbcTemplate(ds)));
        // Decided in this order by the threads; partition 1 must still win, as if it had gone first.
        blocks.partition(3).put(Action.BLOCK_NUMBER, LINE, new Block("p3", NOW + 5, NOW + 3_600_000, false), NOW + 5);
        assertThat(blocks.partition(1).active(Action.BLOCK_NUMBER, LINE, NOW + 10))
                .as("another partition's block of the same batch is not seen").isNull();
        blocks.partition(1).put(Action.BLOCK_NUMBER, LINE, new Block("p1", NOW + 10, NOW + 7_200_000, false), NOW + 10);

        JdbcBlockRegistry.Sealed sealed = blocks.seal();
        assertThat(sealed.heldBackInBatch()).containsExactly("p3");
        assertThat(blocks.partition(3).active(Action.BLOCK_NUMBER, LINE, NOW + 20)).extracting(Block::decisionId)
                .as("the next batch sees the winner before the table does").isEqualTo("p1");
        try (Connection c = ds.getConnection()) {
            assertThat(JdbcBlockRegistry.flush(sealed, c)).as("the table agrees").isEqualTo(Set.of("p3"));
        }
        blocks.committed();
        assertThat(blocks.partition(3).active(Action.BLOCK_NUMBER, LINE, NOW + 20)).extracting(Block::decisionId).isEqualTo("p1");
    }

    @Test
    void aLaterPartitionsBlockReplacesOneThatLapsedBeforeItStarts() throws SQLException {
        DataSource ds = TestDatabase.fresh();
        JdbcBlockRegistry blocks = new JdbcBlockRegistry(new BlockStore(new JdbcTemplate(ds)));
        blocks.partition(0).put(Action.BLOCK_NUMBER, LINE, new Block("short", NOW, NOW + 1_000, false), NOW);
        blocks.partition(2).put(Action.BLOCK_NUMBER, LINE, new Block("later", NOW + 5_000, NOW + 3_600_000, false), NOW + 5_000);

        JdbcBlockRegistry.Sealed sealed = blocks.seal();
        assertThat(sealed.heldBackInBatch()).isEmpty();
        try (Connection c = ds.getConnection()) {
            assertThat(JdbcBlockRegistry.flush(sealed, c)).isEmpty();
        }
        blocks.committed();
        assertThat(blocks.partition(0).active(Action.BLOCK_NUMBER, LINE, NOW + 6_000)).extracting(Block::decisionId).isEqualTo("later");
    }

    @Test
    void theBlocksOfAnEventSetAsideAreTakenBackAndTheRestOfTheBatchStands() throws SQLException {
        DataSource ds = TestDatabase.fresh();
        JdbcBlockRegistry blocks = new JdbcBlockRegistry(new BlockStore(new JdbcTemplate(ds)));
        Target other = Subject.subscriber("+447700900002").target();
        blocks.beginRecord(0);
        blocks.partition(0).put(Action.BLOCK_SUBSCRIBER, LINE, new Block("kept", NOW, NOW + 3_600_000, false), NOW);
        blocks.beginRecord(0);
        // The next event replaces that block with a longer one and blocks a second line, then a later stage throws.
        blocks.partition(0).put(Action.BLOCK_SUBSCRIBER, LINE, new Block("faulty", NOW, NOW + 7_200_000, false), NOW);
        blocks.partition(0).put(Action.BLOCK_SUBSCRIBER, other, new Block("faulty", NOW, NOW + 7_200_000, false), NOW);
        blocks.takeBackRecord(0);

        assertThat(blocks.partition(0).active(Action.BLOCK_SUBSCRIBER, LINE, NOW)).extracting(Block::decisionId).isEqualTo("kept");
        assertThat(blocks.partition(0).active(Action.BLOCK_SUBSCRIBER, other, NOW)).isNull();
        try (Connection c = ds.getConnection()) {
            assertThat(JdbcBlockRegistry.flush(blocks.seal(), c)).isEmpty();
        }
        blocks.committed();
        assertThat(new JdbcTemplate(ds).queryForList("SELECT decision_id FROM active_block", String.class)).containsExactly("kept");
    }

    private static int rows(DataSource ds) {
        return new JdbcTemplate(ds).queryForObject("SELECT count(*) FROM active_block", Integer.class);
    }
}
