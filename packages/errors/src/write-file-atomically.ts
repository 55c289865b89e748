import writeFileAtomic from 'write-file-atomic';

/**
 * Writes a file so readers see the old content or the new, never a mix: a temporary file beside
 * it, synced to disk, then renamed over it (write-file-atomic, which also removes the temporary
 * file on failure).
 */
export async function writeFileAtomically(path: string, data: string | Uint8Array): Promise<void> {
  const bytes =
    typeof data === 'string' ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  await writeFileAtomic(path, bytes, { fsync: true });
}
