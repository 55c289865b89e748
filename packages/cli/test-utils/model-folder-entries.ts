/** What `s1 model create-tiny` and `s1 train` write into a model folder, sorted. */
export const modelFolderEntries = [
  'config.json',
  'generation_config.json',
  'model.gguf',
  'model.safetensors',
  'onnx',
  'tokenizer.json',
  'tokenizer_config.json',
];
