import { type ImportProblem, MAX_IMPORT_BYTES } from './types';

/**
 * The whole-file error for a file of this size, or null when it may be read. On its own so
 * that the page can check a file before reading it without loading the parsers.
 */
export function fileSizeProblem(size: number): ImportProblem | null {
  if (size > MAX_IMPORT_BYTES) {
    return { code: 'file-too-large', detail: `${(size / 1024 / 1024).toFixed(1)} MB` };
  }
  if (size === 0) return { code: 'empty-file' };
  return null;
}
