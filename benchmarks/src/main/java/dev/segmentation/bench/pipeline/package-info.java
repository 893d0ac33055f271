/** JMH benchmarks of the whole {@link dev.segmentation.pipeline.Segmentation} pipeline. */
package dev.segmentation.bench.pipeline;
