/**
 * The judge's instructions, following the structure of s1's extraction prompts
 * (`EXTRACTION_TEMPLATE_IDX` and `EXTRACTION_TEMPLATE` in the s1 harness tasks' `utils.py`,
 * github.com/simplescaling/s1): an instruction, worked examples, the task, and a reply of only an
 * index (or letter). The examples are the project's own.
 */
export function optionMatchPrompt(attempt: string, options: readonly string[]): string {
  return `Look at the following attempt by a student and extract the student's final answer. If it is equivalent (ignoring trivial simplifications) to any of the provided options, return the index of that option, starting from 1. Else, return -1.

Examples:

    Options: ['2\\sqrt{3}']
    Attempt: The side length is $\\sqrt{12}$.
-> 1

    Options: ['7', '70', '0.7']
    Attempt: So the answer is seventy.
-> 2

    Options: ['x=4 or x=-1']
    Attempt: The roots are $-1$ and $4$.
-> 1

    Options: ['15']
    Attempt: The total is 15 meters.
-> 1

    Options: ['\\frac{1}{3}']
    Attempt: The probability is 0.25.
-> -1

YOUR TASK

Respond with only the index of the matching option starting from 1, or -1 if there is absolutely no reasonable match. Do not include a rationale.

    Options: ${formatOptions(options)}
    Attempt: ${attempt}`;
}

export function choicePickPrompt(question: string, attempt: string): string {
  return `Look at the following question and an attempt by a student and extract which choice among A, B, C, D the student picked. If the student did not pick any choice, respond with "-1".

Examples:

    Question: Which planet is largest?
A) Mars
B) Jupiter
C) Venus
D) Mercury
    Attempt: The largest planet is Jupiter.
-> B

    Question: What is 2 + 2?
A) 3
B) 5
C) 4
D) 22
    Attempt: I am not sure about this one.
-> -1

YOUR TASK

Respond only with the capitalized alphabetic letter (without quotes) or -1. Do not include a rationale.

    Question: ${question}
    Attempt: ${attempt}`;
}

// Python's repr of a list of strings, as the reference prints the options.
function formatOptions(options: readonly string[]): string {
  return `[${options.map((option) => `'${option.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`).join(', ')}]`;
}
