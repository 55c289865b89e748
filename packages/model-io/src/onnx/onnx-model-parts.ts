import { type DescMessage, isFieldSet, type MessageShape, toBinary } from '@bufbuild/protobuf';
import { BinaryWriter, WireType } from '@bufbuild/protobuf/wire';
import {
  GraphProtoSchema,
  type ModelProto,
  ModelProtoSchema,
  type TensorProto,
  TensorProtoSchema,
} from 'onnx-buf';

/** Tensor bytes made only when written (a transposed weight), so they are never all held. */
export interface TensorBytes {
  byteLength: number;
  bytes: () => Uint8Array;
}

/** An initializer as the file holds it: its message, and its raw data unless that is external. */
export interface InitializerToWrite {
  tensor: TensorProto;
  rawData: TensorBytes | undefined;
}

const field = { modelGraph: 7, graphInitializer: 5, tensorRawData: 9 } as const;

/**
 * The protobuf bytes of `model` with `initializers` in place of its graph's, in parts: byte for
 * byte what `toBinary` gives, but each raw data is a part of its own, taken from its buffer (or
 * made) only when it is reached. A model of N bytes of weights is written holding one tensor,
 * not the N bytes of one serialized message.
 */
export function* onnxModelParts(
  model: ModelProto,
  initializers: readonly InitializerToWrite[],
): Generator<Uint8Array> {
  if (model.graph === undefined) {
    yield toBinary(ModelProtoSchema, model);
    return;
  }
  const tensors = initializers.map(({ tensor, rawData }) => {
    const [before, after] = encodedAround(TensorProtoSchema, tensor, field.tensorRawData);
    const raw = rawData && {
      header: lengthPrefix(field.tensorRawData, rawData.byteLength),
      data: rawData,
    };
    const length =
      before.length + after.length + (raw ? raw.header.length + raw.data.byteLength : 0);
    return { header: lengthPrefix(field.graphInitializer, length), length, before, raw, after };
  });
  const [graphBefore, graphAfter] = encodedAround(
    GraphProtoSchema,
    model.graph,
    field.graphInitializer,
  );
  const graphLength = tensors.reduce(
    (sum, { header, length }) => sum + header.length + length,
    graphBefore.length + graphAfter.length,
  );
  const [modelBefore, modelAfter] = encodedAround(ModelProtoSchema, model, field.modelGraph);

  yield modelBefore;
  yield lengthPrefix(field.modelGraph, graphLength);
  yield graphBefore;
  for (const { header, before, raw, after } of tensors) {
    yield header;
    yield before;
    if (raw !== undefined) {
      yield raw.header;
      yield raw.data.bytes();
    }
    yield after;
  }
  yield graphAfter;
  yield modelAfter;
}

/** The raw data of an initializer as it stands in the model: absent when the field is not set. */
export function ownRawData(tensor: TensorProto): TensorBytes | undefined {
  return isFieldSet(tensor, TensorProtoSchema.field.rawData)
    ? { byteLength: tensor.rawData.byteLength, bytes: () => tensor.rawData }
    : undefined;
}

function lengthPrefix(fieldNumber: number, length: number): Uint8Array {
  return new BinaryWriter().tag(fieldNumber, WireType.LengthDelimited).uint32(length).finish();
}

/**
 * `message` encoded without the field numbered `split`, cut where that field goes: `toBinary`
 * writes fields in number order and unknown fields last, so the field's bytes, written between
 * the two parts, land where `toBinary` puts them.
 */
function encodedAround<Desc extends DescMessage>(
  schema: Desc,
  message: MessageShape<Desc>,
  split: number,
): [Uint8Array, Uint8Array] {
  const before: Record<string, unknown> = { ...message, $unknown: undefined };
  const after: Record<string, unknown> = { ...message };
  for (const { number, localName, fieldKind } of schema.fields) {
    // The ONNX messages cut here have no oneofs; maps and lists are emptied, the rest unset.
    const empty = fieldKind === 'list' ? [] : fieldKind === 'map' ? {} : undefined;
    if (number >= split) before[localName] = empty;
    if (number <= split) after[localName] = empty;
  }
  return [
    toBinary(schema, before as MessageShape<Desc>),
    toBinary(schema, after as MessageShape<Desc>),
  ];
}
