// Prepended (--extern-pre-js) to the ES module weightless-api.mjs, outside its factory. Emscripten 3.1.6's glue
// reads node's files with `require` and finds the .wasm from `__dirname`, which exist in CommonJS only; under node
// they are made here from import.meta.url (later Emscripten releases do the same), elsewhere they stay undefined
// and are never read. Dynamic imports, so browsers never fetch node's modules; the comments keep bundlers from
// trying to bundle them.
const wlNode = typeof process === "object" && typeof process.versions === "object" && typeof process.versions.node === "string";
const require = wlNode ? (await import(/* webpackIgnore: true */ /* @vite-ignore */ "node:module")).createRequire(import.meta.url) : undefined;
const __dirname = wlNode ? require("path").dirname(require("url").fileURLToPath(import.meta.url)) : undefined;
