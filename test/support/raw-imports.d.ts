/** Vite's `?raw` imports (the unit tests read the idn-area-data CSVs this way, to check the generated table). */
declare module '*.csv?raw' {
  const text: string;
  export default text;
}
