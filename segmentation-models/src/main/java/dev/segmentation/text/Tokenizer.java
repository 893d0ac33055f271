package dev.segmentation.text;

import dev.segmentation.internal.ParamChecks;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Splits a text into tokens: Unicode NFKC normalization, lower-casing, a token pattern, then optional word
 * n-grams. Build one with {@link #builder()}.
 *
 * <h2>Steps</h2>
 * <ol>
 *   <li>NFKC normalization ({@link Normalizer.Form#NFKC}), on by default ({@link Builder#normalize(boolean)}).
 *   It runs before lower-casing, so compatibility forms such as the fraktur capital H become a plain
 *   {@code h}.</li>
 *   <li>Lower-casing with {@link Locale#ROOT}, on by default ({@link Builder#lowercase(boolean)}), followed by
 *   a second NFKC pass (lower-casing can produce unnormalized sequences).</li>
 *   <li>Every match of the token pattern, left to right. The default {@value #DEFAULT_TOKEN_PATTERN} is
 *   scikit-learn's {@code CountVectorizer(token_pattern=...)} default: runs of two or more word characters.
 *   Patterns are compiled with {@link Pattern#UNICODE_CHARACTER_CLASS}, so {@code \w} and {@code \b} are the
 *   Unicode classes, as in Python 3's {@code re}.</li>
 *   <li>Optional negation scope marking ({@link Builder#negation(boolean)}, off by default; Das and Chen
 *   2001, Pang, Lee and Vaithyanathan 2002): after a negation cue, every token gets the prefix
 *   {@value #NEGATION_PREFIX} until the next clause punctuation ({@code . , : ; ! ?}) in the text between
 *   tokens, so "not good, great" gives {@code not NEG_good great}. The cues are the tokens {@code not no never
 *   nothing nobody none nowhere neither nor cannot}, tokens ending in {@code n't}, and a token followed
 *   directly by {@code 't} (the default pattern splits "don't" into {@code don} and a dropped {@code t}). A
 *   token that already carries the prefix (in any case, since lower-casing runs first) keeps it, written
 *   {@value #NEGATION_PREFIX}, and is not marked twice, so marking is idempotent on its own output once the
 *   clause punctuation is gone. Marking happens before n-grams, which are then built from marked tokens.</li>
 *   <li>Word n-grams for n = 1 .. {@link Builder#ngrams(int) ngrams} (default 1): all unigrams in order, then
 *   all bigrams, and so on, each n-gram the tokens joined by one space (scikit-learn's
 *   {@code ngram_range=(1, N)} order).</li>
 * </ol>
 * An empty text, or one without a match, gives an empty list.
 *
 * <p>Complexity O(length of the text times ngrams). Instances are immutable and safe for concurrent use.
 * Null is never accepted or returned.
 */
public final class Tokenizer {
    /** scikit-learn's default token pattern: two or more word characters between word boundaries. */
    public static final String DEFAULT_TOKEN_PATTERN = "(?u)\\b\\w\\w+\\b";

    /** The prefix of a token inside a negation scope. */
    public static final String NEGATION_PREFIX = "NEG_";
    private static final Set<String> NEGATION_WORDS = Set.of("not", "no", "never", "nothing", "nobody", "none",
            "nowhere", "neither", "nor", "cannot");
    private static final String CLAUSE_PUNCTUATION = ".,:;!?";

    private final boolean normalize;
    private final boolean lowercase;
    private final boolean negation;
    private final String tokenPattern;
    private final int ngrams;
    private final Pattern pattern;

    private Tokenizer(Builder b) {
        this.normalize = b.normalize;
        this.lowercase = b.lowercase;
        this.tokenPattern = b.tokenPattern;
        this.ngrams = b.ngrams;
        this.negation = b.negation;
        this.pattern = compile(b.tokenPattern);
    }

    /**
     * Returns a new builder with the defaults (NFKC on, lower-casing on, the default pattern, unigrams).
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns a tokenizer with every default, scikit-learn's {@code CountVectorizer()} rule plus NFKC.
     *
     * @return the default tokenizer
     */
    public static Tokenizer defaults() {
        return builder().build();
    }

    /**
     * Returns a builder holding this tokenizer's settings.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        return new Builder().normalize(normalize).lowercase(lowercase).tokenPattern(tokenPattern).ngrams(ngrams)
                .negation(negation);
    }

    /**
     * Tokenizes one text.
     *
     * @param text the text; not modified
     * @return the tokens then the n-grams, in order (unmodifiable, possibly empty)
     */
    public List<String> tokenize(String text) {
        Objects.requireNonNull(text, "text");
        String s = preprocess(text);
        List<String> words = new ArrayList<>();
        Matcher m = pattern.matcher(s);
        boolean scope = false;
        int previousEnd = 0;
        while (m.find()) {
            String token = m.group();
            if (negation) {
                if (scope && containsAny(s, previousEnd, m.start())) {
                    scope = false;
                }
                previousEnd = m.end();
                if (token.regionMatches(true, 0, NEGATION_PREFIX, 0, NEGATION_PREFIX.length())) {
                    token = NEGATION_PREFIX + token.substring(NEGATION_PREFIX.length());
                } else {
                    boolean cue = NEGATION_WORDS.contains(token.toLowerCase(Locale.ROOT))
                            || token.toLowerCase(Locale.ROOT).endsWith("n't") || s.startsWith("'t", m.end())
                            || s.startsWith("\u2019t", m.end());
                    if (scope) {
                        token = NEGATION_PREFIX + token;
                    }
                    scope |= cue;
                }
            }
            words.add(token);
        }
        if (ngrams == 1 || words.size() < 2) {
            return Collections.unmodifiableList(words);
        }
        List<String> out = new ArrayList<>(words);
        StringBuilder sb = new StringBuilder();
        for (int n = 2; n <= Math.min(ngrams, words.size()); n++) {
            for (int i = 0; i + n <= words.size(); i++) {
                sb.setLength(0);
                sb.append(words.get(i));
                for (int k = 1; k < n; k++) {
                    sb.append(' ').append(words.get(i + k));
                }
                out.add(sb.toString());
            }
        }
        return Collections.unmodifiableList(out);
    }

    /** Whether {@code s[from, to)} holds a clause punctuation mark. */
    private static boolean containsAny(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (CLAUSE_PUNCTUATION.indexOf(s.charAt(i)) >= 0) {
                return true;
            }
        }
        return false;
    }

    private String preprocess(String text) {
        String s = text;
        if (normalize) {
            s = Normalizer.normalize(s, Normalizer.Form.NFKC);
        }
        if (lowercase) {
            String lower = s.toLowerCase(Locale.ROOT);
            if (normalize && !lower.equals(s)) {
                lower = Normalizer.normalize(lower, Normalizer.Form.NFKC);
            }
            s = lower;
        }
        return s;
    }

    private static Pattern compile(String regex) {
        try {
            return Pattern.compile(regex, Pattern.UNICODE_CHARACTER_CLASS);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("tokenPattern must be a valid regular expression, found " + regex, e);
        }
    }

    /**
     * Whether NFKC normalization is applied.
     *
     * @return true if NFKC runs first
     */
    public boolean normalize() {
        return normalize;
    }

    /**
     * Whether the text is lower-cased.
     *
     * @return true if lower-casing is on
     */
    public boolean lowercase() {
        return lowercase;
    }

    /**
     * The token pattern as given.
     *
     * @return the regular expression
     */
    public String tokenPattern() {
        return tokenPattern;
    }

    /**
     * The largest n-gram length.
     *
     * @return N of {@code ngram_range=(1, N)}
     */
    public int ngrams() {
        return ngrams;
    }

    /**
     * Whether negation scopes are marked.
     *
     * @return true if tokens after a negation cue get {@value #NEGATION_PREFIX}
     */
    public boolean negation() {
        return negation;
    }

    /**
     * Lists every setting, e.g. {@code Tokenizer{normalize=true, lowercase=true, tokenPattern=(?u)\b\w\w+\b,
     * ngrams=1, negation=false}}.
     *
     * @return the description
     */
    @Override
    public String toString() {
        return "Tokenizer{normalize=" + normalize + ", lowercase=" + lowercase + ", tokenPattern=" + tokenPattern
                + ", ngrams=" + ngrams + ", negation=" + negation + "}";
    }

    /** Mutable, single-threaded builder of a {@link Tokenizer}. */
    public static final class Builder {
        private boolean normalize = true;
        private boolean lowercase = true;
        private String tokenPattern = DEFAULT_TOKEN_PATTERN;
        private int ngrams = 1;
        private boolean negation = false;

        private Builder() {
        }

        /**
         * Sets whether negation scopes are marked with {@value Tokenizer#NEGATION_PREFIX} (see the class
         * description). Default false.
         *
         * @param negation true to mark negation scopes
         * @return this builder
         */
        public Builder negation(boolean negation) {
            this.negation = negation;
            return this;
        }

        /**
         * Sets whether NFKC normalization runs first. Default true.
         *
         * @param normalize true to normalize
         * @return this builder
         */
        public Builder normalize(boolean normalize) {
            this.normalize = normalize;
            return this;
        }

        /**
         * Sets whether text is lower-cased. Default true.
         *
         * @param lowercase true to lower-case
         * @return this builder
         */
        public Builder lowercase(boolean lowercase) {
            this.lowercase = lowercase;
            return this;
        }

        /**
         * Sets the token pattern; every match is a token. Default {@value Tokenizer#DEFAULT_TOKEN_PATTERN}.
         *
         * @param tokenPattern a regular expression
         * @return this builder
         * @throws IllegalArgumentException if the pattern does not compile
         */
        public Builder tokenPattern(String tokenPattern) {
            Objects.requireNonNull(tokenPattern, "tokenPattern");
            compile(tokenPattern);
            this.tokenPattern = tokenPattern;
            return this;
        }

        /**
         * Sets the largest word n-gram length N (all n-grams for n = 1..N are produced). Default 1.
         *
         * @param ngrams N, at least 1
         * @return this builder
         * @throws IllegalArgumentException if {@code ngrams < 1}
         */
        public Builder ngrams(int ngrams) {
            ParamChecks.atLeast("ngrams", ngrams, 1);
            this.ngrams = ngrams;
            return this;
        }

        /**
         * Builds the tokenizer; the builder is not changed.
         *
         * @return a new immutable tokenizer
         */
        public Tokenizer build() {
            return new Tokenizer(this);
        }
    }
}
