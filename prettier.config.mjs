// Prettier: `npm run format` writes, `npm run format:check` (the "format" step of `npm test`)
// checks; .prettierignore lists what it leaves alone. Prettier's defaults already match the code
// as it was written (double quotes, semicolons, trailing commas, parentheses around arrow
// parameters). The width is the one that rewrote the fewest lines of that code, of the widths
// tried from 100 to 180.
/** @type {import("prettier").Config} */
const config = {
  printWidth: 150,
};

export default config;
