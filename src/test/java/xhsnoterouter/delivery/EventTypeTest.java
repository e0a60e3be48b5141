package xhsnoterouter.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EventTypeTest {

    @Test
    void parsesAListWithSpacesAndAnyCase() {
        assertThat(EventType.parseList(" note.fetched , BATCH.completed,,"))
                .containsExactlyInAnyOrder(EventType.NOTE_FETCHED, EventType.BATCH_COMPLETED);
        assertThat(EventType.parseList("")).isEmpty();
    }

    @Test
    void namesTheUnknownEventAndTheKnownOnes() {
        assertThatThrownBy(() -> EventType.parseList("note.fetched,note.deleted"))
                .hasMessageContaining("'note.deleted'")
                .hasMessageContaining("note.fetched, note.failed, batch.completed, api.paused, api.resumed");
    }
}
