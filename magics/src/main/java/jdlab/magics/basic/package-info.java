/** The everyday magics that need nothing but the kernel: listing, help, files. */
package jdlab.magics.basic;
