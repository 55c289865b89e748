import { describe, expect, it } from 'vitest';
import { CudaKernelTableError } from './cuda-kernel-table-error';
import { parseOperatorKernels } from './parse-operator-kernels';

// The layout tools/python/gen_opkernel_doc.py writes, with made-up ops.
const doc = `## Supported Operators and Data Types

<a name="cpuexecutionprovider"/>

## Operators implemented by CPUExecutionProvider

| Op Name | Parameters | OpSet Version | Types Supported |
|---------|------------|---------------|-----------------|
|**Operator Domain:** *ai.onnx*||||
|Twist|*in* X:**T**<br> *out* Y:**T**|1+|**T** = tensor(double)|
| |
| |


<a name="cudaexecutionprovider"/>

## Operators implemented by CUDAExecutionProvider

| Op Name | Parameters | OpSet Version | Types Supported |
|---------|------------|---------------|-----------------|
|**Operator Domain:** *ai.onnx*||||
|Twist|*in* X:**T**<br> *in* k:**tensor(int64)**<br> *out* Y:**T**<br><br>or<br><br>*in* X:**T**<br> *in* k:**T1**<br> *out* Y:**T**|14+|**T** = tensor(float), tensor(float16)<br/> **T1** = tensor(int32), tensor(int64)|
|||[7, 13]|**T** = tensor(float)|
|||6|**T** = seq(tensor(float)), tensor(float)|
| |
| |
|**Operator Domain:** *com.example*||||
|Fold|*in* inputs:**T**<br> *out* outputs...:**T**|1+|**T** = tensor(bool)|
| |
| |


<a name="dmlexecutionprovider"/>

## Operators implemented by DmlExecutionProvider

|**Operator Domain:** *ai.onnx*||||
|Spin|*in* X:**T**<br> *out* Y:**T**|1+|**T** = tensor(float)|
`;

describe('parseOperatorKernels', () => {
  it('should read the ops, forms, ranges and types of one execution provider', () => {
    expect(
      parseOperatorKernels(doc, { executionProvider: 'CUDAExecutionProvider', file: 'doc.md' }),
    ).toEqual([
      {
        domain: 'ai.onnx',
        op: 'Twist',
        signatures: [
          { inputs: ['X:T', 'k:tensor(int64)'], outputs: ['Y:T'] },
          { inputs: ['X:T', 'k:T1'], outputs: ['Y:T'] },
        ],
        kernels: [
          {
            since: 14,
            until: null,
            types: {
              T: ['tensor(float)', 'tensor(float16)'],
              T1: ['tensor(int32)', 'tensor(int64)'],
            },
          },
          { since: 7, until: 13, types: { T: ['tensor(float)'] } },
          { since: 6, until: 6, types: { T: ['seq(tensor(float))', 'tensor(float)'] } },
        ],
      },
      {
        domain: 'com.example',
        op: 'Fold',
        signatures: [{ inputs: ['inputs:T'], outputs: ['outputs...:T'] }],
        kernels: [{ since: 1, until: null, types: { T: ['tensor(bool)'] } }],
      },
    ]);
  });

  it('should name the line of a row it cannot read', () => {
    const broken = doc.replace('|||[7, 13]|', '|||7 to 13|');
    let error: unknown;
    try {
      parseOperatorKernels(broken, { executionProvider: 'CUDAExecutionProvider', file: 'doc.md' });
    } catch (caught) {
      error = caught;
    }

    expect(CudaKernelTableError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(/^doc\.md:23: unreadable opset range "7 to 13"/);
  });

  it('should refuse a document without the section', () => {
    expect(() =>
      parseOperatorKernels(doc, { executionProvider: 'TensorrtExecutionProvider', file: 'doc.md' }),
    ).toThrow('no section "## Operators implemented by TensorrtExecutionProvider"');
  });
});
