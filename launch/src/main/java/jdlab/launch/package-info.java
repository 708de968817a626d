/**
 * Everything that links against Spark, loaded on the first {@code %%launch} or {@code %spark} from
 * lib/spark/ under the cells' class loader; the magics reach it through {@link jdlab.launch.SparkEntry}
 * with JDK types only, so the kernel never links to Spark.
 */
package jdlab.launch;
