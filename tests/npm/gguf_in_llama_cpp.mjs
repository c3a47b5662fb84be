// Runs an exported GGUF in llama.cpp itself (the prebuilt library that node-llama-cpp ships on npm) and
// prints, as JSON, what the C++ test compares with our own tokenizer, template and model:
//   node gguf_in_llama_cpp.mjs MODEL.gguf REQUEST.json
// REQUEST: {"texts": [...], "tokens": [...], "messages": [{"role", "content"}...], "answer_tokens": N}
//   tokenized      each text as llama.cpp tokenizes user text (special tokens not parsed)
//   probabilities  llama.cpp's next-token distribution after every prefix of `tokens`
//   chat_tokens    the conversation rendered by the GGUF's own chat template (Jinja), tokenized as
//                  llama.cpp tokenizes a prompt, with the generation prompt for the assistant
//   answer         a greedy chat answer of at most answer_tokens tokens, as LlamaChatSession gives it
//   log            what llama.cpp warned about while loading
import {readFileSync} from "node:fs";
import {getLlama, LlamaChatSession, JinjaTemplateChatWrapper, LlamaLogLevel} from "node-llama-cpp";

const [modelPath, requestPath] = process.argv.slice(2);
const request = JSON.parse(readFileSync(requestPath, "utf8"));
const log = [];
const llama = await getLlama({
  gpu: false, build: "never", logLevel: LlamaLogLevel.warn,
  logger: (level, message) => log.push(`${level}: ${message}`),
});
const model = await llama.loadModel({modelPath});
const out = {log};

out.tokenized = request.texts.map((text) => Array.from(model.tokenize(text, false)));

const context = await model.createContext({contextSize: model.trainContextSize, batchSize: model.trainContextSize});
const sequence = context.getSequence();
const results = await sequence.controlledEvaluate(
  request.tokens.map((t) => [t, {generateNext: {probabilities: true, options: {temperature: 1, topK: 0, topP: 1, minP: 0}}}]));
const vocabularySize = model.fileInfo.metadata.tokenizer.ggml.tokens.length;
out.probabilities = results.map((result) => {
  const dense = new Array(vocabularySize).fill(0);  // llama.cpp lists only the tokens it gives a probability
  for (const [token, p] of result.next.probabilities) dense[token] = p;
  return dense;
});
await sequence.clearHistory();

const template = model.fileInfo.metadata.tokenizer.chat_template;
const wrapper = new JinjaTemplateChatWrapper({template});
const history = request.messages.map((m) =>
  m.role === "system" ? {type: "system", text: m.content}
  : m.role === "user" ? {type: "user", text: m.content}
  : {type: "model", response: [m.content]});
const {contextText} = wrapper.generateContextState({chatHistory: [...history, {type: "model", response: []}]});
out.chat_tokens = Array.from(contextText.tokenize(model.tokenizer));

const session = new LlamaChatSession({contextSequence: sequence, chatWrapper: wrapper, autoDisposeSequence: false});
const last = request.messages.at(-1);
session.setChatHistory(history.slice(0, -1));
out.answer = await session.prompt(last.content, {temperature: 0, maxTokens: request.answer_tokens, repeatPenalty: false});

console.log(JSON.stringify(out));
await llama.dispose();
