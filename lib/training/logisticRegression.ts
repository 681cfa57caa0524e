/**
 * A logistic regression fitted by full-batch gradient descent with L2 on standardised
 * features, from zero weights: the same data gives the same model on every run and machine
 * (there is nothing random to seed). No maintained JavaScript library fits one with
 * standardisation we can export to ONNX; the fit is thirty lines and its exported form is
 * checked against onnxruntime in the tests.
 */
export interface LogisticRegressionOptions {
  readonly iterations: number;
  readonly learningRate: number;
  readonly l2: number;
}

export const DEFAULT_LOGISTIC_REGRESSION: LogisticRegressionOptions = Object.freeze({ iterations: 800, learningRate: 0.5, l2: 0.001 });

/** Parameters rounded to float32, as the checkpoint stores them: predict() is the checkpoint's arithmetic. */
export interface LogisticRegressionModel {
  readonly mean: readonly number[];
  readonly deviation: readonly number[];
  readonly weights: readonly number[];
  readonly bias: number;
}

export function fitLogisticRegression(rows: readonly Float64Array[], labels: readonly (0 | 1)[], options: LogisticRegressionOptions): LogisticRegressionModel {
  const n = rows.length;
  const width = rows[0]?.length ?? 0;
  if (n === 0 || width === 0) throw new RangeError('no training rows');
  const mean = new Array<number>(width).fill(0);
  const deviation = new Array<number>(width).fill(0);
  for (const row of rows) for (let j = 0; j < width; j++) mean[j] = (mean[j] as number) + (row[j] as number) / n;
  for (const row of rows) for (let j = 0; j < width; j++) deviation[j] = (deviation[j] as number) + ((row[j] as number) - (mean[j] as number)) ** 2 / n;
  const roundedMean = mean.map(Math.fround);
  // A constant column would divide by zero: it is scaled by 1 and its weight stays near 0.
  const roundedDeviation = deviation.map((v) => Math.fround(Math.sqrt(v) > 0 ? Math.sqrt(v) : 1));
  const scaled = rows.map((row) => Float64Array.from(row, (v, j) => (v - (roundedMean[j] as number)) / (roundedDeviation[j] as number)));

  const weights = new Float64Array(width);
  let bias = 0;
  const gradient = new Float64Array(width);
  for (let iteration = 0; iteration < options.iterations; iteration++) {
    gradient.fill(0);
    let biasGradient = 0;
    for (let i = 0; i < n; i++) {
      const x = scaled[i] as Float64Array;
      let z = bias;
      for (let j = 0; j < width; j++) z += (weights[j] as number) * (x[j] as number);
      const error = 1 / (1 + Math.exp(-z)) - (labels[i] as number);
      biasGradient += error;
      for (let j = 0; j < width; j++) gradient[j] = (gradient[j] as number) + error * (x[j] as number);
    }
    for (let j = 0; j < width; j++) weights[j] = (weights[j] as number) - options.learningRate * ((gradient[j] as number) / n + options.l2 * (weights[j] as number));
    bias -= (options.learningRate * biasGradient) / n;
  }
  return { mean: roundedMean, deviation: roundedDeviation, weights: Array.from(weights, Math.fround), bias: Math.fround(bias) };
}

/** pWin for one row of raw features (rounded to float32, as the strategy feeds them). */
export function predict(model: LogisticRegressionModel, row: ArrayLike<number>): number {
  let z = model.bias;
  for (let j = 0; j < model.weights.length; j++) {
    z += (model.weights[j] as number) * ((Math.fround(row[j] as number) - (model.mean[j] as number)) / (model.deviation[j] as number));
  }
  return 1 / (1 + Math.exp(-z));
}
