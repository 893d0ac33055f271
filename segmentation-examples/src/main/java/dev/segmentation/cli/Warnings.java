package dev.segmentation.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The warnings of one command: each is printed at once to stderr as one line {@code warning: <text>} and
 * listed in the command's JSON as {@code "warnings": ["<text>", ...]} (present, possibly empty, in every
 * command that can warn). Single-threaded; one per command.
 */
final class Warnings {
    private final PrintWriter err;
    private final List<String> texts = new ArrayList<>();

    Warnings(PrintWriter err) {
        this.err = err;
    }

    /** Adds a warning and prints it to stderr. */
    void add(String text) {
        String t = text.replace('\n', ' ').replace('\r', ' ');
        texts.add(t);
        err.println("warning: " + t);
        err.flush();
    }

    /** Adds every warning of a list (e.g. a library result's {@code warnings()}). */
    void addAll(Collection<String> more) {
        for (String t : more) {
            add(t);
        }
    }

    /** The warnings so far, in order. */
    List<String> list() {
        return List.copyOf(texts);
    }

    /** Puts {@code "warnings"} into a JSON object. */
    void putInto(Map<String, Object> json) {
        json.put("warnings", list());
    }
}
