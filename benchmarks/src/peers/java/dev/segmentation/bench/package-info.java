/** Peer adapters (Smile, Spark) compiled only under the {@code peers} Maven profile. */
package dev.segmentation.bench;
