/** Jars and class folders added to the session while it runs. */
package jdlab.magics.classpath;
