/** Types of local-portal.mjs, for the TypeScript test setup that uses it. */
import type { ChildProcess } from 'node:child_process';

export const ROOT: string;
export interface DemoCounter {
  region: string;
  unit: string;
  code: string;
  name: string;
}
export function ensureDevVars(): void;
export function freePort(): Promise<number>;
export function build(options?: { quiet?: boolean }): void;
export function prepareDatabase(persistTo: string, options?: { quiet?: boolean }): DemoCounter[];
export function serve(options: {
  port: number;
  persistTo: string;
  quiet?: boolean;
  vars?: Record<string, string>;
}): Promise<{ origin: string; child: ChildProcess; stop: () => void }>;
