/** esbuild's `text` loader: a stylesheet imported as its source text. */
declare module '*.css' {
  const css: string;
  export default css;
}
