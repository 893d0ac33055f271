package dev.segmentation.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
        assertEquals("Tokenizer{normalize=false, lowercase=false, tokenPattern=\\S+, ngrams=2}", t.toString());
        assertEquals("Tokenizer{normalize=true, lowercase=true, tokenPattern=(?u)\\b\\w\\w+\\b, ngrams=1}",
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
}
