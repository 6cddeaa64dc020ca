/** Writes the gradient of the objective at `x` into `gradient` and returns its value. */
export type Objective = (x: Float64Array, gradient: Float64Array) => number;

/** Curvature pairs kept: enough for smooth convex objectives such as regularised log-loss. */
const MEMORY = 8;
/**
 * Stop after this many iterations, or when no coordinate of the gradient is larger than the
 * tolerance (default 1e-4): scikit-learn's defaults for its lbfgs logistic regression (max_iter,
 * tol), whose objective is scaled like ours (a mean log-loss). Tighter, decisions barely change and
 * weak penalties cost several times as long.
 */
const MAX_ITERATIONS = 100;
export const DEFAULT_GRADIENT_TOLERANCE = 1e-4;
/** ... or when an iteration lowers the objective by less than this share of it. */
const RELATIVE_DECREASE_TOLERANCE = 1e-10;
/** Armijo condition: a step must achieve this share of the decrease the slope promises. */
const SUFFICIENT_DECREASE = 1e-4;
const MAX_HALVINGS = 40;

function dot(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i]! * b[i]!;
  return sum;
}

/**
 * Limited-memory BFGS with a backtracking line search, for smooth convex objectives. Deterministic:
 * the same start gives the same minimum on every machine, unlike stochastic gradient descent whose
 * last steps leave the intercept wherever the last few examples pushed it. Minimises from `start`
 * (modified in place) and returns it.
 */
export function minimise(objective: Objective, start: Float64Array, gradientTolerance = DEFAULT_GRADIENT_TOLERANCE): Float64Array {
  const n = start.length;
  let x = start;
  let gradient: Float64Array = new Float64Array(n);
  let value = objective(x, gradient);
  let next: Float64Array = new Float64Array(n);
  let nextGradient: Float64Array = new Float64Array(n);
  const direction = new Float64Array(n);
  const steps: Float64Array[] = [];
  const changes: Float64Array[] = [];
  /** 1 / (step · change) of each stored pair. */
  const inverseCurvatures: number[] = [];
  const alphas = new Float64Array(MEMORY);
  for (let iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
    let largest = 0;
    for (let i = 0; i < n; i++) largest = Math.max(largest, Math.abs(gradient[i]!));
    if (largest < gradientTolerance) break;
    // Two-loop recursion: direction = -H·gradient, H the inverse Hessian estimate of the stored pairs.
    direction.set(gradient);
    for (let m = steps.length - 1; m >= 0; m--) {
      alphas[m] = dot(steps[m]!, direction) * inverseCurvatures[m]!;
      for (let i = 0; i < n; i++) direction[i] = direction[i]! - alphas[m]! * changes[m]![i]!;
    }
    const last = steps.length - 1;
    // Without curvature yet, the first step is scaled to move no coordinate by more than 1.
    const scale = last >= 0 ? 1 / (inverseCurvatures[last]! * dot(changes[last]!, changes[last]!)) : 1 / largest;
    for (let i = 0; i < n; i++) direction[i] = direction[i]! * scale;
    for (let m = 0; m < steps.length; m++) {
      const beta = dot(changes[m]!, direction) * inverseCurvatures[m]!;
      for (let i = 0; i < n; i++) direction[i] = direction[i]! + (alphas[m]! - beta) * steps[m]![i]!;
    }
    for (let i = 0; i < n; i++) direction[i] = -direction[i]!;
    const slope = dot(gradient, direction);
    if (!(slope < 0)) break;
    let step = 1;
    let nextValue = Infinity;
    for (let halving = 0; halving <= MAX_HALVINGS; halving++, step /= 2) {
      for (let i = 0; i < n; i++) next[i] = x[i]! + step * direction[i]!;
      nextValue = objective(next, nextGradient);
      if (nextValue <= value + SUFFICIENT_DECREASE * step * slope) break;
    }
    if (!(nextValue <= value + SUFFICIENT_DECREASE * step * slope)) break;
    const stepTaken = new Float64Array(n);
    const change = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      stepTaken[i] = next[i]! - x[i]!;
      change[i] = nextGradient[i]! - gradient[i]!;
    }
    // Only pairs with positive curvature keep the estimate positive definite.
    const curvature = dot(stepTaken, change);
    if (curvature > 1e-12) {
      steps.push(stepTaken);
      changes.push(change);
      inverseCurvatures.push(1 / curvature);
      if (steps.length > MEMORY) {
        steps.shift();
        changes.shift();
        inverseCurvatures.shift();
      }
    }
    const decrease = value - nextValue;
    [x, next] = [next, x];
    [gradient, nextGradient] = [nextGradient, gradient];
    value = nextValue;
    if (decrease <= RELATIVE_DECREASE_TOLERANCE * Math.max(1, Math.abs(value))) break;
  }
  if (x !== start) start.set(x);
  return start;
}
