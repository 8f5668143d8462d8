package io.actorpreload.localstack.internals;

import java.util.Arrays;
import java.util.List;

/** Extra JVM options for a child process of the local stack, from a system property. Stateless. */
public final class JvmOptions {
    private JvmOptions() {}

    /** The options in system property {@code property}, separated by whitespace; none when it is unset or blank. */
    public static List<String> from(String property) {
        String value = System.getProperty(property, "").trim();
        return value.isEmpty() ? List.of() : Arrays.asList(value.split("\\s+"));
    }
}
