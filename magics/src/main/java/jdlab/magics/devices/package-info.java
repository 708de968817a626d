/** {@code %devices} (and {@code %gpu}): the deep-learning engine, the CPU threads and the GPUs it can use. */
package jdlab.magics.devices;
