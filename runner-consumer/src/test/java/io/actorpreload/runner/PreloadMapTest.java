package io.actorpreload.runner;

import static io.actorpreload.runner.Preloads.b;
import static io.actorpreload.runner.Preloads.entry;
import static io.actorpreload.runner.Preloads.meta;
import static io.actorpreload.runner.Preloads.preload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.actorpreload.avro.PreloadedKv;
import io.actorpreload.runner.internals.ByteKeys;
import io.actorpreload.schemas.ByteStrings;
import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class PreloadMapTest {
    private static final PreloadedGet ABSENT = new PreloadedGet.Absent();
    private static final PreloadedGet NOT_PRELOADED = new PreloadedGet.NotPreloaded();
    private static final PreloadedListing NOT_LISTED = new PreloadedListing.NotPreloaded();

    private static PreloadedGet found(String key) {
        return new PreloadedGet.Found(b("value-of-" + key), meta(key));
    }

    private static PreloadedListing complete(String... keys) {
        return new PreloadedListing.Complete(
                java.util.Arrays.stream(keys).map(Preloads::entry).toList());
    }

    private static PreloadedListing partial(String resumeAfter, String... keys) {
        return new PreloadedListing.Partial(
                java.util.Arrays.stream(keys).map(Preloads::entry).toList(),
                Optional.ofNullable(resumeAfter).map(Preloads::b));
    }

    @Nested
    class ByteComparison {
        @Test
        void shouldOrderBytesAsUnsigned() {
            assertThat(ByteKeys.compare(new byte[] {(byte) 0x80}, new byte[] {0x7F}))
                    .isPositive();
            assertThat(ByteKeys.compare(new byte[] {(byte) 0xFF}, new byte[] {0x00}))
                    .isPositive();
        }

        @Test
        void shouldOrderAProperPrefixFirst() {
            assertThat(ByteKeys.compare(b("ab"), b("abc"))).isNegative();
            assertThat(ByteKeys.compare(new byte[0], b("a"))).isNegative();
        }

        @Test
        void shouldFindEqualKeysEqual() {
            assertThat(ByteKeys.compare(b("abc"), b("abc"))).isZero();
            assertThat(ByteKeys.compare(new byte[0], new byte[0])).isZero();
        }

        @Test
        void shouldCompareAtTheFirstDifferentByte() {
            assertThat(ByteKeys.compare(b("abd"), b("abcz"))).isPositive();
        }
    }

    @Nested
    class BinarySearchEdges {
        private final byte[][] sorted = {b("b"), b("d"), b("f")};

        @Test
        void shouldFindNothingInAnEmptyArray() {
            assertThat(ByteKeys.lowerBound(new byte[0][], b("a"))).isZero();
            assertThat(ByteKeys.search(new byte[0][], b("a")) >= 0).isFalse();
        }

        @Test
        void shouldFindTheFirstAndTheLastKey() {
            assertThat(ByteKeys.lowerBound(sorted, b("b"))).isZero();
            assertThat(ByteKeys.lowerBound(sorted, b("f"))).isEqualTo(2);
            assertThat(ByteKeys.search(sorted, b("b")) >= 0).isTrue();
            assertThat(ByteKeys.search(sorted, b("f")) >= 0).isTrue();
        }

        @Test
        void shouldPlaceKeysBeforeTheFirstBetweenAndAfterTheLast() {
            assertThat(ByteKeys.lowerBound(sorted, b("a"))).isZero();
            assertThat(ByteKeys.lowerBound(sorted, b("c"))).isEqualTo(1);
            assertThat(ByteKeys.lowerBound(sorted, b("g"))).isEqualTo(3);
            assertThat(ByteKeys.search(sorted, b("a")) >= 0).isFalse();
            assertThat(ByteKeys.search(sorted, b("c")) >= 0).isFalse();
            assertThat(ByteKeys.search(sorted, b("g")) >= 0).isFalse();
        }

        @Test
        void shouldFindKeysThatDifferOnlyInSignBit() {
            byte[][] keys = {{0x01}, {0x7F}, {(byte) 0x80}, {(byte) 0xFF}};
            for (byte[] key : keys) {
                assertThat(ByteKeys.search(keys, key) >= 0).isTrue();
            }
            assertThat(ByteKeys.lowerBound(keys, new byte[] {(byte) 0x81})).isEqualTo(3);
        }

        @Test
        void shouldFindEveryKeyOfASingleElementArray() {
            assertThat(PreloadMap.of(preload().entries("k").getKeys("k").avro()).get(b("k")))
                    .isEqualTo(found("k"));
        }
    }

    @Nested
    class BuildFromNone {
        @Test
        void shouldAnswerNotPreloadedForEveryGetAndListing() {
            PreloadMap none = PreloadMap.of(null);
            assertThat(none.hasPreload()).isFalse();
            assertThat(none.get(b("k"))).isEqualTo(NOT_PRELOADED);
            assertThat(none.get(new byte[0])).isEqualTo(NOT_PRELOADED);
            assertThat(none.listPrefix(new byte[0])).isEqualTo(NOT_LISTED);
            assertThat(none.listPrefix(b("p"))).isEqualTo(NOT_LISTED);
        }

        @Test
        void shouldAnswerNotPreloadedForAnEmptyPreload() {
            PreloadMap empty = preload().map();
            assertThat(empty.hasPreload()).isTrue();
            assertThat(empty.get(b("k"))).isEqualTo(NOT_PRELOADED);
            assertThat(empty.listPrefix(new byte[0])).isEqualTo(NOT_LISTED);
        }
    }

    @Nested
    class ThreeWayGet {
        @Test
        void shouldFindAPreloadedEntry() {
            assertThat(preload().entries("a", "b").getKeys("a", "b").map().get(b("b")))
                    .isEqualTo(found("b"));
        }

        @Test
        void shouldAnswerAbsentForARequestedKeyWithoutEntry() {
            assertThat(preload().entries("a").getKeys("a", "missing").map().get(b("missing")))
                    .isEqualTo(ABSENT);
        }

        @Test
        void shouldAnswerNotPreloadedForAnUnrequestedKey() {
            assertThat(preload().entries("a").getKeys("a").map().get(b("other")))
                    .isEqualTo(NOT_PRELOADED);
        }

        @Test
        void shouldSortUnsortedInputBeforeSearching() {
            PreloadMap map = preload()
                    .entries("d", "a", "c", "b")
                    .getKeys("z", "d", "a", "c", "b")
                    .map();
            assertThat(map.get(b("a"))).isEqualTo(found("a"));
            assertThat(map.get(b("b"))).isEqualTo(found("b"));
            assertThat(map.get(b("c"))).isEqualTo(found("c"));
            assertThat(map.get(b("d"))).isEqualTo(found("d"));
            assertThat(map.get(b("z"))).isEqualTo(ABSENT);
            assertThat(map.get(b("e"))).isEqualTo(NOT_PRELOADED);
        }

        @Test
        void shouldSortUnsortedPrefixEntriesForListing() {
            assertThat(preload().entries("p3", "p1", "p2").complete("p").map().listPrefix(b("p")))
                    .isEqualTo(complete("p1", "p2", "p3"));
        }

        @Test
        void shouldReturnTheValueAsFoundWhateverItsBytes() {
            byte[] value = {0, (byte) 0xFF, 0x7F, (byte) 0x80};
            PreloadedGet answer = preload().entry("k", value).getKeys("k").map().get(b("k"));
            assertThat(((PreloadedGet.Found) answer).value()).containsExactly(value);
        }

        @Test
        void shouldNotShowLaterChangesOfTheSourceRecord() {
            PreloadedKv source = preload().entries("k").getKeys("k").avro();
            PreloadMap map = PreloadMap.of(source);
            source.getEntries().get(0).getValue().put(0, (byte) 'X');
            assertThat(map.get(b("k"))).isEqualTo(found("k"));
        }
    }

    @Nested
    class AbsentUnderPrefixes {
        @Test
        void shouldAnswerAbsentUnderACompletePrefix() {
            PreloadMap map = preload().entries("p1").complete("p").map();
            assertThat(map.get(b("p1"))).isEqualTo(found("p1"));
            assertThat(map.get(b("p2"))).isEqualTo(ABSENT);
            assertThat(map.get(b("p"))).isEqualTo(ABSENT);
            assertThat(map.get(b("q"))).isEqualTo(NOT_PRELOADED);
        }

        @Test
        void shouldAnswerAbsentUnderAPartialPrefixOnlyUpToResumeAfter() {
            PreloadMap map = preload().entries("p1", "p3").partial("p", "p3").map();
            assertThat(map.get(b("p2"))).isEqualTo(ABSENT);
            assertThat(map.get(b("p3"))).isEqualTo(found("p3"));
            assertThat(map.get(b("p30"))).isEqualTo(NOT_PRELOADED);
            assertThat(map.get(b("p4"))).isEqualTo(NOT_PRELOADED);
        }

        @Test
        void shouldLookPastAPartialPrefixToALongerCompleteOneAndStopPastTheKey() {
            // Sorted: "a" < "a\u0000" < "ab" < "b". For "ab5" the scan passes "a" (partial, resumeAfter
            // before the key) and "a\u0000" (before the key, not its prefix) and finds "ab"; for "a\u00FF" and
            // for "" it stops at the first prefix that sorts after the key.
            PreloadMap map = preload()
                    .entries("a0")
                    .partial("a", "a0")
                    .complete("a\u0000")
                    .complete("ab")
                    .complete("b")
                    .map();
            assertThat(map.get(b("ab5"))).isEqualTo(ABSENT);
            assertThat(map.get(b("a\u0000\u00FF"))).isEqualTo(ABSENT);
            assertThat(map.get(b("a\u00FF"))).isEqualTo(NOT_PRELOADED);
            assertThat(map.get(b("a"))).isEqualTo(ABSENT);
            assertThat(map.get(b(""))).isEqualTo(NOT_PRELOADED);
            assertThat(map.get(b("b\u00FF\u00FF"))).isEqualTo(ABSENT);
        }

        @Test
        void shouldAnswerAbsentForRequestedGetKeysInAnyOrderAndListedTwice() {
            PreloadMap map =
                    preload().entries("k2").getKeys("k3", "k2", "k1", "k3", "").map();
            assertThat(map.get(b("k1"))).isEqualTo(ABSENT);
            assertThat(map.get(b("k2"))).isEqualTo(found("k2"));
            assertThat(map.get(b("k3"))).isEqualTo(ABSENT);
            assertThat(map.get(b(""))).isEqualTo(ABSENT);
            assertThat(map.get(b("k4"))).isEqualTo(NOT_PRELOADED);
        }

        @Test
        void shouldAnswerNotPreloadedUnderAPartialPrefixThatKeptNothing() {
            PreloadMap map = preload().partial("p", null).map();
            assertThat(map.get(b("p"))).isEqualTo(NOT_PRELOADED);
            assertThat(map.get(b("p1"))).isEqualTo(NOT_PRELOADED);
        }
    }

    @Nested
    class ListPrefix {
        @Test
        void shouldListInUnsignedKeyOrder() {
            PreloadMap map = preload()
                    .entries("p\u00FF", "p\u0001", "p\u0080", "p\u007F")
                    .complete("p")
                    .map();
            assertThat(map.listPrefix(b("p"))).isEqualTo(complete("p\u0001", "p\u007F", "p\u0080", "p\u00FF"));
        }

        @Test
        void shouldListARequestedEmptyPrefixAsEmptyAndComplete() {
            assertThat(preload().complete("p").map().listPrefix(b("p"))).isEqualTo(complete());
        }

        @Test
        void shouldAnswerNotPreloadedForAnUnrequestedPrefix() {
            PreloadMap map = preload().entries("p1").complete("p").map();
            assertThat(map.listPrefix(b("q"))).isEqualTo(NOT_LISTED);
        }

        @Test
        void shouldAnswerNotPreloadedForAShorterPrefixThanRequested() {
            PreloadMap map = preload().entries("ab1").complete("ab").map();
            assertThat(map.listPrefix(b("a"))).isEqualTo(NOT_LISTED);
        }

        @Test
        void shouldKeepNestedPrefixesApart() {
            PreloadMap map = preload()
                    .entries("a1", "ab1", "ab2", "b1")
                    .complete("a")
                    .complete("ab")
                    .complete("b")
                    .map();
            assertThat(map.listPrefix(b("ab"))).isEqualTo(complete("ab1", "ab2"));
            assertThat(map.listPrefix(b("a"))).isEqualTo(complete("a1", "ab1", "ab2"));
            assertThat(map.listPrefix(b("b"))).isEqualTo(complete("b1"));
        }

        @Test
        void shouldIncludeTheKeyEqualToThePrefix() {
            assertThat(preload().entries("p", "p1").complete("p").map().listPrefix(b("p")))
                    .isEqualTo(complete("p", "p1"));
        }

        @Test
        void shouldMatchEverythingWithTheEmptyPrefix() {
            PreloadMap map = preload().entries("", "a", "\u00FF").complete("").map();
            assertThat(map.listPrefix(new byte[0])).isEqualTo(complete("", "a", "\u00FF"));
            assertThat(map.get(b("anything"))).isEqualTo(ABSENT);
        }

        @Test
        void shouldNotMissKeysWhoseNextByteIs0xFF() {
            PreloadMap map = preload()
                    .entries("p\u00FF", "p\u00FF\u00FF", "q")
                    .complete("p")
                    .map();
            assertThat(map.listPrefix(b("p"))).isEqualTo(complete("p\u00FF", "p\u00FF\u00FF"));
        }

        @Test
        void shouldNeverListAPartialPrefixAsComplete() {
            PreloadMap map = preload().entries("p1", "p2").partial("p", "p2").map();
            assertThat(map.listPrefix(b("p"))).isEqualTo(partial("p2", "p1", "p2"));
            assertThat(map.listPrefix(b("p"))).isInstanceOf(PreloadedListing.Partial.class);
        }

        @Test
        void shouldListAPartialPrefixThatKeptNothingAsEmptyPartial() {
            assertThat(preload().partial("p", null).map().listPrefix(b("p"))).isEqualTo(partial(null));
        }

        @Test
        void shouldNotListGetKeyEntriesPastResumeAfter() {
            PreloadMap map = preload()
                    .entries("p1", "p9")
                    .getKeys("p9")
                    .partial("p", "p1")
                    .map();
            assertThat(map.listPrefix(b("p"))).isEqualTo(partial("p1", "p1"));
            assertThat(map.get(b("p9"))).isEqualTo(found("p9"));
        }
    }

    @Nested
    class ExtensionOfARequestedPrefix {
        @Test
        void shouldRestrictACompletePrefixToTheExtension() {
            PreloadMap map =
                    preload().entries("a1", "ab1", "ab2", "ac").complete("a").map();
            assertThat(map.listPrefix(b("ab"))).isEqualTo(complete("ab1", "ab2"));
            assertThat(map.listPrefix(b("ax"))).isEqualTo(complete());
        }

        @Test
        void shouldBeCompleteWhenResumeAfterIsPastTheWholeExtension() {
            PreloadMap map =
                    preload().entries("ab1", "ab2", "ac").partial("a", "ac").map();
            assertThat(map.listPrefix(b("ab"))).isEqualTo(complete("ab1", "ab2"));
        }

        @Test
        void shouldBePartialWhenResumeAfterIsInsideTheExtension() {
            PreloadMap map = preload().entries("ab1", "ab2").partial("a", "ab1").map();
            assertThat(map.listPrefix(b("ab"))).isEqualTo(partial("ab1", "ab1"));
        }

        @Test
        void shouldBePartialAndEmptyWhenResumeAfterIsBeforeTheExtension() {
            PreloadMap map = preload().entries("aa").partial("a", "aa").map();
            assertThat(map.listPrefix(b("ab"))).isEqualTo(partial(null));
        }

        @Test
        void shouldBePartialWhenResumeAfterEqualsTheExtension() {
            // Keys longer than "ab" under "ab" sort after it, so they are not covered.
            PreloadMap map = preload().entries("ab").partial("a", "ab").map();
            assertThat(map.listPrefix(b("ab"))).isEqualTo(partial("ab", "ab"));
        }

        @Test
        void shouldTakeTheFurthestOfTwoNestedPartialPrefixes() {
            PreloadMap map = preload()
                    .entries("ab1", "ab2", "ab3")
                    .partial("a", "ab1")
                    .partial("ab", "ab2")
                    .map();
            assertThat(map.listPrefix(b("ab"))).isEqualTo(partial("ab2", "ab1", "ab2"));
            assertThat(map.listPrefix(b("a"))).isEqualTo(partial("ab1", "ab1"));
        }

        @Test
        void shouldPreferACompleteInnerPrefixOverAPartialOuterOne() {
            PreloadMap map = preload()
                    .entries("ab1", "ab2")
                    .partial("a", null)
                    .complete("ab")
                    .map();
            assertThat(map.listPrefix(b("ab"))).isEqualTo(complete("ab1", "ab2"));
            assertThat(map.listPrefix(b("a"))).isEqualTo(partial(null));
        }
    }

    @Nested
    class UntrustedPreloads {
        @Test
        void shouldTrustNothingWhenAnEntryKeyAppearsTwice() {
            PreloadMap map = preload()
                    .entries("a", "b", "a")
                    .getKeys("a", "b")
                    .complete("")
                    .map();
            assertThat(map.hasPreload()).isFalse();
            assertThat(map.get(b("a"))).isEqualTo(NOT_PRELOADED);
            assertThat(map.get(b("b"))).isEqualTo(NOT_PRELOADED);
            assertThat(map.listPrefix(new byte[0])).isEqualTo(NOT_LISTED);
        }

        @Test
        void shouldTrustNothingWhenAPrefixAppearsTwice() {
            PreloadMap map =
                    preload().entries("p1").complete("p").partial("p", null).map();
            assertThat(map.get(b("p2"))).isEqualTo(NOT_PRELOADED);
            assertThat(map.listPrefix(b("p"))).isEqualTo(NOT_LISTED);
        }

        @Test
        void shouldTrustNothingWhenResumeAfterLiesOutsideItsPrefix() {
            PreloadMap map = preload().entries("p1").partial("p", "q").map();
            assertThat(map.get(b("p1"))).isEqualTo(NOT_PRELOADED);
        }

        @Test
        void shouldTrustNothingWhenAnElementIsNull() {
            PreloadedKv withNull = preload().entries("a").getKeys("a").avro();
            withNull.getRequestedGetKeys().add(null);
            assertThat(PreloadMap.of(withNull).get(b("a"))).isEqualTo(NOT_PRELOADED);
        }

        @Test
        void shouldAcceptAGetKeyListedTwice() {
            PreloadMap map = preload().entries("a").getKeys("a", "a", "b").map();
            assertThat(map.get(b("a"))).isEqualTo(found("a"));
            assertThat(map.get(b("b"))).isEqualTo(ABSENT);
        }
    }

    @Test
    void shouldCopyValuesOutSoCallersCannotChangeTheMap() {
        PreloadMap map = preload().entries("k").getKeys("k").map();
        byte[] value = ((PreloadedGet.Found) map.get(b("k"))).value();
        value[0] = 'X';
        assertThat(map.get(b("k"))).isEqualTo(found("k"));
    }

    @Nested
    class Sharing {
        @Test
        void shouldAnswerAsACopyingMapDoes() {
            Preloads fixture =
                    preload().entries("a", "b", "pre/1").getKeys("a", "z").partial("pre/", "pre/1");
            PreloadMap copied = PreloadMap.of(fixture.avro());
            PreloadMap shared = PreloadMap.sharing(fixture.avro());
            for (String key : List.of("a", "b", "z", "y", "pre/0", "pre/1", "pre/2")) {
                assertThat(shared.get(b(key))).as(key).isEqualTo(copied.get(b(key)));
                assertThat(shared.listPrefix(b(key))).as(key).isEqualTo(copied.listPrefix(b(key)));
            }
        }

        @Test
        void shouldLeaveThePreloadReadOnlyViewsOfTheBytesItKeeps() {
            byte[] value = b("value");
            PreloadedKv kv = preload().entry("k", value).getKeys("g").avro();
            PreloadMap map = PreloadMap.sharing(kv);

            ByteBuffer entryValue = kv.getEntries().get(0).getValue();
            assertThat(entryValue.isReadOnly()).isTrue();
            assertThat(ByteStrings.toArray(entryValue)).isEqualTo(value);
            assertThat(kv.getEntries().get(0).getKey().isReadOnly()).isTrue();
            assertThat(kv.getRequestedGetKeys().get(0).isReadOnly()).isTrue();
            assertThatThrownBy(() -> entryValue.put(0, (byte) 'X')).isInstanceOf(ReadOnlyBufferException.class);
            assertThat(map.get(b("k"))).isEqualTo(new PreloadedGet.Found(value, meta("k")));
            assertThat(map.get(b("g"))).isEqualTo(ABSENT);
        }

        @Test
        void shouldCopyABufferOverPartOfAnArray() {
            byte[] array = b("xxvaluexx");
            ByteBuffer part = ByteBuffer.wrap(array, 2, 5);
            PreloadedKv kv = preload().entries("k").avro();
            kv.getEntries().get(0).setValue(part);
            PreloadMap map = PreloadMap.sharing(kv);

            array[2] = 'X';
            assertThat(kv.getEntries().get(0).getValue()).isSameAs(part);
            assertThat(map.get(b("k"))).isEqualTo(new PreloadedGet.Found(b("value"), meta("k")));
        }

        @Test
        void shouldKeepAReadOnlyValueAsItIsWithAPositionOfItsOwn() {
            byte[] payload = b("xxvaluexx");
            ByteBuffer view = ByteBuffer.wrap(payload, 2, 5).slice().asReadOnlyBuffer(); // as the decoder gives it
            PreloadedKv kv = preload().entries("k").avro();
            kv.getEntries().get(0).setValue(view);
            PreloadMap map = PreloadMap.sharing(kv);

            view.position(3);
            payload[2] = 'V'; // not copied: the map reads the payload's own bytes
            assertThat(kv.getEntries().get(0).getValue()).isSameAs(view);
            assertThat(map.get(b("k"))).isEqualTo(new PreloadedGet.Found(b("Value"), meta("k")));
        }

        @Test
        void shouldCopyTheBuffersOfAListItCannotChange() {
            byte[] getKey = b("g");
            PreloadedKv kv = new PreloadedKv(
                    1L, new java.util.ArrayList<>(), List.of(ByteBuffer.wrap(getKey)), List.of(), 0L, null);
            PreloadMap map = PreloadMap.sharing(kv);

            getKey[0] = 'h';
            assertThat(map.get(b("g"))).isEqualTo(ABSENT);
            assertThat(map.get(b("h"))).isEqualTo(NOT_PRELOADED);
        }

        @Test
        void shouldHandOutViewsThatCannotChangeTheMap() {
            PreloadMap map = PreloadMap.sharing(
                    preload().entries("k", "pre/1").complete("pre/").avro());
            ByteBuffer got = ((PreloadedGet.Found) map.get(b("k"))).valueView();
            PreloadedListing.Complete listed = (PreloadedListing.Complete) map.listPrefix(b("pre/"));
            ByteBuffer listedValue = listed.entries().get(0).valueView();
            ByteBuffer listedKey = listed.entries().get(0).keyView();

            assertThatThrownBy(() -> got.put(0, (byte) 'X')).isInstanceOf(ReadOnlyBufferException.class);
            assertThatThrownBy(() -> listedValue.put(0, (byte) 'X')).isInstanceOf(ReadOnlyBufferException.class);
            assertThatThrownBy(() -> listedKey.put(0, (byte) 'X')).isInstanceOf(ReadOnlyBufferException.class);
            assertThat(ByteStrings.toArray(got)).isEqualTo(b("value-of-k"));
            assertThat(ByteStrings.toArray(listedKey)).isEqualTo(b("pre/1"));
        }
    }

    @Test
    void shouldReadBuffersFromTheirPosition() {
        ByteBuffer key = ByteBuffer.wrap(b("xxk"));
        key.position(2);
        PreloadedKv kv = new PreloadedKv(1L, new java.util.ArrayList<>(), List.of(key), List.of(), 0L, null);
        assertThat(PreloadMap.of(kv).get(b("k"))).isEqualTo(ABSENT);
        assertThat(key.position()).isEqualTo(2);
    }

    @Test
    void shouldTellEntryAndReadVersion() {
        PreloadMap map = preload().entries("a", "b").map();
        assertThat(map.entryCount()).isEqualTo(2);
        assertThat(map.readVersion()).hasValue(42L);
        assertThat(entry("a")).isEqualTo(entry("a"));
    }
}
