package xhsnoterouter.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FaultPlanTest {

    @Test
    void parsesTheSpecExampleAndDescribesItInOrder() {
        FaultPlan plan = FaultPlan.parse("301:0.1, 302:0.05,500:0.02,timeout:0.01,reset:0.01,malformed:0.01,201:0.01");

        assertThat(plan.describe()).isEqualTo("301:0.1,302:0.05,500:0.02,timeout:0.01,reset:0.01,malformed:0.01,201:0.01");
    }

    @Test
    void blankSpecMeansNoFaults() {
        assertThat(FaultPlan.parse("").isEmpty()).isTrue();
        assertThat(FaultPlan.parse("  ").describe()).isEqualTo("none");
        assertThat(FaultPlan.parse(null).pick(0.0)).isNull();
    }

    @Test
    void picksByCumulativeProbabilityInListedOrder() {
        FaultPlan plan = FaultPlan.parse("301:0.5,HTTP502:0.25");

        assertThat(plan.pick(0.0)).isEqualTo(Fault.apiCode(301));
        assertThat(plan.pick(0.49)).isEqualTo(Fault.apiCode(301));
        assertThat(plan.pick(0.5)).isEqualTo(Fault.of(Fault.Kind.HTTP502));
        assertThat(plan.pick(0.75)).isNull();
    }

    @Test
    void acceptsProbabilitiesAddingUpToExactlyOne() {
        assertThat(FaultPlan.parse("301:0.7,302:0.2,timeout:0.1").pick(0.999_999)).isEqualTo(Fault.of(Fault.Kind.TIMEOUT));
    }

    @Test
    void rejectsAnUnknownKindNamingIt() {
        assertThatThrownBy(() -> FaultPlan.parse("301:0.1,foo:0.1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("simulator.faults: 'foo:0.1' - unknown fault 'foo' (use an API code such as 301,"
                        + " or timeout, reset, malformed, http502, http429)");
    }

    @Test
    void rejectsProbabilitiesOutsideZeroToOne() {
        assertThatThrownBy(() -> FaultPlan.parse("301:1.5")).hasMessageContaining("'301:1.5'").hasMessageContaining("outside [0, 1]");
        assertThatThrownBy(() -> FaultPlan.parse("reset:-0.1")).hasMessageContaining("'reset:-0.1'");
        assertThatThrownBy(() -> FaultPlan.parse("reset:NaN")).hasMessageContaining("'reset:NaN'");
    }

    @Test
    void rejectsATotalAboveOne() {
        assertThatThrownBy(() -> FaultPlan.parse("301:0.6,302:0.6"))
                .hasMessageStartingWith("simulator.faults: '301:0.6,302:0.6' - probabilities add up to 1.2");
    }

    @Test
    void rejectsMalformedEntriesCodeZeroAndDuplicates() {
        assertThatThrownBy(() -> FaultPlan.parse("301")).hasMessageContaining("'301' - expected <kind>:<probability>");
        assertThatThrownBy(() -> FaultPlan.parse("301:abc")).hasMessageContaining("'301:abc' - probability 'abc' is not a number");
        assertThatThrownBy(() -> FaultPlan.parse("0:0.1")).hasMessageContaining("'0:0.1' - code 0 is success");
        assertThatThrownBy(() -> FaultPlan.parse("301:0.1,301:0.2")).hasMessageContaining("'301:0.2' - fault '301' is listed twice");
    }
}
