/** Magics about the session itself: its variables, its imports, and starting it afresh. */
package jdlab.magics.session;
