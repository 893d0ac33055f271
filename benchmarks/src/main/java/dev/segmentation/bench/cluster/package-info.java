/**
 * JMH benchmarks of {@code dev.segmentation.cluster}, side by side with peers in the same run: commons-math's
 * {@code KMeansPlusPlusClusterer} (default build) and Smile 3.1.1 (GPL, only with {@code -Ppeers}; its adapters
 * live in {@code src/peers/java} and are found by class name). Data come from the files scikit-learn's side also
 * reads ({@code /tmp/peers-data}, written by {@code ../shared/bench/gen_peer_data.py}) so both read the same
 * bytes; when a file is absent, uniform data from a fixed seed are generated instead.
 */
package dev.segmentation.bench.cluster;
