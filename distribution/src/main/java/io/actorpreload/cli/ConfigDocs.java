package io.actorpreload.cli;

import io.actorpreload.learner.ManifestLearnerConfig;
import io.actorpreload.topology.PreloadTopologyConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;

/**
 * The configuration reference of docs/OPERATING.md, generated from the applications' {@link ConfigDef}s
 * as Kafka generates its own configuration docs: one Markdown table per application, written between
 * the page's marker lines {@code <!-- generated:NAME:begin -->} and {@code <!-- generated:NAME:end -->}.
 * {@code ConfigDocsTest} fails when the page and the code differ; {@link #main} rewrites the page.
 */
public final class ConfigDocs {
    /** The tables, by marker name: the preload topology's settings, then the learner's. */
    static final Map<String, ConfigDef> TABLES = tables();

    private ConfigDocs() {}

    /**
     * Rewrites the tables of the page given as the only argument, from the repository's root:
     * {@code mvn -B -q -pl distribution exec:java -Dexec.mainClass=io.actorpreload.cli.ConfigDocs
     * -Dexec.args=docs/OPERATING.md}.
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 1 || !Files.isRegularFile(Path.of(args[0]))) {
            System.err.println("usage: ConfigDocs <docs/OPERATING.md>: the page whose settings tables to regenerate"
                    + (args.length == 1 ? "; " + args[0] + " is not a file" : ""));
            System.exit(2);
        }
        Path page = Path.of(args[0]);
        Files.writeString(page, render(Files.readString(page, StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
    }

    /** {@code page} with every table replaced by the one the code declares now. */
    static String render(String page) {
        String rendered = page;
        for (Map.Entry<String, ConfigDef> table : TABLES.entrySet()) {
            String begin = "<!-- generated:" + table.getKey() + ":begin -->";
            String end = "<!-- generated:" + table.getKey() + ":end -->";
            int from = rendered.indexOf(begin);
            int to = rendered.indexOf(end);
            if (from < 0 || to < from) {
                throw new IllegalArgumentException("The page has no '" + begin + "' line followed by an '" + end
                        + "' line: add both where the table belongs.");
            }
            rendered = rendered.substring(0, from + begin.length()) + "\n" + markdown(table.getValue())
                    + rendered.substring(to);
        }
        return rendered;
    }

    /** One row per key, the most important first, then by name (Kafka's order). */
    static String markdown(ConfigDef def) {
        StringBuilder table = new StringBuilder("| key | type | default | valid values | importance | description |\n")
                .append("|---|---|---|---|---|---|\n");
        List<ConfigDef.ConfigKey> keys = def.configKeys().values().stream()
                .sorted(Comparator.comparing((ConfigDef.ConfigKey key) -> key.importance)
                        .thenComparing(key -> key.name))
                .toList();
        for (ConfigDef.ConfigKey key : keys) {
            table.append("| `")
                    .append(key.name)
                    .append("` | ")
                    .append(key.type.toString().toLowerCase(java.util.Locale.ROOT))
                    .append(" | ")
                    .append(defaultOf(key))
                    .append(" | ")
                    .append(key.validator == null ? "" : cell(key.validator.toString()))
                    .append(" | ")
                    .append(key.importance.toString().toLowerCase(java.util.Locale.ROOT))
                    .append(" | ")
                    .append(cell(key.documentation == null ? "" : key.documentation))
                    .append(" |\n");
        }
        return table.toString();
    }

    private static String defaultOf(ConfigDef.ConfigKey key) {
        if (!key.hasDefault()) {
            return "required";
        }
        if (key.defaultValue == null) {
            return "null";
        }
        String value = ConfigDef.convertToString(key.defaultValue, key.type);
        return value.isEmpty() ? "\"\"" : "`" + value + "`";
    }

    /** Markdown table cells hold one line and no unescaped pipe. */
    private static String cell(String text) {
        return text.replace("|", "\\|").replaceAll("\\s*\\n\\s*", " ").trim();
    }

    private static Map<String, ConfigDef> tables() {
        Map<String, ConfigDef> tables = new LinkedHashMap<>();
        tables.put("topology-config", PreloadTopologyConfig.configDef());
        tables.put("learner-config", ManifestLearnerConfig.configDef());
        return tables;
    }
}
