package dev.segmentation.cli;

import dev.segmentation.internal.ParamChecks;
import dev.segmentation.text.GroupThemes;
import dev.segmentation.text.ThemeTerm;
import dev.segmentation.text.Themes;
import dev.segmentation.text.Tokenizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sentiment themes}: the terms that most distinguish each group from the rest, by weighted log-odds with
 * an informative Dirichlet prior (Monroe, Colaresi and Quinn 2008). Rows with an empty text or group are
 * dropped and counted. Prints {@code groups} ({@code [{group, size, terms: [{term, z}]}]}, in group name
 * order; with {@code --label}, each group also has {@code negativeShare}, its share of label 0), {@code rows},
 * {@code droppedEmptyText} and {@code droppedEmptyGroup}.
 */
@Command(name = "themes", mixinStandardHelpOptions = true,
        description = "Distinguishing terms per group (weighted log-odds, informative Dirichlet prior) as JSON.")
final class SentimentThemesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    SentimentInput in;

    @Option(names = "--group", required = true, paramLabel = "COL", description = "The group column (name or index).")
    String group;

    @Option(names = "--top", paramLabel = "N", defaultValue = "10",
            description = "Terms per group (default ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--ngrams", paramLabel = "N", defaultValue = "2",
            description = "Word n-grams 1..N (default ${DEFAULT-VALUE}).")
    int ngrams;

    @Option(names = "--prior-weight", paramLabel = "C", defaultValue = "0.01",
            description = "Prior = C x corpus counts, finite and > 0 (default ${DEFAULT-VALUE}).")
    double priorWeight;

    @Option(names = "--label", paramLabel = "COL",
            description = "Optional 0/1 label column: adds each group's negativeShare (share of label 0).")
    String label;

    @Option(names = "--positive", paramLabel = "V", description = "The label value meaning positive (1).")
    String positive;

    @Override
    public Integer call() {
        // the options as typed (the builders would name their own parameters: priorWeight, top, ngrams)
        ParamChecks.positive("--prior-weight", priorWeight);
        ParamChecks.atLeast("--top", top, 1);
        ParamChecks.atLeast("--ngrams", ngrams, 1);
        Themes themes = Themes.builder().tokenizer(Tokenizer.builder().ngrams(ngrams).build()).top(top)
                .priorWeight(priorWeight).build();
        SentimentInput.Table t = in.read();
        int textColumn = t.column("--text", in.text);
        int groupColumn = t.column("--group", group);
        SentimentLabels labels = label == null ? null : new SentimentLabels(t, label, positive);
        List<String> texts = new ArrayList<>();
        List<String> groups = new ArrayList<>();
        List<Integer> y = new ArrayList<>();
        int emptyText = 0;
        int emptyGroup = 0;
        for (int r = 0; r < t.rows.size(); r++) {
            String text = t.get(r, textColumn);
            String g = t.get(r, groupColumn).trim();
            if (text.isBlank()) {
                emptyText++;
                continue;
            }
            if (g.isEmpty()) {
                emptyGroup++;
                continue;
            }
            texts.add(text);
            groups.add(g);
            if (labels != null) {
                y.add(labels.label(r));
            }
        }
        if (labels != null) {
            labels.finish();
        }
        List<GroupThemes> result = themes.fit(texts, groups,
                labels == null ? null : y.stream().mapToInt(Integer::intValue).toArray());
        List<Map<String, Object>> groupList = new ArrayList<>();
        for (GroupThemes g : result) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("group", g.group());
            m.put("size", g.size());
            if (labels != null) {
                m.put("negativeShare", g.negativeShare());
            }
            List<Map<String, Object>> terms = new ArrayList<>();
            for (ThemeTerm term : g.terms()) {
                Map<String, Object> tm = new LinkedHashMap<>();
                tm.put("term", term.term());
                tm.put("z", term.z());
                terms.add(tm);
            }
            m.put("terms", terms);
            groupList.add(m);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("groups", groupList);
        out.put("rows", texts.size());
        out.put("droppedEmptyText", emptyText);
        out.put("droppedEmptyGroup", emptyGroup);
        Json.print(spec.commandLine().getOut(), out);
        return 0;
    }
}
