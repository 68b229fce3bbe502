/** Vite's `?raw` imports (the unit tests read the idn-area-data CSVs this way, to check the generated table). */
declare module '*.csv?raw' {
  const text: string;
  export default text;
}

/** The deployment configuration, read as text (test/api/production-config.test.ts checks what production ships). */
declare module '*.toml?raw' {
  const text: string;
  export default text;
}
