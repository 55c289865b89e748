/**
 * One s1K-style record and the exact training text s1's `data/tokenization.py`
 * (github.com/simplescaling/s1) derives from it.
 */
export const s1Record = {
  question: 'How many r in raspberry?',
  thinking_trajectories: [
    '  Let me spell it: r-a-s-p-b-e-r-r-y.',
    'The letter r appears at positions 1, 7 and 8.\nSo there are 3. ',
  ],
  attempt: 'There are $\\boxed{3}$ r\'s in "raspberry".\n',
};

export const s1TrainingText =
  '<|im_start|>system\nYou are Qwen, created by Alibaba Cloud. You are a helpful assistant.<|im_end|>\n' +
  '<|im_start|>user\nHow many r in raspberry?<|im_end|>\n' +
  '<|im_start|>assistant\n<|im_start|>think\nLet me spell it: r-a-s-p-b-e-r-r-y.\n' +
  'The letter r appears at positions 1, 7 and 8.\nSo there are 3.\n' +
  '<|im_start|>answer\nAnswer: There are $\\boxed{3}$ r\'s in "raspberry".<|im_end|>\n';
