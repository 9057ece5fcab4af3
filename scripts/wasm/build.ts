/** npm run wasm:build — compiles the reach kernel into the committed reach_kernel_wasm.ts. */
import { writeFileSync } from 'node:fs';
import { KERNEL_MODULE, compileReachKernel, kernelModuleText } from './reach_kernel';

const binary = await compileReachKernel();
writeFileSync(KERNEL_MODULE, kernelModuleText(binary));
console.log(`reach kernel: ${binary.length} bytes of WebAssembly`);
