/**
 * The kernels' bytes are decoded by the engine where it can (`Uint8Array.fromBase64`, Chromium
 * 140 on) and by a plain loop elsewhere (Node 20 here): both give the module.
 */
import { afterEach, expect, it, vi } from 'vitest';
import { compileModule } from '../../../src/analysis/rows/reach_kernel';
import { PREPARE_KERNEL_WASM } from '../../../src/analysis/rows/wasm/prepare_kernel_wasm';

const withBase64 = Uint8Array as { fromBase64?: (text: string) => Uint8Array };
const own = withBase64.fromBase64;

afterEach(() => {
  withBase64.fromBase64 = own;
});

const exportNames = (module: WebAssembly.Module | null) =>
  module && WebAssembly.Module.exports(module).map((e) => e.name);

it('decodes with the engine where it can, and gets the same module', () => {
  withBase64.fromBase64 = undefined;
  const looped = compileModule(PREPARE_KERNEL_WASM);
  const decode = vi.fn((text: string) => new Uint8Array(Buffer.from(text, 'base64')));
  withBase64.fromBase64 = decode;
  const decoded = compileModule(PREPARE_KERNEL_WASM);
  expect(decode).toHaveBeenCalledWith(PREPARE_KERNEL_WASM);
  expect(exportNames(decoded)).toContain('shapesRingRows');
  expect(exportNames(decoded)).toEqual(exportNames(looped));
});
