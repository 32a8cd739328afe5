// A task module: a plain ES module whose exports are the tasks a pool's workers can run.
// (Published code points the pool at the built `.js`; the tests load this `.ts` directly.)

/** Adds two numbers. */
export function add(a: number, b: number): number {
  return a + b;
}

/** Squares one number: called once per item by `pool.map`. */
export function square(x: number): number {
  return x * x;
}

/** CPU-bound work: the sum of i² for i in [from, to). */
export function sumOfSquares(from: number, to: number): number {
  let sum = 0;
  for (let i = from; i < to; i++) sum += i * i;
  return sum;
}
