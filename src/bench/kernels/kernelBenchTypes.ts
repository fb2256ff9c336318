// The report's types live in src/protocol (the page shows and downloads the same shape).
export type * from '../../protocol/kernelBench';
