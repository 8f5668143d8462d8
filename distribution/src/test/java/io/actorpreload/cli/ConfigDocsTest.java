package io.actorpreload.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.kafka.common.config.ConfigDef;
import org.junit.jupiter.api.Test;

/** docs/OPERATING.md's settings tables are the code's: every key, default and description. */
class ConfigDocsTest {
    private static final Path PAGE = Path.of("..", "docs", "OPERATING.md");
    private static final String REGENERATE =
            "the settings tables of docs/OPERATING.md differ from the code's ConfigDefs; "
                    + "regenerate them: mvn -B -q -pl distribution exec:java -Dexec.mainClass=io.actorpreload.cli.ConfigDocs "
                    + "-Dexec.args=docs/OPERATING.md";

    @Test
    void shouldHoldTheTablesTheCodeDeclares() throws IOException {
        String page = Files.readString(PAGE, StandardCharsets.UTF_8);

        assertThat(ConfigDocs.render(page)).as(REGENERATE).isEqualTo(page);
    }

    @Test
    void shouldListEveryKeyOfEveryApplication() throws IOException {
        String page = Files.readString(PAGE, StandardCharsets.UTF_8);

        for (ConfigDef def : ConfigDocs.TABLES.values()) {
            for (String key : def.names()) {
                assertThat(page).as(REGENERATE).contains("| `" + key + "` |");
            }
        }
    }

    @Test
    void shouldTellAStaleTableFromAFreshOne() {
        String fresh = ConfigDocs.render(markers("| stale |\n"));

        assertThat(fresh).doesNotContain("| stale |").contains("| `bootstrap.servers` |");
        assertThat(ConfigDocs.render(fresh)).isEqualTo(fresh);
    }

    @Test
    void shouldSayWhichMarkerIsMissing() {
        assertThatThrownBy(() -> ConfigDocs.render("no markers here"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("<!-- generated:topology-config:begin -->");
    }

    private static String markers(String body) {
        StringBuilder page = new StringBuilder("# page\n");
        for (String name : ConfigDocs.TABLES.keySet()) {
            page.append("<!-- generated:")
                    .append(name)
                    .append(":begin -->\n")
                    .append(body)
                    .append("<!-- generated:")
                    .append(name)
                    .append(":end -->\n");
        }
        return page.toString();
    }
}
