/**
 * The Jupyter wire protocol: signed multipart messages over ZeroMQ sockets.
 *
 * <p>The connection file is read with JJava's {@code KernelConnectionProperties} and signatures
 * are computed with its {@code HMACGenerator}; the channel layer is our own because JJava's polls
 * and sleeps 50 ms per turn, compares signatures with {@code String.equals}, and lets one forged
 * message end a channel's thread. Here one thread owns every socket, wakes only on traffic, and
 * drops bad messages with a log line.
 */
package jdlab.kernel.protocol;
