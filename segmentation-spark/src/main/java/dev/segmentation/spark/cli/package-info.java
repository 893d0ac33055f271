/**
 * The command line for clusters: {@link dev.segmentation.spark.cli.Main}, run by {@code spark-submit} or the
 * launcher script {@code segmentation-spark/bin/segmentation-spark}, with the single-JVM commands' options,
 * exit codes and JSON fields plus {@code --master}. Not API beyond {@code Main}.
 */
package dev.segmentation.spark.cli;
