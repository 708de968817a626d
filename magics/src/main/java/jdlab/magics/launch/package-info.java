/**
 * {@code %%launch} and {@code %spark}: a cell run on N workers gang-scheduled by Apache Spark
 * (embedded in the kernel by default, a cluster by URL). Spark is shipped in lib/spark/ and loaded on
 * first use by {@link jdlab.magics.launch.SparkRuntime}; nothing here links to it.
 */
package jdlab.magics.launch;
