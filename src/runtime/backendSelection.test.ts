import { describe, expect, it } from 'vitest';
import { isSoftwareAdapter } from './backendSelection';

const adapter = {
  vendor: 'nvidia',
  architecture: 'hopper',
  device: '',
  description: 'NVIDIA H100',
  isFallbackAdapter: false,
};

describe('isSoftwareAdapter', () => {
  it('trusts the fallback flag', () => {
    expect(isSoftwareAdapter({ ...adapter, isFallbackAdapter: true })).toBe(true);
  });

  it('recognises SwiftShader by name even when the flag is missing', () => {
    // What Dawn's SwiftShader adapter reports.
    const swiftShader = {
      vendor: 'google',
      architecture: 'swiftshader',
      device: 'swiftshader-device-subzero-',
      description: 'SwiftShader driver 5.0.0',
      isFallbackAdapter: false,
    };
    expect(isSoftwareAdapter(swiftShader)).toBe(true);
    expect(isSoftwareAdapter({ ...adapter, description: 'llvmpipe (LLVM 15.0.6, 256 bits)' })).toBe(
      true,
    );
  });

  it('takes a hardware adapter for what it is', () => {
    expect(isSoftwareAdapter(adapter)).toBe(false);
  });
});
