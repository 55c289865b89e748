// Conversions between float32 and the 16-bit formats safetensors and GGUF store, with
// round-to-nearest-even as PyTorch and NumPy do.
const scratch = new DataView(new ArrayBuffer(4));

function float32Bits(value: number): number {
  scratch.setFloat32(0, value, true);
  return scratch.getUint32(0, true);
}

function bitsToFloat32(bits: number): number {
  scratch.setUint32(0, bits >>> 0, true);
  return scratch.getFloat32(0, true);
}

/** bfloat16 keeps the top 16 bits of a float32, rounded to nearest even; NaN stays NaN. */
export function float32ToBfloat16(values: Float32Array): Uint16Array {
  const out = new Uint16Array(values.length);
  for (let index = 0; index < values.length; index++) {
    const bits = float32Bits(values[index] as number);
    if ((bits & 0x7fffffff) > 0x7f800000) {
      out[index] = (bits >>> 16) | 0x0040;
      continue;
    }
    const rounding = 0x7fff + ((bits >>> 16) & 1);
    out[index] = ((bits + rounding) >>> 16) & 0xffff;
  }
  return out;
}

/** Widens bfloat16 bits to float32 (exactly: bfloat16 is the top half of a float32). */
export function bfloat16ToFloat32(values: Uint16Array): Float32Array {
  const out = new Float32Array(values.length);
  for (let index = 0; index < values.length; index++)
    out[index] = bitsToFloat32((values[index] as number) << 16);
  return out;
}

/** IEEE 754 half precision, round to nearest even, with subnormals, infinities and NaN. */
export function float32ToFloat16(values: Float32Array): Uint16Array {
  const out = new Uint16Array(values.length);
  for (let index = 0; index < values.length; index++) out[index] = toHalf(values[index] as number);
  return out;
}

function toHalf(value: number): number {
  const bits = float32Bits(value);
  const sign = (bits >>> 16) & 0x8000;
  const exponent = (bits >>> 23) & 0xff;
  let mantissa = bits & 0x7fffff;
  if (exponent === 0xff) return sign | 0x7c00 | (mantissa === 0 ? 0 : 0x200);
  const halfExponent = exponent - 127 + 15;
  if (halfExponent >= 0x1f) return sign | 0x7c00;
  if (halfExponent <= 0) {
    if (halfExponent < -10) return sign;
    mantissa |= 0x800000;
    const shift = 14 - halfExponent;
    const half = mantissa >>> shift;
    const remainder = mantissa & ((1 << shift) - 1);
    const halfway = 1 << (shift - 1);
    return (
      sign | (half + (remainder > halfway || (remainder === halfway && (half & 1) === 1) ? 1 : 0))
    );
  }
  const half = (halfExponent << 10) | (mantissa >>> 13);
  const remainder = mantissa & 0x1fff;
  // A carry out of the mantissa correctly bumps the exponent (up to infinity).
  return sign | (half + (remainder > 0x1000 || (remainder === 0x1000 && (half & 1) === 1) ? 1 : 0));
}

/**
 * Widens IEEE 754 half-precision bits to float32 exactly, subnormals, infinities and NaN included.
 */
export function float16ToFloat32(values: Uint16Array): Float32Array {
  const out = new Float32Array(values.length);
  for (let index = 0; index < values.length; index++) {
    const half = values[index] as number;
    const sign = half & 0x8000 ? -1 : 1;
    const exponent = (half >>> 10) & 0x1f;
    const mantissa = half & 0x3ff;
    out[index] =
      exponent === 0
        ? sign * mantissa * 2 ** -24
        : exponent === 0x1f
          ? mantissa === 0
            ? sign * Number.POSITIVE_INFINITY
            : Number.NaN
          : sign * (1 + mantissa / 1024) * 2 ** (exponent - 15);
  }
  return out;
}
