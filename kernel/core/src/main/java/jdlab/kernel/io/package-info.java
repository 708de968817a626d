/**
 * The cell's standard streams: output coalesced and capped on its way to IOPub, input asked of the
 * client, and {@code System.exit} refused.
 */
package jdlab.kernel.io;
