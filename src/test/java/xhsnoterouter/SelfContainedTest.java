package xhsnoterouter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import xhsnoterouter.support.ScriptedApi;

/** A clone of the repository holds everything its code, tests and scripts read: no path reaches outside it. */
class SelfContainedTest {

    /** The team's reference folder beside the repository, which a user's clone does not have. */
    private static final String OUTSIDE = ".." + "/shared";
    private static final List<Path> ROOTS = List.of(Path.of("src"), Path.of("scripts"), Path.of("bench"),
            Path.of("routes"), Path.of("config"), Path.of(".ci"), Path.of("pom.xml"));

    @Test
    void nothingInTheRepositoryReadsTheTeamsSharedFolder() throws IOException {
        List<String> offenders;
        try (Stream<Path> files = ROOTS.stream().filter(Files::exists).flatMap(SelfContainedTest::walk)) {
            offenders = files.filter(Files::isRegularFile).filter(file -> text(file).contains(OUTSIDE))
                    .map(Path::toString).toList();
        }
        assertThat(offenders).as("files that name %s", OUTSIDE).isEmpty();
    }

    @Test
    void theVendorsReferenceResponseIsInsideTheRepository() throws IOException {
        assertThat(ScriptedApi.REFERENCE.toAbsolutePath().normalize()).startsWith(Path.of("").toAbsolutePath());
        assertThat(Json.MAPPER.readTree(ScriptedApi.REFERENCE.toFile()).at("/data/0/note_list/0/id").asText())
                .isEqualTo("698ab064000000001503876d");
    }

    private static Stream<Path> walk(Path root) {
        try {
            return Files.walk(root).toList().stream();
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + root, e);
        }
    }

    private static String text(Path file) {
        try {
            return Files.readString(file);
        } catch (MalformedInputException binary) {
            return "";
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }
}
