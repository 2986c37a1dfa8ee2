// Logistic regression for the matcher's fit: L2-regularised, on standardised features, fitted by Newton's method
// (iteratively reweighted least squares) so that the same data gives the same weights on every run.
import type { Regression } from '../../src/knowledge/matcher/model.js';

export function fitRegression(
  names: readonly string[],
  rows: number[][],
  labels: number[],
  weights: number[],
  l2 = 1e-2,
  iterations = 30,
): Regression {
  const d = names.length;
  const total = weights.reduce((a, b) => a + b, 0);
  const mean = names.map((_, j) => rows.reduce((a, x, i) => a + weights[i]! * x[j]!, 0) / total);
  const scale = names.map((_, j) => Math.sqrt(rows.reduce((a, x, i) => a + weights[i]! * (x[j]! - mean[j]!) ** 2, 0) / total) || 1);
  // Standardised rows with a leading 1 for the bias.
  const z = rows.map((x) => [1, ...x.map((v, j) => (v - mean[j]!) / scale[j]!)]);
  const beta = new Array<number>(d + 1).fill(0);
  for (let it = 0; it < iterations; it++) {
    const gradient = new Array<number>(d + 1).fill(0);
    const hessian = Array.from({ length: d + 1 }, () => new Array<number>(d + 1).fill(0));
    z.forEach((x, i) => {
      let s = 0;
      for (let j = 0; j <= d; j++) s += beta[j]! * x[j]!;
      const p = 1 / (1 + Math.exp(-s));
      const w = weights[i]! / total;
      const e = (p - labels[i]!) * w;
      const h = p * (1 - p) * w;
      for (let j = 0; j <= d; j++) {
        gradient[j] = gradient[j]! + e * x[j]!;
        const row = hessian[j]!;
        const hx = h * x[j]!;
        for (let k = j; k <= d; k++) row[k] = row[k]! + hx * x[k]!;
      }
    });
    for (let j = 1; j <= d; j++) {
      gradient[j] = gradient[j]! + l2 * beta[j]!;
      hessian[j]![j] = hessian[j]![j]! + l2;
    }
    for (let j = 0; j <= d; j++) for (let k = 0; k < j; k++) hessian[j]![k] = hessian[k]![j]!;
    const step = solve(hessian, gradient);
    let moved = 0;
    for (let j = 0; j <= d; j++) {
      beta[j] = beta[j]! - step[j]!;
      moved = Math.max(moved, Math.abs(step[j]!));
    }
    if (moved < 1e-9) break;
  }
  return { features: [...names], mean: mean.map(round), scale: scale.map(round), weights: beta.slice(1).map(round), bias: round(beta[0]!) };
}

/** Six decimals: enough for the model, and the file reads the same on every machine. */
export const round = (v: number) => Math.round(v * 1e6) / 1e6;

/** Solves A x = b for a symmetric positive definite A (Cholesky). */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const l = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = a[i]![j]!;
      for (let k = 0; k < j; k++) sum -= l[i]![k]! * l[j]![k]!;
      l[i]![j] = i === j ? Math.sqrt(Math.max(sum, 1e-12)) : sum / l[j]![j]!;
    }
  }
  const y = new Array<number>(n).fill(0);
  for (let i = 0; i < n; i++) {
    let sum = b[i]!;
    for (let k = 0; k < i; k++) sum -= l[i]![k]! * y[k]!;
    y[i] = sum / l[i]![i]!;
  }
  const x = new Array<number>(n).fill(0);
  for (let i = n - 1; i >= 0; i--) {
    let sum = y[i]!;
    for (let k = i + 1; k < n; k++) sum -= l[k]![i]! * x[k]!;
    x[i] = sum / l[i]![i]!;
  }
  return x;
}
