import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;
type TensorProto = NonNullable<Parameters<typeof onnx.TensorProto.create>[0]>;
type TypeProto = NonNullable<Parameters<typeof onnx.TypeProto.create>[0]>;

export interface LogisticRegressionGraph {
  readonly inputName: string;
  readonly outputName: string;
  /** Per feature, subtracted then divided by `deviation`, inside the graph. */
  readonly mean: readonly number[];
  readonly deviation: readonly number[];
  readonly weights: readonly number[];
  readonly bias: number;
}

const FLOAT = onnx.TensorProto.DataType.FLOAT;

function tensor(name: string, dims: number[], values: readonly number[]): TensorProto {
  return { name, dims, dataType: FLOAT, floatData: [...values] };
}

function floatTensorType(dims: (number | string)[]): TypeProto {
  return {
    tensorType: {
      elemType: FLOAT,
      shape: { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) },
    },
  };
}

/**
 * The ONNX bytes of a standardised logistic regression: Sigmoid(((x − mean) / deviation) · w + b),
 * float32 input [batch, features] and output [batch, 1]. Opset 13 and IR 7, which every
 * onnxruntime since 1.8 reads.
 */
export function logisticRegressionOnnx(model: LogisticRegressionGraph): Uint8Array {
  const features = model.weights.length;
  const proto = onnx.ModelProto.create({
    irVersion: 7,
    opsetImport: [{ domain: '', version: 13 }],
    producerName: 'serverless-trader npm run train',
    graph: {
      name: 'logistic_regression',
      input: [{ name: model.inputName, type: floatTensorType(['batch', features]) }],
      output: [{ name: model.outputName, type: floatTensorType(['batch', 1]) }],
      initializer: [
        tensor('mean', [features], model.mean),
        tensor('deviation', [features], model.deviation),
        tensor('weights', [features, 1], model.weights),
        tensor('bias', [1], [model.bias]),
      ],
      node: [
        { opType: 'Sub', input: [model.inputName, 'mean'], output: ['centred'], name: 'centre' },
        { opType: 'Div', input: ['centred', 'deviation'], output: ['scaled'], name: 'scale' },
        { opType: 'MatMul', input: ['scaled', 'weights'], output: ['product'], name: 'weigh' },
        { opType: 'Add', input: ['product', 'bias'], output: ['logit'], name: 'offset' },
        { opType: 'Sigmoid', input: ['logit'], output: [model.outputName], name: 'probability' },
      ],
    },
  });
  return onnx.ModelProto.encode(proto).finish();
}
