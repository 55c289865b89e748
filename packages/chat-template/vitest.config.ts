import { defineProject } from 'vitest/config';

export default defineProject({
  resolve: { conditions: ['source'] },
  test: {
    name: 'chat-template',
    include: ['src/**/*.test.ts'],
  },
});
