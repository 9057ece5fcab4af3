/** npm run wasm:build — compiles the row kernels into their committed TypeScript modules. */
import { writeFileSync } from 'node:fs';
import { ROW_KERNELS, compileRowKernel, kernelModuleText } from './reach_kernel';

for (const kernel of ROW_KERNELS) {
  const binary = await compileRowKernel(kernel);
  writeFileSync(kernel.module, kernelModuleText(kernel, binary));
  console.log(`${kernel.source}: ${binary.length} bytes of WebAssembly`);
}
