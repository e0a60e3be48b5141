package xhsnoterouter.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SeenNoteIdsTest {

    private final SeenNoteIds seen = new SeenNoteIds();

    private static NoteId id(String hex) {
        return new NoteId(hex);
    }

    private static NoteId nth(int n) {
        return id(String.format("%08x%016x", 0x64a1b2c3, n * 0x9E3779B97F4A7C15L));
    }

    @Test
    void firstSightingIsNew() {
        assertThat(seen.add(id("64a1b2c3d4e5f60718293a4b"))).isTrue();
    }

    @Test
    void repeatedIdIsNotNew() {
        seen.add(id("64a1b2c3d4e5f60718293a4b"));

        assertThat(seen.add(id("64a1b2c3d4e5f60718293a4b"))).isFalse();
        assertThat(seen.add(NoteId.of("64A1B2C3D4E5F60718293A4B").orElseThrow())).isFalse();
        assertThat(seen.size()).isEqualTo(1);
    }

    @Test
    void idsDifferingOnlyInTheLastDigitAreDistinct() {
        assertThat(seen.add(id("64a1b2c3d4e5f60718293a40"))).isTrue();
        assertThat(seen.add(id("64a1b2c3d4e5f60718293a41"))).isTrue();
        assertThat(seen.add(id("64a1b2c3d4e5f60718293a4f"))).isTrue();
        assertThat(seen.size()).isEqualTo(3);
    }

    @Test
    void idsDifferingOnlyInTheFirstDigitAreDistinct() {
        assertThat(seen.add(id("04a1b2c3d4e5f60718293a4b"))).isTrue();
        assertThat(seen.add(id("64a1b2c3d4e5f60718293a4b"))).isTrue();
        assertThat(seen.add(id("f4a1b2c3d4e5f60718293a4b"))).isTrue();
        assertThat(seen.size()).isEqualTo(3);
    }

    @Test
    void idsDifferingOnlyAcrossTheHalvesAreDistinct() {
        assertThat(seen.add(id("0000000000000001" + "00000000"))).isTrue();
        assertThat(seen.add(id("0000000000000000" + "00000001"))).isTrue();
        assertThat(seen.add(id("0000000000000000" + "00000000"))).isTrue();
        assertThat(seen.add(id("ffffffffffffffff" + "ffffffff"))).isTrue();
        assertThat(seen.add(id("ffffffffffffffff" + "ffffffff"))).isFalse();
    }

    @Test
    void manyDistinctIdsAreAllNewThenAllRepeats() {
        int count = 200_000;
        for (int n = 0; n < count; n++) {
            if (!seen.add(nth(n))) {
                throw new AssertionError("first sighting of #" + n + " (" + nth(n) + ") was reported as a repeat");
            }
        }
        for (int n = 0; n < count; n++) {
            if (seen.add(nth(n))) {
                throw new AssertionError("second sighting of #" + n + " (" + nth(n) + ") was reported as new");
            }
        }
        assertThat(seen.size()).isEqualTo(count);
    }

    @Test
    void sequentialIdsAreAllNewThenAllRepeats() {
        int count = 200_000;
        for (int n = 0; n < count; n++) {
            assertThat(seen.add(id(String.format("%024x", n)))).isTrue();
        }
        for (int n = 0; n < count; n++) {
            assertThat(seen.add(id(String.format("%024x", n)))).isFalse();
        }
        assertThat(seen.size()).isEqualTo(count);
    }

    @Test
    void theAllZeroIdIsRememberedLikeAnyOther() {
        SeenNoteIds seen = new SeenNoteIds();
        NoteId zero = NoteId.of("000000000000000000000000").orElseThrow();

        assertThat(seen.add(zero)).isTrue();
        assertThat(seen.add(zero)).isFalse();
        assertThat(seen.add(NoteId.of("000000000000000000000001").orElseThrow())).isTrue();
        assertThat(seen.size()).isEqualTo(2);
    }
}
