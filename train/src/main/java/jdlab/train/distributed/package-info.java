/** What the ranks of a data-parallel launch share: {@link jdlab.train.distributed.Collective}. */
package jdlab.train.distributed;
