// Small dense symmetric positive-definite systems (a few covariates): Cholesky
// factorisation, solve and inverse on row-major Float64Arrays.

/** Cholesky factor L (lower, row-major) of the p×p matrix `a`, or null when not positive definite. */
export function cholesky(a: Float64Array, p: number): Float64Array | null {
  const l = new Float64Array(p * p);
  for (let i = 0; i < p; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = a[i * p + j] as number;
      for (let k = 0; k < j; k++) sum -= (l[i * p + k] as number) * (l[j * p + k] as number);
      if (i === j) {
        if (!(sum > 1e-12 * Math.abs(a[i * p + i] as number)) || !(sum > 0)) return null;
        l[i * p + i] = Math.sqrt(sum);
      } else {
        l[i * p + j] = sum / (l[j * p + j] as number);
      }
    }
  }
  return l;
}

/** Solves L Lᵀ x = b for x. */
export function choleskySolve(l: Float64Array, p: number, b: Float64Array): Float64Array {
  const y = new Float64Array(p);
  for (let i = 0; i < p; i++) {
    let sum = b[i] as number;
    for (let k = 0; k < i; k++) sum -= (l[i * p + k] as number) * (y[k] as number);
    y[i] = sum / (l[i * p + i] as number);
  }
  const x = new Float64Array(p);
  for (let i = p - 1; i >= 0; i--) {
    let sum = y[i] as number;
    for (let k = i + 1; k < p; k++) sum -= (l[k * p + i] as number) * (x[k] as number);
    x[i] = sum / (l[i * p + i] as number);
  }
  return x;
}

/** The inverse of a symmetric positive-definite matrix from its Cholesky factor. */
export function choleskyInverse(l: Float64Array, p: number): Float64Array {
  const inv = new Float64Array(p * p);
  const e = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    e.fill(0);
    e[j] = 1;
    const col = choleskySolve(l, p, e);
    for (let i = 0; i < p; i++) inv[i * p + j] = col[i] as number;
  }
  return inv;
}

/** a[i] += v for a typed array under noUncheckedIndexedAccess. */
export function addTo(a: Float64Array, i: number, v: number): void {
  a[i] = (a[i] as number) + v;
}
