// Trains with the options given as JSON on the command line, printing "step N" as steps finish;
// the crash-safety test SIGKILLs it at random moments and runs it again to resume.
import { train } from '../src/run/train';

const options = JSON.parse(process.argv[2] as string);
await train({
  ...options,
  onProgress: ({ step }) => {
    process.stdout.write(`step ${step}\n`);
  },
});
process.stdout.write('done\n');
