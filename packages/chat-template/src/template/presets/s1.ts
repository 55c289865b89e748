/**
 * Qwen2.5-Instruct's template with the s1 assistant format (as `data/tokenization.py` in
 * github.com/simplescaling/s1 builds it):
 *
 * - an assistant message with `reasoning_content` renders as
 *   `<|im_start|>think\n{thinking | trim}\n<|im_start|>answer\n{answer | trim}`, where the answer
 *   gets the `"Answer: "` prefix unless it already contains `"Answer:"`; without
 *   `reasoning_content` the content renders verbatim, as in Qwen2.5;
 * - each assistant reply (after its `<|im_start|>assistant\n` header, through `<|im_end|>\n`) is a
 *   `{% generation %}` block, so assistant masks cover exactly what s1 trains on;
 * - `add_generation_prompt` appends `<|im_start|>assistant\n`, and also `<|im_start|>think` when
 *   the variable `start_thinking` is true (the prompt of the s1 evaluation harness).
 *
 * Everything else (system prompt, tools, tool calls and responses) is Qwen2.5's.
 */
export const s1ChatTemplate = String.raw`{%- if tools %}
    {{- '<|im_start|>system\n' }}
    {%- if messages[0]['role'] == 'system' %}
        {{- messages[0]['content'] }}
    {%- else %}
        {{- 'You are Qwen, created by Alibaba Cloud. You are a helpful assistant.' }}
    {%- endif %}
    {{- "\n\n# Tools\n\nYou may call one or more functions to assist with the user query.\n\nYou are provided with function signatures within <tools></tools> XML tags:\n<tools>" }}
    {%- for tool in tools %}
        {{- "\n" }}
        {{- tool | tojson }}
    {%- endfor %}
    {{- "\n</tools>\n\nFor each function call, return a json object with function name and arguments within <tool_call></tool_call> XML tags:\n<tool_call>\n{\"name\": <function-name>, \"arguments\": <args-json-object>}\n</tool_call><|im_end|>\n" }}
{%- else %}
    {%- if messages[0]['role'] == 'system' %}
        {{- '<|im_start|>system\n' + messages[0]['content'] + '<|im_end|>\n' }}
    {%- else %}
        {{- '<|im_start|>system\nYou are Qwen, created by Alibaba Cloud. You are a helpful assistant.<|im_end|>\n' }}
    {%- endif %}
{%- endif %}
{%- for message in messages %}
    {%- if (message.role == "user") or (message.role == "system" and not loop.first) %}
        {{- '<|im_start|>' + message.role + '\n' + message.content + '<|im_end|>' + '\n' }}
    {%- elif message.role == "assistant" %}
        {%- set content = message.content %}
        {%- if message.reasoning_content is defined and message.reasoning_content is not none %}
            {%- set answer = content if content is string else '' %}
            {%- if 'Answer:' not in answer %}
                {%- set answer = 'Answer: ' + answer %}
            {%- endif %}
            {%- set content = '<|im_start|>think\n' + message.reasoning_content | trim + '\n<|im_start|>answer\n' + answer | trim %}
        {%- endif %}
        {{- '<|im_start|>' + message.role }}
        {%- if not message.tool_calls %}
            {{- '\n' }}
        {%- endif %}
        {%- generation %}
            {%- if not message.tool_calls %}
                {{- content }}
            {%- else %}
                {%- if content %}
                    {{- '\n' + content }}
                {%- endif %}
                {%- for tool_call in message.tool_calls %}
                    {%- if tool_call.function is defined %}
                        {%- set tool_call = tool_call.function %}
                    {%- endif %}
                    {{- '\n<tool_call>\n{"name": "' }}
                    {{- tool_call.name }}
                    {{- '", "arguments": ' }}
                    {{- tool_call.arguments | tojson }}
                    {{- '}\n</tool_call>' }}
                {%- endfor %}
            {%- endif %}
            {{- '<|im_end|>\n' }}
        {%- endgeneration %}
    {%- elif message.role == "tool" %}
        {%- if (loop.index0 == 0) or (messages[loop.index0 - 1].role != "tool") %}
            {{- '<|im_start|>user' }}
        {%- endif %}
        {{- '\n<tool_response>\n' }}
        {{- message.content }}
        {{- '\n</tool_response>' }}
        {%- if loop.last or (messages[loop.index0 + 1].role != "tool") %}
            {{- '<|im_end|>\n' }}
        {%- endif %}
    {%- endif %}
{%- endfor %}
{%- if add_generation_prompt %}
    {{- '<|im_start|>assistant\n' }}
    {%- if start_thinking is defined and start_thinking %}
        {{- '<|im_start|>think' }}
    {%- endif %}
{%- endif %}
`;
