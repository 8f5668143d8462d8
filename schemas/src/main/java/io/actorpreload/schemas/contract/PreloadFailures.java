package io.actorpreload.schemas.contract;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The short reason a start command carries when its preload failed or was dropped
 * ({@code StartActorCommand.preloadFailure}, docs/ARCHITECTURE.md "Records"): {@code "<kind>: <detail>"},
 * cut to {@value #MAX_CHARS} characters. The topology writes it; a runner logs it and counts it by
 * kind, so the kinds are a small fixed set and the detail is for people. Stateless.
 */
public final class PreloadFailures {
    /** The read passed its deadline ({@code STORE_ERROR}). */
    public static final String TIMEOUT = "timeout";
    /** The store holds rows the layout cannot read ({@code STORE_ERROR}). */
    public static final String CORRUPT_DATA = "corrupt-data";
    /** The store failed otherwise ({@code STORE_ERROR}). */
    public static final String STORE_ERROR = "store-error";
    /** The command with its preload exceeds its runner topic's limit ({@code TOO_LARGE}). */
    public static final String TOO_LARGE = "too-large";
    /** The manifest cannot be decoded or is invalid ({@code INVALID_MANIFEST}). */
    public static final String INVALID_MANIFEST = "invalid-manifest";
    /** What a reader counts a missing reason as (commands written before the field). */
    public static final String UNSPECIFIED = "unspecified";
    /** What a reader counts a kind it does not know as. */
    public static final String OTHER = "other";

    /** The longest reason written: enough for a cause, small next to any command. */
    public static final int MAX_CHARS = 300;

    private static final Set<String> KINDS = Set.of(TIMEOUT, CORRUPT_DATA, STORE_ERROR, TOO_LARGE, INVALID_MANIFEST);
    /** Every kind {@link #kindOf} can answer, for metrics that count each. */
    public static final List<String> COUNTED_KINDS =
            List.of(TIMEOUT, CORRUPT_DATA, STORE_ERROR, TOO_LARGE, INVALID_MANIFEST, UNSPECIFIED, OTHER);

    private PreloadFailures() {}

    /** The reason of {@code kind} with {@code detail}, cut to {@link #MAX_CHARS}. */
    public static String reason(String kind, String detail) {
        if (!KINDS.contains(kind)) {
            throw new IllegalArgumentException("Unknown preload failure kind '" + kind + "'. Use one of " + KINDS);
        }
        String reason = kind + ": " + detail;
        return reason.length() <= MAX_CHARS ? reason : reason.substring(0, MAX_CHARS - 3) + "...";
    }

    /**
     * The kind of {@code reason} as a reader counts it: {@link #UNSPECIFIED} for null, {@link #OTHER}
     * for a kind this version does not know (a newer writer's).
     */
    public static String kindOf(String reason) {
        if (reason == null) {
            return UNSPECIFIED;
        }
        int colon = reason.indexOf(':');
        String kind = (colon < 0 ? reason : reason.substring(0, colon)).trim().toLowerCase(Locale.ROOT);
        return KINDS.contains(kind) ? kind : OTHER;
    }
}
