import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileNotFoundError, InvalidFileError } from '@s1/errors';
import { describe, expect, it } from 'vitest';
import { qwen25TokenizerFolder } from '../../test-utils/qwen25';
import { loadChatTemplate } from './load-chat-template';
import { chatTemplatePresets } from './presets';

const hello = [{ role: 'user', content: 'Hello' }];

async function modelFolder(files: Record<string, string>): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 's1-model-'));
  await mkdir(folder, { recursive: true });
  for (const [name, content] of Object.entries(files)) await writeFile(join(folder, name), content);
  return folder;
}

describe('loadChatTemplate', () => {
  it('should load the real Qwen2.5 template from a model folder, identical to the preset', async () => {
    const template = await loadChatTemplate({ path: qwen25TokenizerFolder });
    const config = JSON.parse(
      await readFile(join(qwen25TokenizerFolder, 'tokenizer_config.json'), 'utf8'),
    );
    expect(template.source).toBe(config.chat_template);
    expect(chatTemplatePresets['qwen2.5'].template).toBe(config.chat_template);
    expect(template.specialTokens.eos_token).toBe('<|im_end|>');
    expect(template.render(hello)).toBe(
      '<|im_start|>system\nYou are Qwen, created by Alibaba Cloud. You are a helpful assistant.<|im_end|>\n<|im_start|>user\nHello<|im_end|>\n',
    );
  });

  it('should prefer chat_template.jinja and take special tokens from tokenizer_config.json', async () => {
    const folder = await modelFolder({
      'chat_template.jinja': '{{ bos_token }}{{ messages[0].content }}{{ eos_token }}\n',
      'tokenizer_config.json': JSON.stringify({
        bos_token: { content: '<s>', lstrip: false },
        eos_token: '</s>',
        chat_template: 'unused',
      }),
    });
    const template = await loadChatTemplate({ path: folder });
    expect(template.render(hello)).toBe('<s>Hello</s>');
  });

  it('should read the list-of-named-templates form and pick tool_use when tools are given', async () => {
    const folder = await modelFolder({
      'tokenizer_config.json': JSON.stringify({
        chat_template: [
          { name: 'default', template: 'plain:{{ messages[0].content }}' },
          { name: 'tool_use', template: 'tools:{{ tools | length }}' },
        ],
      }),
    });
    const template = await loadChatTemplate({ path: join(folder, 'tokenizer_config.json') });
    expect(template.templateNames).toEqual(['default', 'tool_use']);
    expect(template.render(hello)).toBe('plain:Hello');
    expect(template.render(hello, { tools: [{ type: 'function' }] })).toBe('tools:1');
    const pinned = await loadChatTemplate({ path: folder, templateName: 'tool_use' });
    expect(pinned.render(hello, { tools: [] })).toBe('tools:0');
  });

  it('should say which files it looked for when a folder has no chat template', async () => {
    const folder = await modelFolder({
      'tokenizer_config.json': JSON.stringify({ eos_token: '</s>' }),
    });
    const attempt = loadChatTemplate({ path: folder });
    await expect(attempt).rejects.toThrow(FileNotFoundError);
    await expect(loadChatTemplate({ path: folder })).rejects.toThrow(
      new RegExp(
        `${join(folder, 'chat_template.jinja')}[\\s\\S]*${join(folder, 'tokenizer_config.json')} \\(key "chat_template"\\)[\\s\\S]*preset`,
      ),
    );
  });

  it('should report a path that does not exist', async () => {
    await expect(loadChatTemplate({ path: '/no/such/model' })).rejects.toThrow(/\/no\/such\/model/);
  });

  it('should name the file and the field of a malformed tokenizer_config.json', async () => {
    const folder = await modelFolder({
      'tokenizer_config.json': JSON.stringify({ chat_template: 42 }),
    });
    await expect(loadChatTemplate({ path: folder })).rejects.toThrow(InvalidFileError);
    await expect(loadChatTemplate({ path: folder })).rejects.toThrow(
      /tokenizer_config\.json: unexpected content at chat_template/,
    );
  });
});
