import type { TextEncodingUsed } from './types';

/**
 * Decodes text as UTF-8, or as GBK when the bytes are not valid UTF-8 (CSVs saved by Excel on
 * Chinese Windows are GBK). A leading BOM is dropped.
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncodingUsed } {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return { text: stripBom(text), encoding: 'utf-8' };
  } catch {
    return { text: stripBom(new TextDecoder('gbk').decode(bytes)), encoding: 'gbk' };
  }
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
