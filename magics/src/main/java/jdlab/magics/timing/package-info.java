/** IPython's timing magics: {@code %time} runs code once, {@code %timeit} many times with statistics. */
package jdlab.magics.timing;
