package dev.segmentation.persist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.segmentation.Provenance;
import java.util.HexFormat;
import java.util.Map;

/**
 * The {@code provenance} object of format version 2 (see {@code package-info.java}). Package-private: not API.
 */
final class ProvenanceCodec {
    private ProvenanceCodec() {
    }

    static void write(Provenance p, ObjectNode out) {
        out.put("trainer", p.trainer());
        ObjectNode settings = out.putObject("settings");
        p.settings().forEach(settings::put);
        out.put("libraryVersion", p.libraryVersion());
        if (p.rows().isPresent()) {
            out.put("rows", p.rows().getAsLong());
        } else {
            out.putNull("rows");
        }
        ArrayNode columns = out.putArray("columns");
        p.columns().forEach(columns::add);
        if (p.dataFingerprint().isPresent()) {
            out.put("dataFingerprint", HexFormat.of().toHexDigits(p.dataFingerprint().getAsLong()));
        } else {
            out.putNull("dataFingerprint");
        }
        if (p.iterations().isPresent()) {
            out.put("iterations", p.iterations().getAsLong());
        } else {
            out.putNull("iterations");
        }
        out.put("convergence", p.convergence().name());
        out.put("stopReason", p.stopReason());
        ArrayNode history = out.putArray("objectiveHistory");
        for (double v : p.objectiveHistory()) {
            if (Double.isFinite(v)) {
                history.add(v);
            } else {
                history.addNull();
            }
        }
    }

    static Provenance read(Doc d) {
        String trainer = d.text("trainer");
        Provenance.Builder b = trainer.isEmpty() ? Provenance.builder(Provenance.UNKNOWN)
                : Provenance.named(trainer);
        for (Map.Entry<String, String> e : d.textMembers("settings").entrySet()) {
            b.setting(e.getKey(), e.getValue());
        }
        b.libraryVersion(d.text("libraryVersion"));
        long rows = d.longOrNull("rows");
        if (rows >= 0) {
            b.rows(rows);
        }
        b.columns(d.strings("columns"));
        JsonNode fp = d.node.get("dataFingerprint");
        if (fp == null) {
            d.text("dataFingerprint"); // refuses: missing
        } else if (!fp.isNull()) {
            String hex = d.text("dataFingerprint");
            if (!hex.matches("[0-9a-f]{16}")) {
                throw d.fail(d.at("dataFingerprint"), "16 lower-case hexadecimal digits or null", fp);
            }
            b.dataFingerprint(HexFormat.fromHexDigitsToLong(hex));
        }
        b.convergence(d.longOrNull("iterations"), d.enumValue("convergence", Provenance.Convergence.class));
        String reason = d.text("stopReason");
        if (!reason.isEmpty()) {
            b.stopReason(reason);
        }
        b.objectiveHistory(d.doublesOrNull("objectiveHistory"));
        return b.build();
    }
}
