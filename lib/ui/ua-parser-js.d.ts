// ua-parser-js 1.x ships no types (2.x does, under the AGPL): the part lib/ui/device-name.ts uses.
declare module "ua-parser-js" {
  interface UAParserResult {
    browser: { name?: string; version?: string };
    os: { name?: string; version?: string };
    device: { vendor?: string; model?: string; type?: string };
  }
  class UAParser {
    constructor(userAgent?: string);
    getResult(): UAParserResult;
  }
  export default UAParser;
}
