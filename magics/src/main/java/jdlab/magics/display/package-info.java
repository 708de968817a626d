/** Cell magics that show their body as a MIME type: HTML, Markdown, LaTeX, JavaScript. */
package jdlab.magics.display;
