package org.bulletin.publish.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.bulletin.publish.Health;
import org.bulletin.publish.console.StageFlow.State;
import org.junit.jupiter.api.Test;

class StageStatesTest {

    @Test
    void shouldCallAStageRunningWhileItsGroupHasMembersAndStoppedWhenItHasNone() {
        assertThat(StageStates.fromGroup("g", "Stable", 2).state()).isEqualTo(State.RUNNING);
        assertThat(StageStates.fromGroup("g", "Empty", 0))
                .isEqualTo(new StageStates.Verdict(
                        State.STOPPED, "no member in consumer group g: the stage is not running"));
        assertThat(StageStates.fromGroup("g", "Dead", 0).state()).isEqualTo(State.STOPPED);
        assertThat(StageStates.fromGroup("g", null, 0).detail()).contains("does not exist");
        assertThat(StageStates.fromGroup("g", "PreparingRebalance", 1).state()).isEqualTo(State.STARTING);
        assertThat(StageStates.fromGroup("g", "CompletingRebalance", 1).state()).isEqualTo(State.STARTING);
    }

    @Test
    void shouldTakeTheWorstComponentOfPublishAndSayWhy() {
        Map<String, Health.Status> health = new TreeMap<>();
        health.put("kafka", status(Health.State.UP, "ok"));
        health.put("store", status(Health.State.UP, "ok"));
        assertThat(StageStates.fromHealth(health))
                .isEqualTo(new StageStates.Verdict(State.RUNNING, "every component up"));

        health.put("store", status(Health.State.DEGRADED, "database unreachable, retrying"));
        assertThat(StageStates.fromHealth(health))
                .isEqualTo(new StageStates.Verdict(State.DEGRADED, "store: database unreachable, retrying"));

        health.put("publish", status(Health.State.DOWN, "stopped: sink failed"));
        StageStates.Verdict v = StageStates.fromHealth(health);
        assertThat(v.state()).isEqualTo(State.STOPPED);
        assertThat(v.detail()).contains("publish: stopped: sink failed").contains("store: database unreachable");
    }

    private static Health.Status status(Health.State state, String detail) {
        return new Health.Status(state, detail, Instant.EPOCH);
    }
}
