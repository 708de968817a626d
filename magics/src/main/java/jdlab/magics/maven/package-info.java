/**
 * {@code %maven}, {@code %mavenRepo} and IJava's {@code %%loadFromPOM}: Maven artifacts resolved with
 * Maven's own resolver (through MIMA) and added to the session's class path.
 *
 * <p>The magics themselves load no resolver class: {@link jdlab.magics.maven.MavenResolver} is made on the
 * first {@code %maven}, so the kernel starts as fast as without them. The libraries the kernel lends to
 * cells and the artifacts added earlier keep their versions; a request for another version is reported,
 * never mixed in. Another DJL engine, and SLF4J 1 logging bindings, are refused in one line each.
 */
package jdlab.magics.maven;
