package dev.segmentation.bench.targeting;

import dev.segmentation.targeting.Campaign;
import dev.segmentation.targeting.CampaignPlan;
import dev.segmentation.targeting.CampaignPlanner;
import dev.segmentation.targeting.PlanAlgorithm;
import dev.segmentation.targeting.TargetCustomer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * {@link CampaignPlanner#plan} on {@code n} random customers (5 segments, churn, CLV, recency) and four
 * campaigns with whole-unit costs 1 to 4, budget 2,000 units, cost resolution 1: the Lagrangian solver against
 * the exact dynamic program (O(n x 2,001) time and bytes). There is no peer library for this multiple-choice
 * knapsack; the JMH result's {@code expectedProfit} is also sent to the Blackhole so both paths are computed.
 *
 * <p>Run:
 * <pre>
 * mvn -B -q -o -pl benchmarks -am package -DskipTests
 * java -jar benchmarks/target/benchmarks.jar CampaignPlan -f 1 -wi 3 -i 5
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
@Warmup(iterations = 3)
@Measurement(iterations = 5)
public class CampaignPlanBenchmark {
    @Param({"10000", "100000"})
    public int n;

    @Param({"LAGRANGIAN", "EXACT"})
    public String impl;

    private List<TargetCustomer> customers;
    private CampaignPlanner planner;

    @Setup(Level.Trial)
    public void setUp() {
        SplittableRandom r = new SplittableRandom(42);
        customers = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            customers.add(TargetCustomer.builder("C" + i).segment("s" + r.nextInt(5)).churnProbability(r.nextDouble())
                    .clv(r.nextDouble() * 300).recencyDays(r.nextInt(365)).optedOut(r.nextInt(50) == 0).build());
        }
        List<Campaign> campaigns = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            Campaign.Builder b = Campaign.builder("offer" + k).costPerContact(1 + k).valuePerResponse(20 + 15 * k);
            for (int s = 0; s < 5; s++) {
                b.response("s" + s, 0.02 + 0.1 * r.nextDouble());
            }
            campaigns.add(b.build());
        }
        campaigns.add(Campaign.builder("save").costPerContact(4).retention(0.3).churnBand(0.4, 1).build());
        planner = CampaignPlanner.builder().campaigns(campaigns).budget(2000).costResolution(1.0)
                .algorithm(PlanAlgorithm.valueOf(impl)).build();
    }

    @Benchmark
    public void plan(Blackhole bh) {
        CampaignPlan p = planner.plan(customers);
        bh.consume(p.expectedProfit());
        bh.consume(p);
    }
}
