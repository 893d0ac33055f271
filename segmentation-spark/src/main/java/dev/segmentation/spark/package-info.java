/**
 * The library's features and models computed inside Apache Spark: {@link dev.segmentation.spark.SparkIngest}
 * reads transaction lines from a {@code Dataset<Row>} with the single-JVM cleaning rules,
 * {@link dev.segmentation.spark.SparkFeatures} computes per-customer features and BTYD summaries grouped by
 * customer, and {@link dev.segmentation.spark.SparkBtyd} fits BG/NBD, MBG/NBD and Pareto/NBD from a histogram
 * merged over partitions and scores customers with a broadcast model. {@link dev.segmentation.spark.SparkKMeans}
 * runs Lloyd's algorithm as {@link dev.segmentation.cluster.LloydStats} over fixed chunks of rows in id order and
 * {@link dev.segmentation.spark.SparkGammaGamma} fits the spend model from merged
 * {@link dev.segmentation.clv.GammaGammaStats}; both return the ordinary model classes.
 * {@link dev.segmentation.spark.SparkScoring}
 * scores customers with a saved pipeline bundle (the columns of {@code customers.csv}),
 * {@link dev.segmentation.spark.SparkChurnLabels} labels churn at a cut-off and
 * {@link dev.segmentation.spark.SparkItemKnn} fits item kNN from co-occurrence sums.
 * {@link dev.segmentation.spark.SparkLogisticRegression} runs the logistic trainer's solvers with every data pass
 * as {@link dev.segmentation.churn.LogisticStats} over fixed chunks of rows in id order.
 * {@link dev.segmentation.spark.SparkSegmentation} chains them into the fluent pipeline of
 * {@link dev.segmentation.pipeline.Segmentation} (features, RFM scores, k-means segments, lifetime value, churn,
 * segment summaries from aggregates) and returns a {@link dev.segmentation.spark.SparkSegmentationResult}: the
 * per-customer Dataset with the columns of {@code customers.csv} and a model bundle the single JVM scores.
 *
 * <p>Spark is a {@code provided} dependency (Spark 4 for Scala 2.13): a cluster's own Spark is used. Results
 * equal the single-JVM ones on the same rows and do not depend on the number of partitions: the per-partition
 * work calls the single-JVM code, and partial statistics are merged in partition index order. Models travel to
 * executors as their versioned JSON ({@link dev.segmentation.persist.ModelJson}), never by Java serialization.
 * Every Spark job carries a description naming its stage (for example {@code lifetime value: BG/NBD histogram}).
 */
package dev.segmentation.spark;
