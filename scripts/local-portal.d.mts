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
export function localOrigin(port: number, host?: string): string;
export function startSettings(environment: Record<string, string | undefined>): {
  port: number;
  host: string;
  vars: Record<string, string>;
};
export interface ServeOptions {
  port: number;
  persistTo: string;
  /** The host of the returned origin and of the default PUBLIC_ORIGIN (default 127.0.0.1, where it listens). */
  host?: string;
  quiet?: boolean;
  vars?: Record<string, string>;
  testScheduled?: boolean;
}
export function wranglerDevArgs(options: Omit<ServeOptions, 'quiet'>): string[];
export function serve(
  options: ServeOptions & { localTraces?: boolean },
): Promise<{ origin: string; child: ChildProcess; stop: () => void }>;
