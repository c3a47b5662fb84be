// Reads a tokenizer.json with Hugging Face's tokenizers library (the Rust code behind transformers'
// fast tokenizers, from npm) and prints, as JSON, how it tokenizes and decodes each text:
//   node tokenizer_json.mjs tokenizer.json TEXTS.json  →  {"ids": [[...], ...], "decoded": ["...", ...]}
import {readFileSync} from "node:fs";
import {createRequire} from "node:module";

const {Tokenizer} = createRequire(import.meta.url)("tokenizers");
const [tokenizerPath, textsPath] = process.argv.slice(2);
const tokenizer = Tokenizer.fromFile(tokenizerPath);
const out = {ids: [], decoded: []};
for (const text of JSON.parse(readFileSync(textsPath, "utf8"))) {
  const ids = (await tokenizer.encode(text, null, {addSpecialTokens: false})).getIds();
  out.ids.push(Array.from(ids));
  out.decoded.push(await tokenizer.decode(ids, false));
}
console.log(JSON.stringify(out));
