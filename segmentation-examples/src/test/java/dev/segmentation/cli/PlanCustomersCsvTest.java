package dev.segmentation.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code plan} on the customers.csv that {@code run} writes (issue 16) and the campaign-file refusals of
 * issue 17: one column vocabulary, segments by name or id, items by code, documented tie order, pass-through
 * columns, and a plan that assigns nobody says why.
 */
class PlanCustomersCsvTest {
    @TempDir
    static Path dir;
    private static Path runCustomers;
    private static List<String> runLines;

    /** The analyst's chain: run on the simulator (800 customers), then plan on its customers.csv. */
    @BeforeAll
    static void run() throws IOException {
        Path out = dir.resolve("run");
        CliRun r = CliRun.of("run", "--customers", "800", "--k", "3", "--top-n", "4", "--out-dir", out.toString());
        assertEquals(0, r.code(), r.err());
        runCustomers = out.resolve("customers.csv");
        runLines = Files.readAllLines(runCustomers, StandardCharsets.UTF_8);
    }

    private static Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    private static CliRun plan(Path config, Path customers, Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("plan", "--config", config.toString(), "--customers",
                customers.toString(), "--out", out.toString()));
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(new String[0]));
    }

    /** segment id -> segment name in run's customers.csv. */
    private static TreeMap<String, String> segmentNames() {
        TreeMap<String, String> names = new TreeMap<>();
        for (String line : runLines.subList(1, runLines.size())) {
            String[] f = line.split(",", -1);
            names.put(f[1], f[2]);
        }
        return names;
    }

    private static String campaigns(String segmentRef) {
        return "{\"budget\": 400, \"campaigns\": [\n"
                + " {\"name\": \"save\", \"costPerContact\": 2, \"retention\": 0.3, \"churnBand\": [0.3, 1]},\n"
                + " {\"name\": \"promo\", \"costPerContact\": 1, \"valuePerResponse\": 30, \"defaultResponse\": 0.05,\n"
                + "  \"response\": {" + segmentRef + ": 0.2}, \"eligibleSegments\": [" + segmentRef + "]}]}";
    }

    @Test
    void planReadsRunsCustomersCsvAsItIsAndSegmentsByNameOrId() throws IOException {
        assertEquals("customer_id,segment,segment_name,r_score,f_score,m_score,recency,frequency,monetary,p_churn,"
                + "p_alive,expected_purchases,clv,top_items", runLines.get(0));
        var names = segmentNames();
        String id = names.firstKey();
        Path byName = write("by-name.json", campaigns("\"" + names.get(id) + "\""));
        Path byId = write("by-id.json", campaigns("\"" + id + "\""));
        Path outName = dir.resolve("by-name.csv");
        Path outId = dir.resolve("by-id.csv");
        CliRun n = plan(byName, runCustomers, outName);
        assertEquals(0, n.code(), n.err());
        CliRun i = plan(byId, runCustomers, outId);
        assertEquals(0, i.code(), i.err());
        JsonNode j = n.json();
        assertTrue(j.get("assigned").asInt() > 0, j.toString());
        assertTrue(j.get("byCampaign").get("save").asInt() > 0, j.toString());
        assertEquals(0, j.get("warnings").size(), j.toString());
        assertEquals(Files.readAllLines(outId), Files.readAllLines(outName));
        assertEquals(j.get("expectedProfit"), i.json().get("expectedProfit"));
    }

    @Test
    void withoutPChurnItExitsOneNamingTheColumn() throws IOException {
        List<String> cut = new ArrayList<>();
        for (String line : runLines) {
            List<String> f = new ArrayList<>(Arrays.asList(line.split(",", -1)));
            f.remove(9); // p_churn
            cut.add(String.join(",", f));
        }
        Path cs = dir.resolve("no-churn.csv");
        Files.write(cs, cut, StandardCharsets.UTF_8);
        Path out = dir.resolve("none.csv");
        CliRun r = plan(write("save.json", campaigns("\"0\"")), cs, out);
        assertEquals(1, r.code(), r.out());
        assertEquals("error: " + cs + ":1: header must contain the column \"p_churn\" (or its alias "
                + "\"churn_probability\"), needed by campaign save (retention), found [customer_id, segment, "
                + "segment_name, r_score, f_score, m_score, recency, frequency, monetary, p_alive, "
                + "expected_purchases, clv, top_items]\n", r.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void oldColumnNamesStayAliases() throws IOException {
        Path cs = write("old.csv", "customer_id,segment,churn_probability,clv,recency_days\n"
                + "A,x,0.8,100,10\nB,x,0.2,100,200\n");
        Path cfg = write("old.json", "{\"campaigns\": [{\"name\": \"save\", \"costPerContact\": 1, "
                + "\"retention\": 0.5, \"recencyDaysBand\": [0, 30]}]}");
        CliRun r = plan(cfg, cs, dir.resolve("old-out.csv"));
        assertEquals(0, r.code(), r.err());
        assertEquals(1, r.json().get("assigned").asInt());
        assertEquals(0.8 * 0.5 * 100 - 1, r.json().get("expectedProfit").asDouble(), 1e-12);
    }

    @Test
    void anUnknownSegmentNameIsRefusedWithTheIdsAndNames() throws IOException {
        Path cfg = write("vip.json", campaigns("\"VIP\""));
        Path out = dir.resolve("vip.csv");
        CliRun r = plan(cfg, runCustomers, out);
        assertEquals(1, r.code(), r.out());
        var names = segmentNames();
        assertEquals("error: " + cfg + ": line 4, field campaigns[1].response.VIP: segment must be one of the ids "
                + names.keySet() + " or the names " + new TreeSet<>(names.values()) + ", found \"VIP\"\n", r.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void promotedItemsAreCodesCheckedAgainstTheVocabulary() throws IOException {
        String code = runLines.get(1).split(",", -1)[13].split(" ")[0];
        Path cfg = write("items.json", "{\"campaigns\": [{\"name\": \"promo\", \"costPerContact\": 1,\n"
                + " \"valuePerResponse\": 30, \"defaultResponse\": 0.1, \"items\": [\"" + code + "\"]}]}");
        Path out = dir.resolve("items.csv");
        CliRun r = plan(cfg, runCustomers, out);
        assertEquals(0, r.code(), r.err());
        assertEquals("{\"promo\":[\"" + code + "\"]}", r.json().get("promotedItems").toString());
        List<String> lines = Files.readAllLines(out);
        assertEquals("customer_id,campaign,expected_profit,reason,items", lines.get(0));
        assertTrue(lines.get(1).endsWith("," + code), lines.get(1));

        Path unknown = write("unknown-item.json", "{\"campaigns\": [{\"name\": \"promo\", \"defaultResponse\": 0.1,"
                + "\n \"items\": [20725]}]}");
        r = plan(unknown, runCustomers, dir.resolve("unknown-item.csv"));
        assertEquals(1, r.code());
        TreeSet<String> codes = new TreeSet<>();
        for (String line : runLines.subList(1, runLines.size())) {
            String top = line.split(",", -1)[13];
            if (!top.isEmpty()) {
                codes.addAll(Arrays.asList(top.split(" ")));
            }
        }
        assertEquals("error: " + unknown + ": line 2, field campaigns[0].items: item must be one of the "
                + codes.size() + " item codes in the top_items of " + runCustomers + ", found \"20725\"\n", r.err());

        Path catalog = write("catalog.csv", "item_id,description\n20725,LUNCH BAG RED RETROSPOT\n");
        r = plan(unknown, runCustomers, dir.resolve("catalog-out.csv"), "--items", catalog.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("{\"promo\":[\"20725\"]}", r.json().get("promotedItems").toString());
    }

    @Test
    void tiesGoByProfitThenClvThenIdNeverByFileOrder() throws IOException {
        // every customer is worth 0.5 x 10 - 1 = 4 to promo; the budget buys 2 contacts
        Path cfg = write("tie.json", "{\"budget\": 2, \"campaigns\": [{\"name\": \"promo\", \"costPerContact\": 1,"
                + " \"valuePerResponse\": 10, \"defaultResponse\": 0.5}]}");
        String head = "customer_id,segment,clv\n";
        String[] rows = {"D,x,50\n", "A,x,10\n", "C,x,50\n", "B,x,50\n"};
        List<String> firstOrder = null;
        for (int shift = 0; shift < rows.length; shift++) {
            StringBuilder sb = new StringBuilder(head);
            for (int k = 0; k < rows.length; k++) {
                sb.append(rows[(k + shift) % rows.length]);
            }
            Path out = dir.resolve("tie-" + shift + ".csv");
            CliRun r = plan(cfg, write("tie-" + shift + "-customers.csv", sb.toString()), out);
            assertEquals(0, r.code(), r.err());
            List<String> ids = Files.readAllLines(out).stream().skip(1).map(l -> l.split(",")[0]).toList();
            assertEquals(List.of("B", "C"), ids, "rotation " + shift);
            firstOrder = firstOrder == null ? ids : firstOrder;
            assertEquals(firstOrder, ids);
        }
        // higher expected profit first, whatever the file order: save gives 0.9 x 0.5 x 100 - 1 = 44 to Z
        Path two = write("two.json", "{\"campaigns\": [{\"name\": \"promo\", \"costPerContact\": 1, "
                + "\"valuePerResponse\": 10, \"defaultResponse\": 0.5}, {\"name\": \"save\", \"costPerContact\": 1, "
                + "\"retention\": 0.5, \"churnBand\": [0.5, 1]}]}");
        Path out = dir.resolve("two-out.csv");
        CliRun r = plan(two, write("two.csv", "customer_id,segment,clv,p_churn\nA,x,1,0\nZ,x,100,0.9\n"), out);
        assertEquals(0, r.code(), r.err());
        assertEquals(List.of("Z", "A"), Files.readAllLines(out).stream().skip(1).map(l -> l.split(",")[0]).toList());
    }

    @Test
    void keepColumnsPassNamedColumnsThrough() throws IOException {
        Path cs = write("mail.csv", "customer_id,segment,segment_name,email,clv\nA,0,Loyal,a@example.com,5\n"
                + "B,1,Lost,b@example.com,7\n");
        Path cfg = write("mail.json", "{\"campaigns\": [{\"name\": \"promo\", \"costPerContact\": 1, "
                + "\"valuePerResponse\": 10, \"defaultResponse\": 0.5, \"eligibleSegments\": [\"Lost\"]}]}");
        Path out = dir.resolve("mail-out.csv");
        CliRun r = plan(cfg, cs, out, "--keep-columns", "email,segment_name");
        assertEquals(0, r.code(), r.err());
        assertEquals(List.of("customer_id,campaign,expected_profit,reason,email,segment_name",
                "B,promo,4.0,promo: segment Lost (1) in [Lost (1)]; expected profit 0.5000 x 10.00 - 1.00 = 4.0000,"
                        + "b@example.com,Lost"), Files.readAllLines(out));
        Path bad = dir.resolve("mail-bad.csv");
        r = plan(cfg, cs, bad, "--keep-columns", "e-mail");
        assertEquals(1, r.code());
        assertEquals("error: " + cs + ":1: --keep-columns must name header columns [customer_id, segment, "
                + "segment_name, email, clv], found \"e-mail\"\n", r.err());
        assertFalse(Files.exists(bad));
    }

    /** Issue 15: the reason names segments as a marketer reads them (name and id), not by id only. */
    @Test
    void reasonNamesTheSegments() throws IOException {
        Path cs = write("names.csv", "customer_id,segment,segment_name,clv\nA,0,Champions,5\nB,3,Hibernating,7\n"
                + "C,2,\"Lapsed, high spenders\",9\nD,1,Loyal,4\n");
        Path cfg = write("names.json", "{\"campaigns\": [{\"name\": \"wake\", \"costPerContact\": 1, "
                + "\"valuePerResponse\": 10, \"defaultResponse\": 0.5, "
                + "\"eligibleSegments\": [\"Hibernating\", \"2\"]}]}");
        Path out = dir.resolve("names-out.csv");
        CliRun r = plan(cfg, cs, out);
        assertEquals(0, r.code(), r.err());
        assertEquals(List.of("customer_id,campaign,expected_profit,reason",
                "C,wake,4.0,\"wake: segment Lapsed, high spenders (2) in [Hibernating (3), Lapsed, high spenders (2)]; "
                        + "expected profit 0.5000 x 10.00 - 1.00 = 4.0000\"",
                "B,wake,4.0,\"wake: segment Hibernating (3) in [Hibernating (3), Lapsed, high spenders (2)]; expected "
                        + "profit 0.5000 x 10.00 - 1.00 = 4.0000\""), Files.readAllLines(out));
        // without a segment_name column the reason keeps the ids
        Path ids = write("ids.csv", "customer_id,segment,clv\nB,3,7\n");
        Path cfgIds = write("ids.json", "{\"campaigns\": [{\"name\": \"wake\", \"costPerContact\": 1, "
                + "\"valuePerResponse\": 10, \"defaultResponse\": 0.5, \"eligibleSegments\": [\"3\"]}]}");
        Path outIds = dir.resolve("ids-out.csv");
        assertEquals(0, plan(cfgIds, ids, outIds).code());
        assertEquals("B,wake,4.0,wake: segment 3 in [3]; expected profit 0.5000 x 10.00 - 1.00 = 4.0000",
                Files.readAllLines(outIds).get(1));
    }

    @Test
    void aPlanThatAssignsNobodySaysWhy() throws IOException {
        Path cs = write("why.csv", "customer_id,segment,p_churn,clv\nA,x,0.1,100\nB,x,0.42,50\nC,x,0.9,0\n");
        Path cfg = write("why.json", "{\"campaigns\": [\n"
                + " {\"name\": \"win-back\", \"costPerContact\": 1, \"retention\": 0.5, \"churnBand\": [0.95, 1]},\n"
                + " {\"name\": \"save\", \"costPerContact\": 30, \"retention\": 0.5, \"churnBand\": [0.4, 1]}]}");
        CliRun r = plan(cfg, cs, dir.resolve("why-out.csv"));
        assertEquals(0, r.code(), r.err());
        JsonNode j = r.json();
        assertEquals(0, j.get("assigned").asInt());
        assertEquals("[\"campaign win-back: churnBand [0.95, 1.0] matched no customer (p_churn from 0.1 to 0.9)\","
                + "\"campaign save: 2 eligible customers, none with a positive expected profit (best -19.5000)\"]",
                j.get("warnings").toString());
        assertEquals("warning: campaign win-back: churnBand [0.95, 1.0] matched no customer (p_churn from 0.1 to "
                + "0.9)\nwarning: campaign save: 2 eligible customers, none with a positive expected profit (best "
                + "-19.5000)\n", r.err());
    }

    @Test
    void campaignsWithBothKindsOrNeitherAndRepeatedKeysAreRefused() throws IOException {
        Path cs = write("k.csv", "customer_id,segment,p_churn,clv\nA,x,0.5,10\n");
        String[][] cases = {
            {"{\"campaigns\": [\n {\"name\": \"p\", \"retention\": 0.3, \"response\": {\"x\": 0.1}}]}",
                "line 2, field campaigns[0]: retention and response cannot be combined (retention: a save campaign, "
                        + "gain = churn x retention x clv; response: a response campaign), found both"},
            {"{\"campaigns\": [\n {\"name\": \"p\", \"defaultResponse\": 0.1, \"retention\": 0.3}]}",
                "line 2, field campaigns[0]: retention and defaultResponse cannot be combined (retention: a save "
                        + "campaign, gain = churn x retention x clv; defaultResponse: a response campaign), found both"},
            {"{\"campaigns\": [\n {\"name\": \"p\", \"costPerContact\": 1}]}",
                "line 2, field campaigns[0]: a campaign must have retention or response (or defaultResponse, "
                        + "responseColumn), found neither"},
            {"{\"campaigns\": [\n {\"name\": \"p\", \"retention\": 0.3, \"valuePerResponse\": 5}]}",
                "line 2, field campaigns[0]: retention and valuePerResponse cannot be combined (a save campaign's "
                        + "gain is churn x retention x clv), found both"},
            {"{\"budget\": 1,\n \"budget\": 2, \"campaigns\": []}",
                "line 2, field budget: repeated key; each key may appear once, found it twice"},
            {"{\"campaigns\": [{\"name\": \"p\", \"retention\": 0.3,\n \"name\": \"q\"}]}",
                "line 2, field campaigns[0].name: repeated key; each key may appear once, found it twice"},
            {"{\"campaigns\": [{\"name\": \"p\", \"response\": {\"x\": 0.1,\n \"x\": 0.2}}]}",
                "line 2, field campaigns[0].response.x: repeated key; each key may appear once, found it twice"},
            {"{\"budget\": 1e400, \"campaigns\": []}",
                "line 1, field budget: must be a finite number, found 1e400"},
        };
        for (String[] c : cases) {
            Path cfg = write("k.json", c[0]);
            Path out = dir.resolve("k-out.csv");
            CliRun r = plan(cfg, cs, out);
            assertEquals(1, r.code(), c[0]);
            assertEquals("error: " + cfg + ": " + c[1] + "\n", r.err(), c[0]);
            assertFalse(Files.exists(out));
        }
    }
}
