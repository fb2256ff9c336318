// The element type of the matrix-product core, in one place: its workgroup tiles, accumulators and
// operand reads all use it. f32 today; an f16 variant can follow where the adapter has `shader-f16`
// (this machine's SwiftShader adapter does not), with the buffers' dtype to match.

export const ELEMENT = 'f32';
