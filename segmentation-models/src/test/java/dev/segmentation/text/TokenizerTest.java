package dev.segmentation.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class TokenizerTest {

    @Test
    void defaultRuleMatchesScikitLearn() {
        // sklearn: CountVectorizer().build_analyzer()("Don't buy it!! The 2nd one, a_b x É.") ->
        // ['don', 'buy', 'it', 'the', '2nd', 'one', 'a_b']
        assertEquals(List.of("don", "buy", "it", "the", "2nd", "one", "a_b"),
                Tokenizer.defaults().tokenize("Don't buy it!! The 2nd one, a_b x É."));
    }

    @Test
    void unicodeWordsAndNfkc() {
        assertEquals(List.of("café", "über", "fine", "h2"),
                Tokenizer.defaults().tokenize("Café ÜBER ﬁne ℌ２"));
    }

    @Test
    void ngramsInScikitLearnOrder() {
        Tokenizer t = Tokenizer.builder().ngrams(3).build();
        assertEquals(List.of("not", "very", "good", "not very", "very good", "not very good"),
                t.tokenize("Not very good"));
        assertEquals(List.of("ok"), t.tokenize("ok"));
        assertEquals(List.of(), t.tokenize(""));
    }

    @Test
    void optionsAndToString() {
        Tokenizer t = Tokenizer.builder().lowercase(false).normalize(false).tokenPattern("\\S+").ngrams(2).build();
        assertEquals(List.of("A", "b!", "A b!"), t.tokenize("A b!"));
        assertEquals("Tokenizer{normalize=false, lowercase=false, tokenPattern=\\S+, ngrams=2, negation=false}", t.toString());
        assertEquals("Tokenizer{normalize=true, lowercase=true, tokenPattern=(?u)\\b\\w\\w+\\b, ngrams=1, negation=false}",
                Tokenizer.defaults().toString());
        assertEquals(t.toString(), t.toBuilder().build().toString());
    }

    @Test
    void badSettings() {
        assertEquals("ngrams must be >= 1, found 0",
                assertThrows(IllegalArgumentException.class, () -> Tokenizer.builder().ngrams(0)).getMessage());
        assertEquals("tokenPattern must be a valid regular expression, found (",
                assertThrows(IllegalArgumentException.class, () -> Tokenizer.builder().tokenPattern("("))
                        .getMessage());
    }

    @Property(tries = 300)
    void tokenizingIsIdempotentOnItsOwnOutput(@ForAll String text) {
        Tokenizer t = Tokenizer.defaults();
        List<String> once = t.tokenize(text);
        assertEquals(once, t.tokenize(String.join(" ", once)));
    }

    @Property(tries = 100)
    void ngramCountIsTriangular(@ForAll @IntRange(min = 0, max = 30) int words,
            @ForAll @IntRange(min = 1, max = 4) int n) {
        String text = String.join(" ", java.util.Collections.nCopies(words, "ab"));
        int expected = 0;
        for (int k = 1; k <= n; k++) {
            expected += Math.max(0, words - k + 1);
        }
        assertEquals(expected, Tokenizer.builder().ngrams(n).build().tokenize(text).size());
    }

    @Test
    void negationScopeRunsToTheNextClausePunctuation() {
        Tokenizer t = Tokenizer.builder().negation(true).build();
        assertEquals(List.of("this", "is", "not", "NEG_good", "NEG_at", "NEG_all", "but", "cheap"),
                t.tokenize("This is not good at all, but cheap"));
        // the default pattern splits "don't" into "don" and a dropped "t": "don" followed by 't is the cue
        assertEquals(List.of("don", "NEG_like", "NEG_it", "love", "the", "color"),
                t.tokenize("Don't like it. Love the color!"));
        assertEquals(List.of("never", "NEG_again", "no", "NEG_way"), t.tokenize("never again; no way"));
        assertEquals(List.of("isn't", "NEG_bad"),
                t.toBuilder().tokenPattern("[\\w']+").build().tokenize("isn't bad"));
        // marked tokens feed the n-grams
        assertEquals(List.of("not", "NEG_nice", "not NEG_nice"), t.toBuilder().ngrams(2).build().tokenize("not nice"));
        // off by default
        assertEquals(List.of("not", "good"), Tokenizer.defaults().tokenize("not good"));
        assertEquals(List.of("NEG_good", "fine"), t.tokenize("neg_good fine"));
        assertTrue(t.negation());
        assertEquals("Tokenizer{normalize=true, lowercase=true, tokenPattern=(?u)\\b\\w\\w+\\b, ngrams=1, negation=true}",
                t.toString());
    }

    /**
     * With marking on, the tokens are those of the plain tokenizer with some prefixed, and one more round
     * (which removes the clause punctuation) reaches a fixed point: idempotent on its own output.
     */
    @Property(tries = 300)
    void negationMarkingIsIdempotentOnItsOwnOutput(@ForAll("sentences") String text) {
        Tokenizer t = Tokenizer.builder().negation(true).build();
        List<String> once = t.tokenize(text);
        List<String> plain = Tokenizer.defaults().tokenize(text);
        assertEquals(plain.size(), once.size());
        for (int i = 0; i < once.size(); i++) {
            String token = once.get(i);
            assertEquals(plain.get(i), token.startsWith("NEG_") && !plain.get(i).startsWith("neg_")
                    ? token.substring(4) : token.toLowerCase(java.util.Locale.ROOT));
        }
        List<String> twice = t.tokenize(String.join(" ", once));
        assertEquals(twice, t.tokenize(String.join(" ", twice)));
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<String> sentences() {
        net.jqwik.api.Arbitrary<String> word = net.jqwik.api.Arbitraries.of("not", "no", "never", "don't",
                "good", "bad", "Great", "it", "is", "NEG_x", ",", ".", "!", "fit", "n't", "a");
        return word.list().ofMaxSize(15).map(w -> String.join(" ", w));
    }
}
