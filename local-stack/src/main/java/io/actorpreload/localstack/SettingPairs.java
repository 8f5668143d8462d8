package io.actorpreload.localstack;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Settings given on a command line as one system property of {@code key=value} pairs separated by
 * {@code ;} (e.g. {@code -Dlocalstack.kafka.settings=num.io.threads=2;num.network.threads=1}), so a
 * benchmark can try a setting without editing code. Later pairs win. Stateless.
 */
public final class SettingPairs {
    private SettingPairs() {}

    /** The pairs of system property {@code property}, in order; empty when it is not set. */
    public static Map<String, String> fromSystemProperty(String property) {
        return parse(property, System.getProperty(property, ""));
    }

    /** Parses {@code key=value;key=value} given as {@code property}; blank parts are skipped. */
    public static Map<String, String> parse(String property, String pairs) {
        Map<String, String> settings = new LinkedHashMap<>();
        for (String pair : pairs.split(";")) {
            if (pair.isBlank()) {
                continue;
            }
            int equals = pair.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException(
                        property + " takes key=value pairs separated by ';', not '" + pair + "'");
            }
            settings.put(
                    pair.substring(0, equals).trim(), pair.substring(equals + 1).trim());
        }
        return settings;
    }
}
