/**
 * Export of trained DJL networks: to ONNX, written from the blocks notebooks build with plain DJL
 * calls and proved equal in ONNX Runtime before the file is put in place, with an int8 variant on
 * request.
 */
package jdlab.export;
