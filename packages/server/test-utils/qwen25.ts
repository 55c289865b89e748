export { qwen25Tokenizer, qwen25TokenizerFolder } from '../../../tooling/qwen25-tokenizer';
