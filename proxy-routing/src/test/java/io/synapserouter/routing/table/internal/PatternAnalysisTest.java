package io.synapserouter.routing.table.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.synapserouter.routing.table.internal.PatternAnalysis.Kind;
import io.synapserouter.routing.table.internal.PatternAnalysis.Variant;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class PatternAnalysisTest {

    private static PatternAnalysis analyse(String regex) {
        return PatternAnalysis.of(Pattern.compile(regex));
    }

    @Test
    void versionAlternativesExpandIntoLiteralPrefixesThatDecideAlone() {
        assertThat(analyse("^/_matrix/client/(r0|v3)/keys/(query|claim)$").variants()).containsExactlyInAnyOrder(
                new Variant("/_matrix/client/r0/keys/query", Kind.EXACT),
                new Variant("/_matrix/client/r0/keys/claim", Kind.EXACT),
                new Variant("/_matrix/client/v3/keys/query", Kind.EXACT),
                new Variant("/_matrix/client/v3/keys/claim", Kind.EXACT));
    }

    @Test
    void aSlashOrEndGroupGivesOnePrefixAndOneExactVariant() {
        assertThat(analyse("^/_matrix/client/v3/devices(/|$)").variants()).containsExactlyInAnyOrder(
                new Variant("/_matrix/client/v3/devices/", Kind.PREFIX),
                new Variant("/_matrix/client/v3/devices", Kind.EXACT));
    }

    @Test
    void theLiteralPrefixStopsAtTheFirstWildcardAndTheRegexDecides() {
        PatternAnalysis a = analyse("^/_matrix/client/(r0|v3)/rooms/.*/typing");
        assertThat(a.variants()).containsExactlyInAnyOrder(
                new Variant("/_matrix/client/r0/rooms/", Kind.REGEX),
                new Variant("/_matrix/client/v3/rooms/", Kind.REGEX));
        assertThat(a.requiredAnyOf()).containsExactly("/typing");
    }

    @Test
    void anEscapedDotIsLiteralAndABareDotIsAWildcard() {
        assertThat(analyse("^/a/org\\.matrix\\.x$").variants()).containsExactly(new Variant("/a/org.matrix.x", Kind.EXACT));
        assertThat(analyse("^/a/org.matrix$").variants()).containsExactly(new Variant("/a/org", Kind.REGEX));
    }

    @Test
    void aQuantifiedLiteralEndsThePrefixBeforeIt() {
        assertThat(analyse("^/ab?c").variants()).containsExactly(new Variant("/a", Kind.REGEX));
        assertThat(analyse("^/a(bc)*d").variants()).containsExactly(new Variant("/a", Kind.REGEX));
    }

    @Test
    void theRoomPatternRequiresABangInEitherEncoding() {
        PatternAnalysis a = analyse("^/_matrix/client/.*?(!|%21)[A-Za-z0-9._=\\-/]+(:|%3[Aa])[A-Za-z0-9.\\-]+");
        assertThat(a.variants()).containsExactly(new Variant("/_matrix/client/", Kind.REGEX));
        assertThat(a.requiredAnyOf()).containsExactly("!", "%21");
    }

    @Test
    void unanchoredFlaggedOrTopLevelAlternationPatternsAreLeftToTheRegex() {
        for (String regex : new String[] {"/typing", "^/a|/b", "^/x$|^/y$"}) {
            assertThat(analyse(regex).variants()).as(regex).containsExactly(new Variant("", Kind.REGEX));
        }
        assertThat(PatternAnalysis.of(Pattern.compile("^/a$", Pattern.CASE_INSENSITIVE)).variants())
                .containsExactly(new Variant("", Kind.REGEX));
        assertThat(analyse("/typing").requiredAnyOf()).containsExactly("/typing");
    }

    @Test
    void inlineFlagsAndQuotingDisableTheRequiredLiteral() {
        assertThat(analyse("^/a(?i)/typing").requiredAnyOf()).isNull();
        assertThat(analyse("^\\Q/a.b\\E").requiredAnyOf()).isNull();
        assertThat(analyse("^(?i)/a").variants()).containsExactly(new Variant("", Kind.REGEX));
    }

    @Test
    void expansionIsBoundedSoAPathologicalPatternCannotBlowUp() {
        String group = "(a|b|c|d|e|f|g|h)";
        PatternAnalysis a = analyse("^/" + group + group + group + "$");
        assertThat(a.variants()).hasSizeLessThanOrEqualTo(PatternAnalysis.MAX_VARIANTS);
        assertThat(a.variants()).extracting(Variant::kind).contains(Kind.REGEX);
    }
}
