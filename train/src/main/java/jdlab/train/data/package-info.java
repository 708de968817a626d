/**
 * Data for training, held in memory as {@link jdlab.train.data.Examples}: MNIST-style idx files
 * ({@link jdlab.train.data.Mnist}), scikit-learn's 8x8 digits ({@link jdlab.train.data.Digits}) and
 * Tablesaw tables ({@link jdlab.train.data.TableEncoder}), all read from local files, never fetched.
 */
package jdlab.train.data;
