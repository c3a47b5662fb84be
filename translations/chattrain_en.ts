<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en">
<context>
    <name>Core</name>
    <message>
        <source>dialogue format '%1' is unknown: use auto, alpaca, sharegpt, openai or prompt-completion</source>
        <translation>dialogue format '%1' is unknown: use auto, alpaca, sharegpt, openai or prompt-completion</translation>
    </message>
    <message>
        <source>record %1</source>
        <translation>record %1</translation>
    </message>
    <message>
        <source>%1 does not exist</source>
        <translation>%1 does not exist</translation>
    </message>
    <message>
        <source>holds no text</source>
        <translation>holds no text</translation>
    </message>
    <message>
        <source>format '%1' is unknown: use auto, text, markdown, jsonl or chinese-poetry</source>
        <translation>format '%1' is unknown: use auto, text, markdown, jsonl or chinese-poetry</translation>
    </message>
    <message>
        <source>is not valid UTF-8 (byte %1); convert it first, e.g. iconv -f GB18030 -t UTF-8</source>
        <translation>is not valid UTF-8 (byte %1); convert it first, e.g. iconv -f GB18030 -t UTF-8</translation>
    </message>
    <message>
        <source>holds a NUL byte: is it a binary file?</source>
        <translation>holds a NUL byte: is it a binary file?</translation>
    </message>
    <message>
        <source>could not normalise: %1</source>
        <translation>could not normalise: %1</translation>
    </message>
    <message>
        <source>%1 holds no .txt, .md, .json or .jsonl files</source>
        <translation>%1 holds no .txt, .md, .json or .jsonl files</translation>
    </message>
    <message>
        <source>is empty</source>
        <translation>is empty</translation>
    </message>
    <message>
        <source>broken JSON: text after the closing ]</source>
        <translation>broken JSON: text after the closing ]</translation>
    </message>
    <message>
        <source>broken JSON: this record is never closed (nor the array)</source>
        <translation>broken JSON: this record is never closed (nor the array)</translation>
    </message>
    <message>
        <source>broken JSON: the array is never closed with ]</source>
        <translation>broken JSON: the array is never closed with ]</translation>
    </message>
    <message>
        <source>rankings of different answer counts cannot be compared</source>
        <translation>rankings of different answer counts cannot be compared</translation>
    </message>
    <message>
        <source>%1 does not exist: import the dataset again</source>
        <translation>%1 does not exist: import the dataset again</translation>
    </message>
    <message>
        <source>broken JSON: %1</source>
        <translation>broken JSON: %1</translation>
    </message>
    <message>
        <source>is not a shard manifest: %1</source>
        <translation>is not a shard manifest: %1</translation>
    </message>
    <message>
        <source>is truncated (size is not a whole number of tokens): import the dataset again</source>
        <translation>is truncated (size is not a whole number of tokens): import the dataset again</translation>
    </message>
    <message>
        <source>token read past the end of the shards</source>
        <translation>token read past the end of the shards</translation>
    </message>
    <message>
        <source>%1 is a reward model: it scores answers and cannot write them, so it is not exported. Export the SFT, PPO or DPO checkpoint instead</source>
        <translation>%1 is a reward model: it scores answers and cannot write them, so it is not exported. Export the SFT, PPO or DPO checkpoint instead</translation>
    </message>
    <message>
        <source>checkpoint %1 has %2 tokens but %3 has %4</source>
        <translation>checkpoint %1 has %2 tokens but %3 has %4</translation>
    </message>
    <message>
        <source>%1: not a model of this studio's architecture</source>
        <translation>%1: not a model of this studio's architecture</translation>
    </message>
    <message>
        <source>model_type is '%1', not 'llama'</source>
        <translation>model_type is '%1', not 'llama'</translation>
    </message>
    <message>
        <source>hidden_act is %1</source>
        <translation>hidden_act is %1</translation>
    </message>
    <message>
        <source>it scales its rotary embeddings</source>
        <translation>it scales its rotary embeddings</translation>
    </message>
    <message>
        <source>its projections have biases</source>
        <translation>its projections have biases</translation>
    </message>
    <message>
        <source>lacks a setting this architecture needs: %1</source>
        <translation>lacks a setting this architecture needs: %1</translation>
    </message>
    <message>
        <source>head_dim %1 is not hidden_size / num_attention_heads</source>
        <translation>head_dim %1 is not hidden_size / num_attention_heads</translation>
    </message>
    <message>
        <source>%1 has no model.safetensors (nor an index of its shards)</source>
        <translation>%1 has no model.safetensors (nor an index of its shards)</translation>
    </message>
    <message>
        <source>%1 is not empty: pick a new folder (an export never overwrites files)</source>
        <translation>%1 is not empty: pick a new folder (an export never overwrites files)</translation>
    </message>
    <message>
        <source>%1 is not a Hugging Face model folder (no config.json)</source>
        <translation>%1 is not a Hugging Face model folder (no config.json)</translation>
    </message>
    <message>
        <source>%1 has no tokenizer.model: only models with a SentencePiece tokenizer can be imported</source>
        <translation>%1 has no tokenizer.model: only models with a SentencePiece tokenizer can be imported</translation>
    </message>
    <message>
        <source>%1 is not the project's tokenizer (%2): the model's token ids would mean other words here. Import it into the project whose tokenizer it has</source>
        <translation>%1 is not the project's tokenizer (%2): the model's token ids would mean other words here. Import it into the project whose tokenizer it has</translation>
    </message>
    <message>
        <source>vocab_size %1 differs from the tokenizer's %2</source>
        <translation>vocab_size %1 differs from the tokenizer's %2</translation>
    </message>
    <message>
        <source>no CUDA GPU is available to this build of LibTorch: use --device cpu</source>
        <translation>no CUDA GPU is available to this build of LibTorch: use --device cpu</translation>
    </message>
    <message>
        <source>sampling settings are damaged: %1</source>
        <translation>sampling settings are damaged: %1</translation>
    </message>
    <message>
        <source>generation needs at least one prompt token</source>
        <translation>generation needs at least one prompt token</translation>
    </message>
    <message>
        <source>this model has no score head: it is not a reward model</source>
        <translation>this model has no score head: it is not a reward model</translation>
    </message>
    <message>
        <source>this model has no value head</source>
        <translation>this model has no value head</translation>
    </message>
    <message>
        <source>generation cache is full</source>
        <translation>generation cache is full</translation>
    </message>
    <message>
        <source>lacks tensor %1 (a checkpoint of another model?)</source>
        <translation>lacks tensor %1 (a checkpoint of another model?)</translation>
    </message>
    <message>
        <source>preset '%1' is unknown; presets: %2</source>
        <translation>preset '%1' is unknown; presets: %2</translation>
    </message>
    <message>
        <source>safetensors: unsupported dtype %1</source>
        <translation>safetensors: unsupported dtype %1</translation>
    </message>
    <message>
        <source>project database: could not %1 a query: %2</source>
        <translation>project database: could not %1 a query: %2</translation>
    </message>
    <message>
        <source>project database %1: %2</source>
        <translation>project database %1: %2</translation>
    </message>
    <message>
        <source>could not open project database %1: %2</source>
        <translation>could not open project database %1: %2</translation>
    </message>
    <message>
        <source>project database: ranking %1 is damaged: %2</source>
        <translation>project database: ranking %1 is damaged: %2</translation>
    </message>
    <message>
        <source>the demo has no held-out questions left for the evaluation: rank fewer prompts</source>
        <translation>the demo has no held-out questions left for the evaluation: rank fewer prompts</translation>
    </message>
    <message>
        <source>run %1 has no checkpoint</source>
        <translation>run %1 has no checkpoint</translation>
    </message>
    <message>
        <source>holds no prompts</source>
        <translation>holds no prompts</translation>
    </message>
    <message>
        <source>a prompt set needs a name</source>
        <translation>a prompt set needs a name</translation>
    </message>
    <message>
        <source>answers per prompt must be from 2 to 9, not %1</source>
        <translation>answers per prompt must be from 2 to 9, not %1</translation>
    </message>
    <message>
        <source>a ranking needs one place per answer</source>
        <translation>a ranking needs one place per answer</translation>
    </message>
    <message>
        <source>the prompt set is empty</source>
        <translation>the prompt set is empty</translation>
    </message>
    <message>
        <source>%1 is already a ChatTrain project: open it instead</source>
        <translation>%1 is already a ChatTrain project: open it instead</translation>
    </message>
    <message>
        <source>%1 is a folder with other files in it: pick an empty or new folder for the project</source>
        <translation>%1 is a folder with other files in it: pick an empty or new folder for the project</translation>
    </message>
    <message>
        <source>could not create %1%2: %3</source>
        <translation>could not create %1%2: %3</translation>
    </message>
    <message>
        <source>%1 is not a ChatTrain project (no %2): create one with 'chattrain project init %3'</source>
        <translation>%1 is not a ChatTrain project (no %2): create one with 'chattrain project init %3'</translation>
    </message>
    <message>
        <source>dataset name '%1' may only hold letters, digits, '-', '_' and '.'</source>
        <translation>dataset name '%1' may only hold letters, digits, '-', '_' and '.'</translation>
    </message>
    <message>
        <source>nothing to import from %1: every record was rejected</source>
        <translation>nothing to import from %1: every record was rejected</translation>
    </message>
    <message>
        <source>%1 has no file %2: import it again</source>
        <translation>%1 has no file %2: import it again</translation>
    </message>
    <message>
        <source>damaged record of %1: %2 (import the dataset again)</source>
        <translation>damaged record of %1: %2 (import the dataset again)</translation>
    </message>
    <message>
        <source>no conversation to import from %1: every record was rejected</source>
        <translation>no conversation to import from %1: every record was rejected</translation>
    </message>
    <message>
        <source>the project has no text dataset: import one first (chattrain data import)</source>
        <translation>the project has no text dataset: import one first (chattrain data import)</translation>
    </message>
    <message>
        <source>a saved chat is damaged: %1</source>
        <translation>a saved chat is damaged: %1</translation>
    </message>
    <message>
        <source>tokenizer %1 does not exist: train one first (chattrain tokenizer train)</source>
        <translation>tokenizer %1 does not exist: train one first (chattrain tokenizer train)</translation>
    </message>
    <message>
        <source>tokenizer %1 is not a SentencePiece model: %2</source>
        <translation>tokenizer %1 is not a SentencePiece model: %2</translation>
    </message>
    <message>
        <source>no text to train a tokenizer on: import a dataset first</source>
        <translation>no text to train a tokenizer on: import a dataset first</translation>
    </message>
    <message>
        <source>tokenizer type '%1' is unknown: use bpe or unigram</source>
        <translation>tokenizer type '%1' is unknown: use bpe or unigram</translation>
    </message>
    <message>
        <source>character coverage %1 is out of range (0.98 to 1)</source>
        <translation>character coverage %1 is out of range (0.98 to 1)</translation>
    </message>
    <message>
        <source>vocabulary size %1 is out of range (64 to 1000000)</source>
        <translation>vocabulary size %1 is out of range (64 to 1000000)</translation>
    </message>
    <message>
        <source>tokenizer training failed: %1</source>
        <translation>tokenizer training failed: %1</translation>
    </message>
    <message>
        <source>could not write %1%2: %3</source>
        <translation>could not write %1%2: %3</translation>
    </message>
    <message>
        <source>could not encode text with tokenizer %1</source>
        <translation>could not encode text with tokenizer %1</translation>
    </message>
    <message>
        <source>could not decode ids with tokenizer %1 (an id is out of range?)</source>
        <translation>could not decode ids with tokenizer %1 (an id is out of range?)</translation>
    </message>
    <message>
        <source>optimizer state does not match the model (%1%2)</source>
        <translation>optimizer state does not match the model (%1%2)</translation>
    </message>
    <message>
        <source>optimizer state lacks its step count</source>
        <translation>optimizer state lacks its step count</translation>
    </message>
    <message>
        <source>names checkpoint '%1', which is missing</source>
        <translation>names checkpoint '%1', which is missing</translation>
    </message>
    <message>
        <source>%1 is not a checkpoint (no config.json)</source>
        <translation>%1 is not a checkpoint (no config.json)</translation>
    </message>
    <message>
        <source>is not a checkpoint config: %1</source>
        <translation>is not a checkpoint config: %1</translation>
    </message>
    <message>
        <source>no conversations to fine-tune on: import a dialogue file first</source>
        <translation>no conversations to fine-tune on: import a dialogue file first</translation>
    </message>
    <message>
        <source>there are no ranked pairs to train on: rank some answers first</source>
        <translation>there are no ranked pairs to train on: rank some answers first</translation>
    </message>
    <message>
        <source>run %1 has no checkpoint to resume from</source>
        <translation>run %1 has no checkpoint to resume from</translation>
    </message>
    <message>
        <source>DPO starts from a fine-tuned checkpoint: name one</source>
        <translation>DPO starts from a fine-tuned checkpoint: name one</translation>
    </message>
    <message>
        <source>checkpoint %1 is not a reward model</source>
        <translation>checkpoint %1 is not a reward model</translation>
    </message>
    <message>
        <source>training settings are not valid JSON: %1</source>
        <translation>training settings are not valid JSON: %1</translation>
    </message>
    <message>
        <source>training setting '%1' is unknown</source>
        <translation>training setting '%1' is unknown</translation>
    </message>
    <message>
        <source>model setting '%1' is unknown</source>
        <translation>model setting '%1' is unknown</translation>
    </message>
    <message>
        <source>training settings: %1</source>
        <translation>training settings: %1</translation>
    </message>
    <message>
        <source>fine-tuning starts from a checkpoint: name one</source>
        <translation>fine-tuning starts from a checkpoint: name one</translation>
    </message>
    <message>
        <source>a reward model starts from a checkpoint (an SFT one): name one</source>
        <translation>a reward model starts from a checkpoint (an SFT one): name one</translation>
    </message>
    <message>
        <source>checkpoint %1 is a %2 checkpoint, not a reward model: train one on the Reward page</source>
        <translation>checkpoint %1 is a %2 checkpoint, not a reward model: train one on the Reward page</translation>
    </message>
    <message>
        <source>precision '%1' is unknown: use auto, fp32 or bf16</source>
        <translation>precision '%1' is unknown: use auto, fp32 or bf16</translation>
    </message>
    <message>
        <source>checkpoint %1 is not a %2 checkpoint</source>
        <translation>checkpoint %1 is not a %2 checkpoint</translation>
    </message>
    <message>
        <source>the datasets hold no training tokens: import some text first</source>
        <translation>the datasets hold no training tokens: import some text first</translation>
    </message>
    <message>
        <source>has no "%1" field</source>
        <translation>has no "%1" field</translation>
    </message>
    <message>
        <source>field "%1" is not a string</source>
        <translation>field "%1" is not a string</translation>
    </message>
    <message>
        <source>has a turn by "%1" (expected system, user/human or assistant/gpt)</source>
        <translation>has a turn by "%1" (expected system, user/human or assistant/gpt)</translation>
    </message>
    <message>
        <source>field "history" is not a list of [instruction, answer] pairs</source>
        <translation>field "history" is not a list of [instruction, answer] pairs</translation>
    </message>
    <message>
        <source>field "history" holds an entry that is not an [instruction, answer] pair</source>
        <translation>field "history" holds an entry that is not an [instruction, answer] pair</translation>
    </message>
    <message>
        <source>is in no known dialogue layout (conversations, messages, instruction/output or prompt/completion)</source>
        <translation>is in no known dialogue layout (conversations, messages, instruction/output or prompt/completion)</translation>
    </message>
    <message>
        <source>is not a JSON object</source>
        <translation>is not a JSON object</translation>
    </message>
    <message>
        <source>has no "conversations" list</source>
        <translation>has no "conversations" list</translation>
    </message>
    <message>
        <source>has no "messages" list</source>
        <translation>has no "messages" list</translation>
    </message>
    <message>
        <source>has no user and assistant turns</source>
        <translation>has no user and assistant turns</translation>
    </message>
    <message>
        <source>has turn %1 by %2 where %3 should speak (turns must alternate, starting with the user)</source>
        <translation>has turn %1 by %2 where %3 should speak (turns must alternate, starting with the user)</translation>
    </message>
    <message>
        <source>ends without the assistant's answer</source>
        <translation>ends without the assistant's answer</translation>
    </message>
    <message>
        <source>has an empty answer</source>
        <translation>has an empty answer</translation>
    </message>
    <message>
        <source>field "%1" is not a list</source>
        <translation>field "%1" is not a list</translation>
    </message>
    <message>
        <source>field "%1" holds a turn that is not an object</source>
        <translation>field "%1" holds a turn that is not an object</translation>
    </message>
    <message>
        <source>has no "paragraphs" list</source>
        <translation>has no "paragraphs" list</translation>
    </message>
    <message>
        <source>"paragraphs" holds a value that is not a string</source>
        <translation>"paragraphs" holds a value that is not a string</translation>
    </message>
    <message>
        <source>"paragraphs" is empty</source>
        <translation>"paragraphs" is empty</translation>
    </message>
    <message>
        <source>has neither a "text" field nor a "paragraphs" list</source>
        <translation>has neither a "text" field nor a "paragraphs" list</translation>
    </message>
    <message>
        <source>"text" is empty</source>
        <translation>"text" is empty</translation>
    </message>
    <message>
        <source>field "%1" does not end with the assistant's answer</source>
        <translation>field "%1" does not end with the assistant's answer</translation>
    </message>
    <message>
        <source>needs "answers" and "ranks" lists</source>
        <translation>needs "answers" and "ranks" lists</translation>
    </message>
    <message>
        <source>has a rank that is not a whole number from 1</source>
        <translation>has a rank that is not a whole number from 1</translation>
    </message>
    <message>
        <source>has %1 answers but %2 ranks</source>
        <translation>has %1 answers but %2 ranks</translation>
    </message>
    <message>
        <source>has "chosen" and "rejected" conversations that do not share all but their last turn</source>
        <translation>has "chosen" and "rejected" conversations that do not share all but their last turn</translation>
    </message>
    <message>
        <source>has a shared prompt that does not end with the user's turn</source>
        <translation>has a shared prompt that does not end with the user's turn</translation>
    </message>
    <message>
        <source>has a transcript that does not start with "\n\nHuman:"</source>
        <translation>has a transcript that does not start with "\n\nHuman:"</translation>
    </message>
    <message>
        <source>has "chosen" and "rejected" transcripts without a shared prompt ending in "\n\nAssistant:"</source>
        <translation>has "chosen" and "rejected" transcripts without a shared prompt ending in "\n\nAssistant:"</translation>
    </message>
    <message>
        <source>has a shared prompt that does not end with the human's turn</source>
        <translation>has a shared prompt that does not end with the human's turn</translation>
    </message>
    <message>
        <source>has no "completions" list</source>
        <translation>has no "completions" list</translation>
    </message>
    <message>
        <source>has a completion that is not an object</source>
        <translation>has a completion that is not an object</translation>
    </message>
    <message>
        <source>has a completion without ratings</source>
        <translation>has a completion without ratings</translation>
    </message>
    <message>
        <source>has a completion without "overall_score" or "annotations"</source>
        <translation>has a completion without "overall_score" or "annotations"</translation>
    </message>
    <message>
        <source>has fewer than two completions to compare</source>
        <translation>has fewer than two completions to compare</translation>
    </message>
    <message>
        <source>has fewer than two answers to compare</source>
        <translation>has fewer than two answers to compare</translation>
    </message>
    <message>
        <source>has flag "%1" (expected incorrect or unsafe)</source>
        <translation>has flag "%1" (expected incorrect or unsafe)</translation>
    </message>
    <message>
        <source>field "%1" does not end with the user's turn</source>
        <translation>field "%1" does not end with the user's turn</translation>
    </message>
    <message>
        <source>has no "prompt" field</source>
        <translation>has no "prompt" field</translation>
    </message>
    <message>
        <source>field "reference" is not a string</source>
        <translation>field "reference" is not a string</translation>
    </message>
    <message>
        <source>sequence of %1 tokens exceeds the model's context of %2</source>
        <translation>sequence of %1 tokens exceeds the model's context of %2</translation>
    </message>
    <message>
        <source>model settings: %1</source>
        <translation>model settings: %1</translation>
    </message>
    <message>
        <source>vocabulary size must be at least 16</source>
        <translation>vocabulary size must be at least 16</translation>
    </message>
    <message>
        <source>context length must be at least 8</source>
        <translation>context length must be at least 8</translation>
    </message>
    <message>
        <source>sizes must be positive</source>
        <translation>sizes must be positive</translation>
    </message>
    <message>
        <source>model width %1 is not divisible by %2 heads</source>
        <translation>model width %1 is not divisible by %2 heads</translation>
    </message>
    <message>
        <source>head size %1 must be even for rotary embeddings</source>
        <translation>head size %1 must be even for rotary embeddings</translation>
    </message>
    <message>
        <source>heads (%1) must be a multiple of key/value heads (%2)</source>
        <translation>heads (%1) must be a multiple of key/value heads (%2)</translation>
    </message>
    <message>
        <source>is not a valid safetensors file: %1</source>
        <translation>is not a valid safetensors file: %1</translation>
    </message>
    <message>
        <source>shorter than its 8-byte header size (truncated?)</source>
        <translation>shorter than its 8-byte header size (truncated?)</translation>
    </message>
    <message>
        <source>header size %1 runs past the end (truncated?)</source>
        <translation>header size %1 runs past the end (truncated?)</translation>
    </message>
    <message>
        <source>broken header: %1</source>
        <translation>broken header: %1</translation>
    </message>
    <message>
        <source>tensor %1 has unsupported dtype %2</source>
        <translation>tensor %1 has unsupported dtype %2</translation>
    </message>
    <message>
        <source>tensor %1 has data offsets that do not match its shape or the file size</source>
        <translation>tensor %1 has data offsets that do not match its shape or the file size</translation>
    </message>
    <message>
        <source>tensor %1: %2</source>
        <translation>tensor %1: %2</translation>
    </message>
    <message>
        <source>project database %1 was written by a newer ChatTrain (schema %2); update ChatTrain to open it</source>
        <translation>project database %1 was written by a newer ChatTrain (schema %2); update ChatTrain to open it</translation>
    </message>
    <message>
        <source>%1: not an evaluation this version can read (%2); evaluate again to replace it</source>
        <translation>%1: not an evaluation this version can read (%2); evaluate again to replace it</translation>
    </message>
    <message>
        <source>tokenizer %1 lacks the chat tokens &lt;|im_start|&gt;/&lt;|im_end|&gt;: it was not made by ChatTrain; train one in the project</source>
        <translation>tokenizer %1 lacks the chat tokens &lt;|im_start|&gt;/&lt;|im_end|&gt;: it was not made by ChatTrain; train one in the project</translation>
    </message>
    <message>
        <source>a vocabulary of %1 pieces cannot hold every character that a coverage of %2 keeps (%3 with the special pieces): raise the vocabulary size or lower the character coverage (e.g. 0.99)</source>
        <translation>a vocabulary of %1 pieces cannot hold every character that a coverage of %2 keeps (%3 with the special pieces): raise the vocabulary size or lower the character coverage (e.g. 0.99)</translation>
    </message>
    <message>
        <source>dataset %1 was tokenized with another tokenizer (%2, the project's is %3): import it again</source>
        <translation>dataset %1 was tokenized with another tokenizer (%2, the project's is %3): import it again</translation>
    </message>
    <message>
        <source>a dataset holds only %1 tokens, fewer than one training window of %2: add more text or lower the context length</source>
        <translation>a dataset holds only %1 tokens, fewer than one training window of %2: add more text or lower the context length</translation>
    </message>
    <message>
        <source>sequence length %1 exceeds the model's context of %2</source>
        <translation>sequence length %1 exceeds the model's context of %2</translation>
    </message>
    <message>
        <source>open</source>
        <translation>open</translation>
    </message>
    <message>
        <source>map</source>
        <translation>map</translation>
    </message>
    <message>
        <source>write</source>
        <translation>write</translation>
    </message>
    <message>
        <source>create</source>
        <translation>create</translation>
    </message>
    <message>
        <source>TensorBoard events are no longer written: %1</source>
        <translation>TensorBoard events are no longer written: %1</translation>
    </message>
    <message>
        <source>stopped during %1: run the pipeline again to continue from there</source>
        <translation>stopped during %1: run the pipeline again to continue from there</translation>
    </message>
    <message>
        <source>imported the embedded Tang poems</source>
        <translation>imported the embedded Tang poems</translation>
    </message>
    <message>
        <source>training the tokenizer</source>
        <translation>training the tokenizer</translation>
    </message>
    <message>
        <source>%1 prompts answered %2 times</source>
        <translation>%1 prompts answered %2 times</translation>
    </message>
    <message>
        <source>the rule-based judge (for demos and tests only) ranked %1 prompts</source>
        <translation>the rule-based judge (for demos and tests only) ranked %1 prompts</translation>
    </message>
    <message>
        <source>the pipeline finished: report in %1</source>
        <translation>the pipeline finished: report in %1</translation>
    </message>
    <message>
        <source>%1 finished before: kept</source>
        <translation>%1 finished before: kept</translation>
    </message>
    <message>
        <source>resuming %1 from %2</source>
        <translation>resuming %1 from %2</translation>
    </message>
    <message>
        <source>starting %1</source>
        <translation>starting %1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1 did not finish (see its run's messages); the stages after it need it</source>
        <translation>%1 did not finish (see its run's messages); the stages after it need it</translation>
    </message>
    <message>
        <source>reward model %1</source>
        <translation>reward model %1</translation>
    </message>
    <message>
        <source>a reward function</source>
        <translation>a reward function</translation>
    </message>
    <message>
        <source>stopped at iteration %1</source>
        <translation>stopped at iteration %1</translation>
    </message>
    <message>
        <source>%1 The run has no checkpoint yet.</source>
        <translation>%1 The run has no checkpoint yet.</translation>
    </message>
    <message>
        <source>%1 Its last good checkpoint is %2.</source>
        <translation>%1 Its last good checkpoint is %2.</translation>
    </message>
    <message>
        <source>finished %1 iterations</source>
        <translation>finished %1 iterations</translation>
    </message>
    <message>
        <source>A loss or gradient became NaN or infinite. Lower the learning rate, then resume.</source>
        <translation>A loss or gradient became NaN or infinite. Lower the learning rate, then resume.</translation>
    </message>
    <message>
        <source>The policy has moved too far from the SFT model: KL %1 nats per answer, above the bound of %2. It is likely exploiting the reward model. Lower the learning rate or raise the KL coefficient.</source>
        <translation>The policy has moved too far from the SFT model: KL %1 nats per answer, above the bound of %2. It is likely exploiting the reward model. Lower the learning rate or raise the KL coefficient.</translation>
    </message>
    <message>
        <source>The answers have collapsed to (almost) nothing: %1 tokens on average. The reward model may reward short answers; check its Diagnostics, or raise the KL coefficient.</source>
        <translation>The answers have collapsed to (almost) nothing: %1 tokens on average. The reward model may reward short answers; check its Diagnostics, or raise the KL coefficient.</translation>
    </message>
    <message>
        <source>The answers have collapsed to a few: %1 different ones in %2. Raise the KL coefficient or lower the learning rate.</source>
        <translation>The answers have collapsed to a few: %1 different ones in %2. Raise the KL coefficient or lower the learning rate.</translation>
    </message>
    <message>
        <source>resuming at step %4: %1 parameters on %2, %3 training tokens</source>
        <translation>resuming at step %4: %1 parameters on %2, %3 training tokens</translation>
    </message>
    <message>
        <source>starting: %1 parameters on %2, %3 training tokens</source>
        <translation>starting: %1 parameters on %2, %3 training tokens</translation>
    </message>
    <message>
        <source>stopped at step %1; resume to continue</source>
        <translation>stopped at step %1; resume to continue</translation>
    </message>
    <message>
        <source>finished %1 steps</source>
        <translation>finished %1 steps</translation>
    </message>
    <message>
        <source>the gradient became NaN</source>
        <translation>the gradient became NaN</translation>
    </message>
    <message>
        <source>the gradient became infinite</source>
        <translation>the gradient became infinite</translation>
    </message>
    <message>
        <source>the loss became NaN</source>
        <translation>the loss became NaN</translation>
    </message>
    <message>
        <source>the loss became infinite</source>
        <translation>the loss became infinite</translation>
    </message>
    <message>
        <source>it had no checkpoint yet</source>
        <translation>it had no checkpoint yet</translation>
    </message>
    <message>
        <source>its last good checkpoint is %1</source>
        <translation>its last good checkpoint is %1</translation>
    </message>
    <message>
        <source>%1 at step %2 (learning rate %3). The run stopped; %4. Lower the learning rate or lengthen the warmup, then start again or resume.</source>
        <translation>%1 at step %2 (learning rate %3). The run stopped; %4. Lower the learning rate or lengthen the warmup, then start again or resume.</translation>
    </message>
    <message>
        <source>could not %1 %2: %3 (the disk is full or the file is too large: free some space and try again; nothing already saved was changed)</source>
        <translation>could not %1 %2: %3 (the disk is full or the file is too large: free some space and try again; nothing already saved was changed)</translation>
    </message>
    <message>
        <source>could not %1 %2: %3</source>
        <translation>could not %1 %2: %3</translation>
    </message>
    <message>
        <source>read</source>
        <translation>read</translation>
    </message>
    <message>
        <source>flush</source>
        <translation>flush</translation>
    </message>
    <message>
        <source>close</source>
        <translation>close</translation>
    </message>
    <message>
        <source>replace</source>
        <translation>replace</translation>
    </message>
    <message>
        <source>%1 holds a demo made with other settings (a smaller or shorter one): its runs would be kept as they are. Run this demo in another folder, or delete that one to start over</source>
        <translation>%1 holds a demo made with other settings (a smaller or shorter one): its runs would be kept as they are. Run this demo in another folder, or delete that one to start over</translation>
    </message>
    <message>
        <source>device '%1' is not here: this machine has CUDA GPUs 0 to %2</source>
        <translation>device '%1' is not here: this machine has CUDA GPUs 0 to %2</translation>
    </message>
    <message>
        <source>device '%1' is unknown: use auto, cpu, cuda or cuda:N</source>
        <translation>device '%1' is unknown: use auto, cpu, cuda or cuda:N</translation>
    </message>
    <message>
        <source>this run needs about %1 but %2 has %3 to spare: it may run out of memory. A micro-batch of %4 would fit (turn on the automatic batch fit).</source>
        <translation>this run needs about %1 but %2 has %3 to spare: it may run out of memory. A micro-batch of %4 would fit (turn on the automatic batch fit).</translation>
    </message>
    <message>
        <source>a micro-batch of %1 needs about %2 but %3 has %4 to spare</source>
        <translation>a micro-batch of %1 needs about %2 but %3 has %4 to spare</translation>
    </message>
    <message>
        <source>%1: training with micro-batches of %2 and %3 accumulation steps (the same %4 sequences a step)</source>
        <translation>%1: training with micro-batches of %2 and %3 accumulation steps (the same %4 sequences a step)</translation>
    </message>
    <message>
        <source>out of memory at step %1 with micro-batches of %2</source>
        <translation>out of memory at step %1 with micro-batches of %2</translation>
    </message>
    <message>
        <source>%1 ran out of memory at step %2 (micro-batches of %3 sequences of %4 tokens, about %5 estimated). The run stopped; %6. Lower the batch size or the sequence length, or turn on activation checkpointing, then start again or resume.</source>
        <translation>%1 ran out of memory at step %2 (micro-batches of %3 sequences of %4 tokens, about %5 estimated). The run stopped; %6. Lower the batch size or the sequence length, or turn on activation checkpointing, then start again or resume.</translation>
    </message>
    <message>
        <source>this run needs about %1 but %2 has %3 to spare, and not even a micro-batch of 1 would fit: it may run out of memory. Shorten the sequence or turn on activation checkpointing.</source>
        <translation>this run needs about %1 but %2 has %3 to spare, and not even a micro-batch of 1 would fit: it may run out of memory. Shorten the sequence or turn on activation checkpointing.</translation>
    </message>
    <message>
        <source>%1 ran out of memory after step %2, while validating or writing a sample (micro-batches of %3 sequences of %4 tokens, about %5 estimated). The run stopped; %6. Lower the batch size or the validation batches, then resume.</source>
        <translation>%1 ran out of memory after step %2, while validating or writing a sample (micro-batches of %3 sequences of %4 tokens, about %5 estimated). The run stopped; %6. Lower the batch size or the validation batches, then resume.</translation>
    </message>
    <message>
        <source>project database: run %1 has stage '%2' and status '%3', which this version of ChatTrain does not know</source>
        <translation>project database: run %1 has stage '%2' and status '%3', which this version of ChatTrain does not know</translation>
    </message>
    <message>
        <source>checkpoint %1 was trained with another tokenizer (%2) than the project's %3 (%4): use a checkpoint trained in this project</source>
        <translation>checkpoint %1 was trained with another tokenizer (%2) than the project's %3 (%4): use a checkpoint trained in this project</translation>
    </message>
    <message>
        <source>run %1 already exists: pick another name or resume it</source>
        <translation>run %1 already exists: pick another name or resume it</translation>
    </message>
    <message>
        <source>run %1 does not exist</source>
        <translation>run %1 does not exist</translation>
    </message>
    <message>
        <source>the environment variable %1 is '%2', which is not a number of processes, a rank or a port</source>
        <translation>the environment variable %1 is '%2', which is not a number of processes, a rank or a port</translation>
    </message>
    <message>
        <source>rank %1 of %2 lost contact with the other processes of the run (one of them ended or stopped answering for %3 s): %4. The last checkpoint is kept; resume the run.</source>
        <translation>rank %1 of %2 lost contact with the other processes of the run (one of them ended or stopped answering for %3 s): %4. The last checkpoint is kept; resume the run.</translation>
    </message>
    <message>
        <source>RANK is %1 but WORLD_SIZE is %2: ranks go from 0 to WORLD_SIZE - 1</source>
        <translation>RANK is %1 but WORLD_SIZE is %2: ranks go from 0 to WORLD_SIZE - 1</translation>
    </message>
    <message>
        <source>MASTER_PORT %1 is no TCP port (1 to 65535)</source>
        <translation>MASTER_PORT %1 is no TCP port (1 to 65535)</translation>
    </message>
    <message>
        <source>rank 0 could not listen on %1 (%2): is another run using that port? Choose another MASTER_PORT</source>
        <translation>rank 0 could not listen on %1 (%2): is another run using that port? Choose another MASTER_PORT</translation>
    </message>
    <message>
        <source>rank %1 could not reach rank 0 at %2 within %3 s (%4): check MASTER_ADDR and MASTER_PORT, and that rank 0 has started</source>
        <translation>rank %1 could not reach rank 0 at %2 within %3 s (%4): check MASTER_ADDR and MASTER_PORT, and that rank 0 has started</translation>
    </message>
    <message>
        <source>rank %1 was told WORLD_SIZE %2, rank 0 another: start every process of the run with the same WORLD_SIZE</source>
        <translation>rank %1 was told WORLD_SIZE %2, rank 0 another: start every process of the run with the same WORLD_SIZE</translation>
    </message>
    <message>
        <source>rank %1 of %2 could not form the process group at %3 within %4 s: %5</source>
        <translation>rank %1 of %2 could not form the process group at %3 within %4 s: %5</translation>
    </message>
    <message>
        <source>%1 processes share each step's micro-batches</source>
        <translation>%1 processes share each step's micro-batches</translation>
    </message>
    <message>
        <source>a step of %1 sequences cannot be shared among %2 processes: make the batch size times the gradient accumulation a multiple of %2</source>
        <translation>a step of %1 sequences cannot be shared among %2 processes: make the batch size times the gradient accumulation a multiple of %2</translation>
    </message>
    <message>
        <source>no free local port for the processes to meet on: %1</source>
        <translation>no free local port for the processes to meet on: %1</translation>
    </message>
    <message>
        <source>could not start process %1: %2</source>
        <translation>could not start process %1: %2</translation>
    </message>
    <message>
        <source>rank %1 would train micro-batches of %2 but rank 0 of %3: give every process the same settings and the same project folder (memory_limit_mb fixes the micro-batch)</source>
        <translation>rank %1 would train micro-batches of %2 but rank 0 of %3: give every process the same settings and the same project folder (memory_limit_mb fixes the micro-batch)</translation>
    </message>
    <message>
        <source>cannot read the training job: %1</source>
        <translation>cannot read the training job: %1</translation>
    </message>
    <message>
        <source>this training job was written by another version of ChatTrain</source>
        <translation>this training job was written by another version of ChatTrain</translation>
    </message>
    <message>
        <source>stage '%1' does not train in several processes</source>
        <translation>stage '%1' does not train in several processes</translation>
    </message>
    <message>
        <source>not a training job: %1</source>
        <translation>not a training job: %1</translation>
    </message>
    <message>
        <source>%1 needs prompts: choose a prompt set</source>
        <translation>%1 needs prompts: choose a prompt set</translation>
    </message>
    <message>
        <source>%1 needs a reward model: train one first</source>
        <translation>%1 needs a reward model: train one first</translation>
    </message>
    <message>
        <source>GRPO compares the answers to each prompt with each other: answer each prompt at least twice (%1 now)</source>
        <translation>GRPO compares the answers to each prompt with each other: answer each prompt at least twice (%1 now)</translation>
    </message>
    <message>
        <source>resuming %6 at iteration %5: %1 parameters on %2, %3 prompts, %4</source>
        <translation>resuming %6 at iteration %5: %1 parameters on %2, %3 prompts, %4</translation>
    </message>
    <message>
        <source>starting %6: %1 parameters on %2, %3 prompts, %4</source>
        <translation>starting %6: %1 parameters on %2, %3 prompts, %4</translation>
    </message>
    <message>
        <source>Another process of the run found the rollouts unhealthy.</source>
        <translation>Another process of the run found the rollouts unhealthy.</translation>
    </message>
    <message>
        <source>could not start the chattrain program: %1</source>
        <translation>could not start the chattrain program: %1</translation>
    </message>
    <message>
        <source>%1
The processes said:
%2</source>
        <translation>%1
The processes said:
%2</translation>
    </message>
    <message>
        <source>the training processes were ended by signal %1 before the run finished:
%2</source>
        <translation>the training processes were ended by signal %1 before the run finished:
%2</translation>
    </message>
    <message>
        <source>the training processes exited with code %1 before the run finished:
%2</source>
        <translation>the training processes exited with code %1 before the run finished:
%2</translation>
    </message>
    <message>
        <source>answers per prompt for an evaluation must be from 1 to 64, not %1</source>
        <translation>answers per prompt for an evaluation must be from 1 to 64, not %1</translation>
    </message>
    <message>
        <source>cannot open the lock file %1: %2</source>
        <translation>cannot open the lock file %1: %2</translation>
    </message>
    <message>
        <source>cannot lock %1: %2</source>
        <translation>cannot lock %1: %2</translation>
    </message>
    <message>
        <source>run %1 is in use by process %2 (%3, since %4): wait until it ends, or stop it there</source>
        <translation>run %1 is in use by process %2 (%3, since %4): wait until it ends, or stop it there</translation>
    </message>
    <message>
        <source>answers to prompt set %1 are being generated by process %2 (%3, since %4): wait until it ends, or stop it there</source>
        <translation>answers to prompt set %1 are being generated by process %2 (%3, since %4): wait until it ends, or stop it there</translation>
    </message>
    <message>
        <source>no answer had a better form than another, so the judge ranked them by their whole score (form and content)</source>
        <translation>no answer had a better form than another, so the judge ranked them by their whole score (form and content)</translation>
    </message>
    <message>
        <source>the normalisation epsilon must be a positive number, not %1</source>
        <translation>the normalisation epsilon must be a positive number, not %1</translation>
    </message>
    <message>
        <source>the rotary base (rope_theta) must be a positive number, not %1</source>
        <translation>the rotary base (rope_theta) must be a positive number, not %1</translation>
    </message>
    <message>
        <source>step %1 is not the checkpoint's step (%2 in config.json): the checkpoint is damaged; resume from another one</source>
        <translation>step %1 is not the checkpoint's step (%2 in config.json): the checkpoint is damaged; resume from another one</translation>
    </message>
    <message>
        <source>step %1 is negative</source>
        <translation>step %1 is negative</translation>
    </message>
    <message>
        <source>is a KTO rating (an answer marked good or bad by "label"), not a dialogue to imitate: import the file as rankings (Ranking page, or chattrain rankings import), where the good and bad answers to one prompt become preference pairs</source>
        <translation>is a KTO rating (an answer marked good or bad by "label"), not a dialogue to imitate: import the file as rankings (Ranking page, or chattrain rankings import), where the good and bad answers to one prompt become preference pairs</translation>
    </message>
    <message>
        <source>pair choice '%1' is unknown: use all or first-last</source>
        <translation>pair choice '%1' is unknown: use all or first-last</translation>
    </message>
    <message>
        <source>preference format '%1' is unknown: use auto, rankings, pairs, hh-rlhf, ultrafeedback or kto</source>
        <translation>preference format '%1' is unknown: use auto, rankings, pairs, hh-rlhf, ultrafeedback or kto</translation>
    </message>
    <message>
        <source>field "%1" is not true or false</source>
        <translation>field "%1" is not true or false</translation>
    </message>
    <message>
        <source>field "%1" has no user's turn before the answer</source>
        <translation>field "%1" has no user's turn before the answer</translation>
    </message>
    <message>
        <source>is in no known preference layout (%1)</source>
        <translation>is in no known preference layout (%1)</translation>
    </message>
    <message>
        <source>record is a KTO rating (label %1) whose prompt has no answer rated %2 in this file: nothing to compare it with, so it is left out</source>
        <translation>record is a KTO rating (label %1) whose prompt has no answer rated %2 in this file: nothing to compare it with, so it is left out</translation>
    </message>
    <message>
        <source>tensor %1 is stored as %2, not as floating-point weights: the file is damaged</source>
        <translation>tensor %1 is stored as %2, not as floating-point weights: the file is damaged</translation>
    </message>
    <message>
        <source>tensor %1 holds NaN or infinite values: the weights are damaged (a run that diverged, or a broken file)</source>
        <translation>tensor %1 holds NaN or infinite values: the weights are damaged (a run that diverged, or a broken file)</translation>
    </message>
    <message>
        <source>refers to pictures or sound (field "%1"), which a text-only model cannot see</source>
        <translation>refers to pictures or sound (field "%1"), which a text-only model cannot see</translation>
    </message>
    <message>
        <source>refers to a picture (&lt;image&gt; in its text), which a text-only model cannot see</source>
        <translation>refers to a picture (&lt;image&gt; in its text), which a text-only model cannot see</translation>
    </message>
    <message>
        <source>kept without its "tools" definitions (this model does not call tools)</source>
        <translation>kept without its "tools" definitions (this model does not call tools)</translation>
    </message>
    <message>
        <source>kept with the placeholder %1, which is learned as written: fill it in before importing</source>
        <translation>kept with the placeholder %1, which is learned as written: fill it in before importing</translation>
    </message>
    <message>
        <source>embedded: demo dialogues from chinese-poetry</source>
        <translation>embedded: demo dialogues from chinese-poetry</translation>
    </message>
    <message>
        <source>embedded: demo dialogues, held out</source>
        <translation>embedded: demo dialogues, held out</translation>
    </message>
    <message>
        <source>embedded: chinese-poetry (MIT)</source>
        <translation>embedded: chinese-poetry (MIT)</translation>
    </message>
    <message>
        <source>the run trains on dataset '%1', which the project no longer has as a text dataset</source>
        <translation>the run trains on dataset '%1', which the project no longer has as a text dataset</translation>
    </message>
    <message>
        <source>the project has no dataset named '%1'</source>
        <translation>the project has no dataset named '%1'</translation>
    </message>
    <message>
        <source>not a list of dataset names: %1</source>
        <translation>not a list of dataset names: %1</translation>
    </message>
    <message>
        <source>dataset '%1' holds dialogues, which fine-tuning reads; pretraining reads text datasets</source>
        <translation>dataset '%1' holds dialogues, which fine-tuning reads; pretraining reads text datasets</translation>
    </message>
    <message>
        <source>every conversation is longer than the sequence of %1 tokens: let their start be cut, or fine-tune a model with a longer context</source>
        <translation>every conversation is longer than the sequence of %1 tokens: let their start be cut, or fine-tune a model with a longer context</translation>
    </message>
    <message>
        <source>%1 (and %2 more for the same reason: lines %3)</source>
        <translation>%1 (and %2 more for the same reason: lines %3)</translation>
    </message>
    <message>
        <source>is UTF-16 with an odd number of bytes (cut short?)</source>
        <translation>is UTF-16 with an odd number of bytes (cut short?)</translation>
    </message>
    <message>
        <source>is UTF-16 with a broken character (a lone surrogate at byte %1)</source>
        <translation>is UTF-16 with a broken character (a lone surrogate at byte %1)</translation>
    </message>
    <message>
        <source>is UTF-32 text; convert it to UTF-8 first, e.g. iconv -f UTF-32 -t UTF-8</source>
        <translation>is UTF-32 text; convert it to UTF-8 first, e.g. iconv -f UTF-32 -t UTF-8</translation>
    </message>
    <message>
        <source>holds a NUL character (\u0000): is it binary data?</source>
        <translation>holds a NUL character (\u0000): is it binary data?</translation>
    </message>
    <message>
        <source>%1 must be text, not %2</source>
        <translation>%1 must be text, not %2</translation>
    </message>
    <message>
        <source>%1 must be a whole number, not %2</source>
        <translation>%1 must be a whole number, not %2</translation>
    </message>
    <message>
        <source>%1 must be a number, not %2</source>
        <translation>%1 must be a number, not %2</translation>
    </message>
    <message>
        <source>%1 must be true or false, not %2</source>
        <translation>%1 must be true or false, not %2</translation>
    </message>
    <message>
        <source>has no "weight_map" of tensor names to shard files in this folder</source>
        <translation>has no "weight_map" of tensor names to shard files in this folder</translation>
    </message>
    <message>
        <source>its header is not a JSON object</source>
        <translation>its header is not a JSON object</translation>
    </message>
    <message>
        <source>tensor %1 has a negative size in its shape</source>
        <translation>tensor %1 has a negative size in its shape</translation>
    </message>
    <message>
        <source>its tensors leave a gap or overlap at data byte %1 (header size wrong?)</source>
        <translation>its tensors leave a gap or overlap at data byte %1 (header size wrong?)</translation>
    </message>
    <message>
        <source>its tensors end at data byte %1 but the file has %2 (header size wrong?)</source>
        <translation>its tensors end at data byte %1 but the file has %2 (header size wrong?)</translation>
    </message>
    <message>
        <source>%1: the project's catalogue of datasets, runs and rankings is lost, while its files (runs/, data/, tokenizer/) are untouched. Rebuild it from them with 'chattrain project repair %2', or restore %3 from a backup; the project is not opened, so nothing more is lost</source>
        <translation>%1: the project's catalogue of datasets, runs and rankings is lost, while its files (runs/, data/, tokenizer/) are untouched. Rebuild it from them with 'chattrain project repair %2', or restore %3 from a backup; the project is not opened, so nothing more is lost</translation>
    </message>
    <message>
        <source>%1:%2: not read back: %3</source>
        <translation>%1:%2: not read back: %3</translation>
    </message>
    <message>
        <source>%1 is missing</source>
        <translation>%1 is missing</translation>
    </message>
    <message>
        <source>%1 is empty (0 bytes)</source>
        <translation>%1 is empty (0 bytes)</translation>
    </message>
    <message>
        <source>%1 is damaged: it is not an SQLite database</source>
        <translation>%1 is damaged: it is not an SQLite database</translation>
    </message>
    <message>
        <source>%1 is not a ChatTrain project: it has neither runs/ nor data/</source>
        <translation>%1 is not a ChatTrain project: it has neither runs/ nor data/</translation>
    </message>
    <message>
        <source>the catalogue of %1 is readable: there is nothing to repair</source>
        <translation>the catalogue of %1 is readable: there is nothing to repair</translation>
    </message>
    <message>
        <source>%1 holds no dataset file: left out</source>
        <translation>%1 holds no dataset file: left out</translation>
    </message>
    <message>
        <source>%1 has no checkpoint: left out</source>
        <translation>%1 has no checkpoint: left out</translation>
    </message>
    <message>
        <source>%1 names an unknown stage '%2'</source>
        <translation>%1 names an unknown stage '%2'</translation>
    </message>
    <message>
        <source>run %1 left out: %2</source>
        <translation>run %1 left out: %2</translation>
    </message>
    <message>
        <source>prompt sets, their answers and rankings, and saved chats were kept only in the catalogue: merge an export of the rankings (chattrain rankings import) to get them back</source>
        <translation>prompt sets, their answers and rankings, and saved chats were kept only in the catalogue: merge an export of the rankings (chattrain rankings import) to get them back</translation>
    </message>
    <message>
        <source>is damaged: the checkpoint cannot be checked; resume from another one</source>
        <translation>is damaged: the checkpoint cannot be checked; resume from another one</translation>
    </message>
    <message>
        <source>does not match the checksum saved with it in %1: the file changed after it was written (a damaged disk or copy?); resume from another checkpoint</source>
        <translation>does not match the checksum saved with it in %1: the file changed after it was written (a damaged disk or copy?); resume from another checkpoint</translation>
    </message>
    <message>
        <source>%1 is %2, not a number: the checkpoint is damaged; resume from another one</source>
        <translation>%1 is %2, not a number: the checkpoint is damaged; resume from another one</translation>
    </message>
    <message>
        <source>%1 holds no prompt to add: no prompt set was made</source>
        <translation>%1 holds no prompt to add: no prompt set was made</translation>
    </message>
    <message>
        <source>record of %1 bytes is too large for the memory available</source>
        <translation>record of %1 bytes is too large for the memory available</translation>
    </message>
    <message>
        <source>the model's output is not a number: its weights are damaged</source>
        <translation>the model's output is not a number: its weights are damaged</translation>
    </message>
</context>
<context>
    <name>Report</name>
    <message>
        <source>Pretraining</source>
        <translation>Pretraining</translation>
    </message>
    <message>
        <source>Supervised fine-tuning (SFT)</source>
        <translation>Supervised fine-tuning (SFT)</translation>
    </message>
    <message>
        <source>Reward model</source>
        <translation>Reward model</translation>
    </message>
    <message>
        <source>RLHF with PPO</source>
        <translation>RLHF with PPO</translation>
    </message>
    <message>
        <source>DPO</source>
        <translation>DPO</translation>
    </message>
    <message>
        <source>Evidence: the checkpoints on held-out prompts</source>
        <translation>Evidence: the checkpoints on held-out prompts</translation>
    </message>
    <message>
        <source>Held out: none of these prompts appears in another prompt set of the project, so no ranking, reward model or RLHF run has trained on them.</source>
        <translation>Held out: none of these prompts appears in another prompt set of the project, so no ranking, reward model or RLHF run has trained on them.</translation>
    </message>
    <message>
        <source>Not fully held out: %1 of these prompts also appear in another prompt set of the project, so a stage may have trained on them.</source>
        <translation>Not fully held out: %1 of these prompts also appear in another prompt set of the project, so a stage may have trained on them.</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Stage</translation>
    </message>
    <message>
        <source>Checkpoint</source>
        <translation>Checkpoint</translation>
    </message>
    <message>
        <source>Reward</source>
        <translation>Reward</translation>
    </message>
    <message>
        <source>Against the first</source>
        <translation>Against the first</translation>
    </message>
    <message>
        <source>Judge</source>
        <translation>Judge</translation>
    </message>
    <message>
        <source>Characters</source>
        <translation>Characters</translation>
    </message>
    <message>
        <source>%1 does not score clearly higher than %2.</source>
        <translation>%1 does not score clearly higher than %2.</translation>
    </message>
    <message>
        <source>Sample answers to held-out prompts</source>
        <translation>Sample answers to held-out prompts</translation>
    </message>
    <message>
        <source>Prompt %1</source>
        <translation>Prompt %1</translation>
    </message>
    <message>
        <source>Prompt:</source>
        <translation>Prompt:</translation>
    </message>
    <message>
        <source>Reference:</source>
        <translation>Reference:</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Made</source>
        <translation>Made</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>Steps</translation>
    </message>
    <message>
        <source>Time training</source>
        <translation>Time training</translation>
    </message>
    <message>
        <source>Started from</source>
        <translation>Started from</translation>
    </message>
    <message>
        <source>Settings:</source>
        <translation>Settings:</translation>
    </message>
    <message>
        <source>Metric</source>
        <translation>Metric</translation>
    </message>
    <message>
        <source>Final (tokens/s: mean)</source>
        <translation>Final (tokens/s: mean)</translation>
    </message>
    <message>
        <source>First</source>
        <translation>First</translation>
    </message>
    <message>
        <source>ChatTrain report: %1</source>
        <translation>ChatTrain report: %1</translation>
    </message>
    <message>
        <source>Project %1, written %2.</source>
        <translation>Project %1, written %2.</translation>
    </message>
    <message>
        <source>No evaluation yet: evaluate the checkpoints to compare SFT with PPO and DPO.</source>
        <translation>No evaluation yet: evaluate the checkpoints to compare SFT with PPO and DPO.</translation>
    </message>
    <message>
        <source>No training run yet.</source>
        <translation>No training run yet.</translation>
    </message>
    <message>
        <source>Form</source>
        <translation>Form</translation>
    </message>
    <message>
        <source>%1 scores clearly higher than %2 on both the reward model and the judge's form.</source>
        <translation>%1 scores clearly higher than %2 on both the reward model and the judge's form.</translation>
    </message>
    <message>
        <source>%1 scores clearly higher than %2 on the reward model, not on the judge's form.</source>
        <translation>%1 scores clearly higher than %2 on the reward model, not on the judge's form.</translation>
    </message>
    <message>
        <source>%1 scores clearly higher than %2 on the judge's form, not on the reward model.</source>
        <translation>%1 scores clearly higher than %2 on the judge's form, not on the reward model.</translation>
    </message>
    <message>
        <source>%1 (reward %2, form %3, judge %4):</source>
        <translation>%1 (reward %2, form %3, judge %4):</translation>
    </message>
    <message>
        <source>Imported model</source>
        <translation>Imported model</translation>
    </message>
    <message>
        <source>running</source>
        <translation>running</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>finished</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>stopped</translation>
    </message>
    <message>
        <source>diverged</source>
        <translation>diverged</translation>
    </message>
    <message>
        <source>out of memory</source>
        <translation>out of memory</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>failed</translation>
    </message>
    <message>
        <source>RLHF with GRPO</source>
        <translation>RLHF with GRPO</translation>
    </message>
    <message>
        <source>%1 prompts of the set "%2", made %3. Every checkpoint answered every prompt with the same sampling settings (%5) and the same seeds per prompt; answers per prompt: %4 (a prompt's scores are the means over its answers).</source>
        <translation>%1 prompts of the set "%2", made %3. Every checkpoint answered every prompt with the same sampling settings (%5) and the same seeds per prompt; answers per prompt: %4 (a prompt's scores are the means over its answers).</translation>
    </message>
    <message>
        <source>The reward model on these held-out answers: of the %1 pairs of answers to one prompt whose form differs, it scores the one with the better form higher in %2.</source>
        <translation>The reward model on these held-out answers: of the %1 pairs of answers to one prompt whose form differs, it scores the one with the better form higher in %2.</translation>
    </message>
    <message>
        <source>Reward: the reward model %1. Form: the rule-based judge's checkable metric (for demos and tests only), how much of an answer has the form its prompt asks for, from 0 to 1: verse lines of two equal halves of five or seven characters (in the measure of a line the prompt quotes), or the reference answer's sentence pattern, repeating the title the prompt names. Judge: the judge's whole score, the mean of the form and the characters the answer shares with the reference. "Against the first": the mean difference from the first checkpoint on the same prompts, ± twice its standard error. "KL to the first": how far a checkpoint moved from the first, in nats per answer at the sampling temperature, estimated on its own answers (a stage that scores higher only far from the first has likely found what the reward model gets wrong).</source>
        <translation>Reward: the reward model %1. Form: the rule-based judge's checkable metric (for demos and tests only), how much of an answer has the form its prompt asks for, from 0 to 1: verse lines of two equal halves of five or seven characters (in the measure of a line the prompt quotes), or the reference answer's sentence pattern, repeating the title the prompt names. Judge: the judge's whole score, the mean of the form and the characters the answer shares with the reference. "Against the first": the mean difference from the first checkpoint on the same prompts, ± twice its standard error. "KL to the first": how far a checkpoint moved from the first, in nats per answer at the sampling temperature, estimated on its own answers (a stage that scores higher only far from the first has likely found what the reward model gets wrong).</translation>
    </message>
    <message>
        <source>KL to the first</source>
        <translation>KL to the first</translation>
    </message>
    <message>
        <source>training loss</source>
        <translation>training loss</translation>
    </message>
    <message>
        <source>validation loss</source>
        <translation>validation loss</translation>
    </message>
    <message>
        <source>tokens per second</source>
        <translation>tokens per second</translation>
    </message>
    <message>
        <source>held-out accuracy</source>
        <translation>held-out accuracy</translation>
    </message>
    <message>
        <source>mean margin</source>
        <translation>mean margin</translation>
    </message>
    <message>
        <source>log-probability of chosen answers</source>
        <translation>log-probability of chosen answers</translation>
    </message>
    <message>
        <source>log-probability of rejected answers</source>
        <translation>log-probability of rejected answers</translation>
    </message>
    <message>
        <source>reward</source>
        <translation>reward</translation>
    </message>
    <message>
        <source>KL to the reference</source>
        <translation>KL to the reference</translation>
    </message>
    <message>
        <source>entropy</source>
        <translation>entropy</translation>
    </message>
    <message>
        <source>answer length</source>
        <translation>answer length</translation>
    </message>
    <message>
        <source>clip fraction</source>
        <translation>clip fraction</translation>
    </message>
    <message>
        <source>approximate KL</source>
        <translation>approximate KL</translation>
    </message>
    <message>
        <source>value loss</source>
        <translation>value loss</translation>
    </message>
    <message>
        <source>prompts whose answers all scored alike</source>
        <translation>prompts whose answers all scored alike</translation>
    </message>
    <message>
        <source>share of time answering</source>
        <translation>share of time answering</translation>
    </message>
    <message>
        <source>share of time on log-probabilities</source>
        <translation>share of time on log-probabilities</translation>
    </message>
    <message>
        <source>share of time scoring</source>
        <translation>share of time scoring</translation>
    </message>
    <message>
        <source>share of time updating</source>
        <translation>share of time updating</translation>
    </message>
</context>
<context>
    <name>chattrain::ui</name>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>ETA %1</source>
        <translation>ETA %1</translation>
    </message>
</context>
<context>
    <name>chattrain::ui::BackgroundTask</name>
    <message>
        <source>Cancelled; nothing was changed.</source>
        <translation>Cancelled; nothing was changed.</translation>
    </message>
</context>
<context>
    <name>chattrain::ui::ChatPage</name>
    <message>
        <source>Export chats</source>
        <translation>Export chats</translation>
    </message>
    <message>
        <source>JSON lines (*.jsonl)</source>
        <translation>JSON lines (*.jsonl)</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>Export failed</translation>
    </message>
    <message>
        <source>Could not write %1</source>
        <translation>Could not write %1</translation>
    </message>
    <message>
        <source>System prompt</source>
        <translation>System prompt</translation>
    </message>
    <message>
        <source>Optional, e.g. You are a helpful assistant who knows Tang poetry.</source>
        <translation>Optional, e.g. You are a helpful assistant who knows Tang poetry.</translation>
    </message>
    <message>
        <source>Sampling</source>
        <translation>Sampling</translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation>Temperature</translation>
    </message>
    <message>
        <source>Top-k</source>
        <translation>Top-k</translation>
    </message>
    <message>
        <source>Top-p</source>
        <translation>Top-p</translation>
    </message>
    <message>
        <source>Repetition penalty</source>
        <translation>Repetition penalty</translation>
    </message>
    <message>
        <source>Max new tokens</source>
        <translation>Max new tokens</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>Seed</translation>
    </message>
    <message>
        <source>0 always picks the likeliest token; higher is more varied</source>
        <translation>0 always picks the likeliest token; higher is more varied</translation>
    </message>
    <message>
        <source>Sample among the k likeliest tokens (0: all)</source>
        <translation>Sample among the k likeliest tokens (0: all)</translation>
    </message>
    <message>
        <source>Sample among the likeliest tokens that together reach this probability</source>
        <translation>Sample among the likeliest tokens that together reach this probability</translation>
    </message>
    <message>
        <source>Above 1 discourages repeating tokens already in the conversation</source>
        <translation>Above 1 discourages repeating tokens already in the conversation</translation>
    </message>
    <message>
        <source>Side by side: ask two checkpoints, same seed</source>
        <translation>Side by side: ask two checkpoints, same seed</translation>
    </message>
    <message>
        <source>Saved chats</source>
        <translation>Saved chats</translation>
    </message>
    <message>
        <source>New chat</source>
        <translation>New chat</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>Export JSONL…</source>
        <translation>Export JSONL…</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Send</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Stop</translation>
    </message>
    <message>
        <source>Ask something, e.g. 《静夜思》的作者是谁？</source>
        <translation>Ask something, e.g. 《静夜思》的作者是谁？</translation>
    </message>
    <message>
        <source>Enter sends, Shift+Enter starts a new line. A pretrained-only checkpoint continues text; a fine-tuned one answers and stops.</source>
        <translation>Enter sends, Shift+Enter starts a new line. A pretrained-only checkpoint continues text; a fine-tuned one answers and stops.</translation>
    </message>
    <message>
        <source>Cannot open the chat</source>
        <translation>Cannot open the chat</translation>
    </message>
    <message>
        <source>Chat</source>
        <translation>Chat</translation>
    </message>
    <message>
        <source>Talk to any checkpoint of the project, or to two side by side to hear what a stage changed. Next: the Report measures them on held-out prompts.</source>
        <translation>Talk to any checkpoint of the project, or to two side by side to hear what a stage changed. Next: the Report measures them on held-out prompts.</translation>
    </message>
</context>
<context>
    <name>chattrain::ui::ChatPane</name>
    <message>
        <source>No checkpoint to answer: pretrain (and fine-tune) a model first.</source>
        <translation>No checkpoint to answer: pretrain (and fine-tune) a model first.</translation>
    </message>
    <message>
        <source>Answering…</source>
        <translation>Answering…</translation>
    </message>
    <message>
        <source>the model ended its answer</source>
        <translation>the model ended its answer</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>Not saved: %1</translation>
    </message>
    <message>
        <source>System: %1</source>
        <translation>System: %1</translation>
    </message>
    <message>
        <source>You</source>
        <translation>You</translation>
    </message>
    <message>
        <source>Assistant</source>
        <translation>Assistant</translation>
    </message>
    <message>
        <source>stopped at the token limit</source>
        <translation>stopped at the token limit</translation>
    </message>
    <message>
        <source>the context is full</source>
        <translation>the context is full</translation>
    </message>
    <message>
        <source>stopped by you</source>
        <translation>stopped by you</translation>
    </message>
    <message numerus="yes">
        <source>%n token(s) · %1 tokens/s · %2</source>
        <translation>
            <numerusform>%n token · %1 tokens/s · %2</numerusform><numerusform>%n tokens · %1 tokens/s · %2</numerusform></translation>
    </message>
</context>
<context>
    <name>chattrain::ui::CheckpointBox</name>
    <message>
        <source>(no checkpoint yet: pretrain first)</source>
        <translation>(no checkpoint yet: pretrain first)</translation>
    </message>
</context>
<context>
    <name>chattrain::ui::ContextFitLabel</name>
    <message>
        <source>Measuring the examples</source>
        <translation>Measuring the examples</translation>
    </message>
    <message>
        <source>Context of %1 tokens: %2 of %3 conversations fit whole.</source>
        <translation>Context of %1 tokens: %2 of %3 conversations fit whole.</translation>
    </message>
    <message>
        <source>%1 lose the start of their prompt (the answer stays whole), %2 the start of their answer too. The longest has %3 tokens; 95% fit in %4: a model with a longer context would keep them whole.</source>
        <translation>%1 lose the start of their prompt (the answer stays whole), %2 the start of their answer too. The longest has %3 tokens; 95% fit in %4: a model with a longer context would keep them whole.</translation>
    </message>
    <message>
        <source>Context of %1 tokens: %2 of %3 pairs fit whole.</source>
        <translation>Context of %1 tokens: %2 of %3 pairs fit whole.</translation>
    </message>
    <message>
        <source>%1 lose the start of their prompt (the answers stay whole), %2 the start of an answer too. The longest answer with its prompt has %3 tokens; 95% fit in %4: a model with a longer context would keep them whole.</source>
        <translation>%1 lose the start of their prompt (the answers stay whole), %2 the start of an answer too. The longest answer with its prompt has %3 tokens; 95% fit in %4: a model with a longer context would keep them whole.</translation>
    </message>
    <message>
        <source>Context of %1 tokens: %2 of %3 prompts fit with room for the answer.</source>
        <translation>Context of %1 tokens: %2 of %3 prompts fit with room for the answer.</translation>
    </message>
    <message>
        <source>%1 lose their start. The longest needs %2 tokens with the answer; 95% fit in %3: a shorter answer or a model with a longer context would keep them whole.</source>
        <translation>%1 lose their start. The longest needs %2 tokens with the answer; 95% fit in %3: a shorter answer or a model with a longer context would keep them whole.</translation>
    </message>
    <message>
        <source>%1 longer than the context are left out, as chosen below: nothing of them is trained on. The longest has %2 tokens; 95% fit in %3: a model with a longer context would keep them.</source>
        <translation>%1 longer than the context are left out, as chosen below: nothing of them is trained on. The longest has %2 tokens; 95% fit in %3: a model with a longer context would keep them.</translation>
    </message>
</context>
<context>
    <name>chattrain::ui::DataPage</name>
    <message>
        <source>Add files</source>
        <translation>Add files</translation>
    </message>
    <message>
        <source>Text and data (*.txt *.md *.markdown *.jsonl *.ndjson *.json);;All files (*)</source>
        <translation>Text and data (*.txt *.md *.markdown *.jsonl *.ndjson *.json);;All files (*)</translation>
    </message>
    <message>
        <source>Add folder</source>
        <translation>Add folder</translation>
    </message>
    <message>
        <source>Add plain text or Markdown files, JSONL with a "text" field, or chinese-poetry JSON, or drop them here. Every record is checked: text must be UTF-8, JSON must parse; what is rejected is listed with its file and line.</source>
        <translation>Add plain text or Markdown files, JSONL with a "text" field, or chinese-poetry JSON, or drop them here. Every record is checked: text must be UTF-8, JSON must parse; what is rejected is listed with its file and line.</translation>
    </message>
    <message>
        <source>Add files…</source>
        <translation>Add files…</translation>
    </message>
    <message>
        <source>Add folder…</source>
        <translation>Add folder…</translation>
    </message>
    <message>
        <source>Format:</source>
        <translation>Format:</translation>
    </message>
    <message>
        <source>Detect from the file</source>
        <translation>Detect from the file</translation>
    </message>
    <message>
        <source>Plain text</source>
        <translation>Plain text</translation>
    </message>
    <message>
        <source>Markdown</source>
        <translation>Markdown</translation>
    </message>
    <message>
        <source>JSONL ("text" field)</source>
        <translation>JSONL ("text" field)</translation>
    </message>
    <message>
        <source>chinese-poetry JSON</source>
        <translation>chinese-poetry JSON</translation>
    </message>
    <message>
        <source>Dataset name:</source>
        <translation>Dataset name:</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Preview</translation>
    </message>
    <message>
        <source>Rejected records</source>
        <translation>Rejected records</translation>
    </message>
    <message>
        <source>Datasets in this project</source>
        <translation>Datasets in this project</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>Documents</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Size</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Rejected</translation>
    </message>
    <message>
        <source>Reading</source>
        <translation>Reading</translation>
    </message>
    <message numerus="yes">
        <source>Read %n document(s); %1 rejected.</source>
        <translation>
            <numerusform>Read %n document; %1 rejected.</numerusform><numerusform>Read %n documents; %1 rejected.</numerusform></translation>
    </message>
    <message>
        <source>Nothing read yet.</source>
        <translation>Nothing read yet.</translation>
    </message>
    <message>
        <source>%1 documents, %2 characters, about %3 tokens with this project's tokenizer.</source>
        <translation>%1 documents, %2 characters, about %3 tokens with this project's tokenizer.</translation>
    </message>
    <message>
        <source>%1 documents, %2 characters (a tokenizer trained on them gives about one token per Chinese character).</source>
        <translation>%1 documents, %2 characters (a tokenizer trained on them gives about one token per Chinese character).</translation>
    </message>
    <message>
        <source>Importing</source>
        <translation>Importing</translation>
    </message>
    <message>
        <source>Dataset %1: %2 documents imported, %3 rejected.</source>
        <translation>Dataset %1: %2 documents imported, %3 rejected.</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>Data</translation>
    </message>
    <message>
        <source>Tokens</source>
        <translation>Tokens</translation>
    </message>
    <message>
        <source>not tokenized yet</source>
        <translation>not tokenized yet</translation>
    </message>
    <message>
        <source>Start here: import text to pretrain on (.txt, .md, .jsonl, a folder) and dialogues to fine-tune on. Next: the Tokenizer learns its pieces from this text.</source>
        <translation>Start here: import text to pretrain on (.txt, .md, .jsonl, a folder) and dialogues to fine-tune on. Next: the Tokenizer learns its pieces from this text.</translation>
    </message>
</context>
<context>
    <name>chattrain::ui::ExportDialog</name>
    <message>
        <source>Export metrics as CSV</source>
        <translation>Export metrics as CSV</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>Export as GGUF</source>
        <translation>Export as GGUF</translation>
    </message>
    <message>
        <source>GGUF (*.gguf)</source>
        <translation>GGUF (*.gguf)</translation>
    </message>
    <message>
        <source>Export into an empty folder</source>
        <translation>Export into an empty folder</translation>
    </message>
    <message>
        <source>There is no checkpoint to export yet: train one first.</source>
        <translation>There is no checkpoint to export yet: train one first.</translation>
    </message>
    <message>
        <source>Choose where to write the export.</source>
        <translation>Choose where to write the export.</translation>
    </message>
    <message>
        <source>Exporting %1…</source>
        <translation>Exporting %1…</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Export</translation>
    </message>
    <message>
        <source>Wrote %1 (%2 tensors, %3 MB).
Try it with llama.cpp: llama-cli -m "%1" -cnv
or with Ollama: a Modelfile with the line FROM %1, then ollama create and ollama run.</source>
        <translation>Wrote %1 (%2 tensors, %3 MB).
Try it with llama.cpp: llama-cli -m "%1" -cnv
or with Ollama: a Modelfile with the line FROM %1, then ollama create and ollama run.</translation>
    </message>
    <message>
        <source>Wrote the folder %1 (%2 tensors, %3 MB).
Try it with transformers: AutoModelForCausalLM.from_pretrained("%1"), and AutoTokenizer's apply_chat_template for the chat format.</source>
        <translation>Wrote the folder %1 (%2 tensors, %3 MB).
Try it with transformers: AutoModelForCausalLM.from_pretrained("%1"), and AutoTokenizer's apply_chat_template for the chat format.</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>Could not write %1: %2</translation>
    </message>
    <message numerus="yes">
        <source>Wrote %n points of %1 to %2.</source>
        <translation>
            <numerusform>Wrote %n points of %1 to %2.</numerusform><numerusform>Wrote %n points of %1 to %2.</numerusform></translation>
    </message>
    <message>
        <source>Wrote %1.
See every run's curves with: tensorboard --logdir "%2"</source>
        <translation>Wrote %1.
See every run's curves with: tensorboard --logdir "%2"</translation>
    </message>
    <message>
        <source>Checkpoint:</source>
        <translation>Checkpoint:</translation>
    </message>
    <message>
        <source>Format:</source>
        <translation>Format:</translation>
    </message>
    <message>
        <source>GGUF file — llama.cpp, Ollama, LM Studio</source>
        <translation>GGUF file — llama.cpp, Ollama, LM Studio</translation>
    </message>
    <message>
        <source>Hugging Face folder — transformers (LlamaForCausalLM)</source>
        <translation>Hugging Face folder — transformers (LlamaForCausalLM)</translation>
    </message>
    <message>
        <source>Weights:</source>
        <translation>Weights:</translation>
    </message>
    <message>
        <source>F32 (exact)</source>
        <translation>F32 (exact)</translation>
    </message>
    <message>
        <source>F16 (half the size)</source>
        <translation>F16 (half the size)</translation>
    </message>
    <message>
        <source>Write to:</source>
        <translation>Write to:</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <source>CSV…</source>
        <translation>CSV…</translation>
    </message>
    <message>
        <source>TensorBoard events</source>
        <translation>TensorBoard events</translation>
    </message>
    <message>
        <source>Runs write TensorBoard events as they train; this writes them again from the project, for runs from before or after deleting the files</source>
        <translation>Runs write TensorBoard events as they train; this writes them again from the project, for runs from before or after deleting the files</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>The chat template (ChatML) and the tokenizer travel with the model, so the exported model answers in the same format it was fine-tuned on.</source>
        <translation>The chat template (ChatML) and the tokenizer travel with the model, so the exported model answers in the same format it was fine-tuned on.</translation>
    </message>
    <message>
        <source>A checkpoint, to run elsewhere</source>
        <translation>A checkpoint, to run elsewhere</translation>
    </message>
    <message>
        <source>A run's metrics</source>
        <translation>A run's metrics</translation>
    </message>
    <message>
        <source>Run:</source>
        <translation>Run:</translation>
    </message>
    <message>
        <source>Import a Hugging Face model folder</source>
        <translation>Import a Hugging Face model folder</translation>
    </message>
    <message>
        <source>Importing %1…</source>
        <translation>Importing %1…</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>Imported %1 as run %2 (%3). Fine-tune it on the SFT page or talk with it on the Chat page.</source>
        <translation>Imported %1 as run %2 (%3). Fine-tune it on the SFT page or talk with it on the Chat page.</translation>
    </message>
    <message>
        <source>Export and import</source>
        <translation>Export and import</translation>
    </message>
    <message>
        <source>A model from transformers</source>
        <translation>A model from transformers</translation>
    </message>
    <message>
        <source>A Hugging Face Llama folder whose tokenizer.model is this project's (an export of ours, say) becomes a checkpoint to fine-tune or chat with.</source>
        <translation>A Hugging Face Llama folder whose tokenizer.model is this project's (an export of ours, say) becomes a checkpoint to fine-tune or chat with.</translation>
    </message>
    <message>
        <source>Import a folder…</source>
        <translation>Import a folder…</translation>
    </message>
</context>
<context>
    <name>chattrain::ui::MainWindow</name>
    <message>
        <source>ChatTrain Studio — %1</source>
        <translation>ChatTrain Studio — %1</translation>
    </message>
    <message>
        <source>ChatTrain Studio</source>
        <translation>ChatTrain Studio</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>&amp;New project…</source>
        <translation>&amp;New project…</translation>
    </message>
    <message>
        <source>&amp;Open project…</source>
        <translation>&amp;Open project…</translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation>Open &amp;recent</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <source>&amp;Presentation mode (large fonts)</source>
        <translation>&amp;Presentation mode (large fonts)</translation>
    </message>
    <message>
        <source>&amp;Dark theme</source>
        <translation>&amp;Dark theme</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Language</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>&amp;About ChatTrain Studio</source>
        <translation>&amp;About ChatTrain Studio</translation>
    </message>
    <message>
        <source>Project: %1</source>
        <translation>Project: %1</translation>
    </message>
    <message>
        <source>No project open</source>
        <translation>No project open</translation>
    </message>
    <message>
        <source>Training is running</source>
        <translation>Training is running</translation>
    </message>
    <message>
        <source>Stop the run (a checkpoint is saved) and quit?</source>
        <translation>Stop the run (a checkpoint is saved) and quit?</translation>
    </message>
    <message>
        <source>New project folder</source>
        <translation>New project folder</translation>
    </message>
    <message>
        <source>Cannot create the project</source>
        <translation>Cannot create the project</translation>
    </message>
    <message>
        <source>Open project folder</source>
        <translation>Open project folder</translation>
    </message>
    <message>
        <source>Cannot open the project</source>
        <translation>Cannot open the project</translation>
    </message>
    <message>
        <source>About ChatTrain Studio</source>
        <translation>About ChatTrain Studio</translation>
    </message>
    <message>
        <source>&lt;h3&gt;ChatTrain Studio %1&lt;/h3&gt;&lt;p&gt;Train your own small ChatGPT from scratch: tokenizer, pretraining, fine-tuning, ranking, reward model, RLHF and chat.&lt;/p&gt;&lt;p&gt;Qt %2 · LibTorch %3 · SentencePiece %4&lt;/p&gt;&lt;p&gt;Embedded corpus: Tang poems from chinese-poetry (MIT licence).&lt;/p&gt;</source>
        <translation>&lt;h3&gt;ChatTrain Studio %1&lt;/h3&gt;&lt;p&gt;Train your own small ChatGPT from scratch: tokenizer, pretraining, fine-tuning, ranking, reward model, RLHF and chat.&lt;/p&gt;&lt;p&gt;Qt %2 · LibTorch %3 · SentencePiece %4&lt;/p&gt;&lt;p&gt;Embedded corpus: Tang poems from chinese-poetry (MIT licence).&lt;/p&gt;</translation>
    </message>
    <message numerus="yes">
        <source>GPU: %n CUDA device(s)</source>
        <translation>
            <numerusform>GPU: %n CUDA device</numerusform><numerusform>GPU: %n CUDA devices</numerusform></translation>
    </message>
    <message>
        <source>CPU: %1 training thread(s) on %2 logical cores</source>
        <translation>CPU: %1 training thread(s) on %2 logical cores</translation>
    </message>
    <message>
        <source>Work in progress</source>
        <translation>Work in progress</translation>
    </message>
    <message>
        <source>GPU: %1, %2</source>
        <translation>GPU: %1, %2</translation>
    </message>
    <message>
        <source>Wait for the import, the tokenizer, the training or the answer to finish (or stop it) before opening another project.</source>
        <translation>Wait for the import, the tokenizer, the training or the answer to finish (or stop it) before opening another project.</translation>
    </message>
    <message>
        <source>The demo pipeline is running</source>
        <translation>The demo pipeline is running</translation>
    </message>
    <message>
        <source>Stop it (its current stage saves a checkpoint; run it again to continue) and quit?</source>
        <translation>Stop it (its current stage saves a checkpoint; run it again to continue) and quit?</translation>
    </message>
    <message>
        <source>&amp;Export and import models…</source>
        <translation>&amp;Export and import models…</translation>
    </message>
    <message numerus="yes">
        <source> (+%n more)</source>
        <translation>
            <numerusform> (+%n more)</numerusform><numerusform> (+%n more)</numerusform></translation>
    </message>
    <message>
        <source>&amp;Guide: the recipe step by step</source>
        <translation>&amp;Guide: the recipe step by step</translation>
    </message>
    <message>
        <source>Guide: the recipe step by step</source>
        <translation>Guide: the recipe step by step</translation>
    </message>
    <message>
        <source>Train your own small ChatGPT</source>
        <translation>Train your own small ChatGPT</translation>
    </message>
    <message>
        <source>The sidebar is the recipe by which ChatGPT was made, scaled down to run on your computer. Each step needs what the step before it gives. The demo project has everything for a first pass in minutes on a CPU: go down the sidebar and press Start on each page. Click a step to open its page.</source>
        <translation>The sidebar is the recipe by which ChatGPT was made, scaled down to run on your computer. Each step needs what the step before it gives. The demo project has everything for a first pass in minutes on a CPU: go down the sidebar and press Start on each page. Click a step to open its page.</translation>
    </message>
    <message>
        <source>Good to know</source>
        <translation>Good to know</translation>
    </message>
    <message>
        <source>Every setting says what it does in the line beside or under it.</source>
        <translation>Every setting says what it does in the line beside or under it.</translation>
    </message>
    <message>
        <source>Long work shows its progress with the time left and can be stopped; a stopped run resumes exactly where it stopped (Resume, or the Runs tab).</source>
        <translation>Long work shows its progress with the time left and can be stopped; a stopped run resumes exactly where it stopped (Resume, or the Runs tab).</translation>
    </message>
    <message>
        <source>On the Ranking page, keys 1–9 give the selected answer its place, Ctrl+Enter saves the ranking and shows the next prompt, Ctrl+Space skips it, Ctrl+Z undoes the last ranking saved.</source>
        <translation>On the Ranking page, keys 1–9 give the selected answer its place, Ctrl+Enter saves the ranking and shows the next prompt, Ctrl+Space skips it, Ctrl+Z undoes the last ranking saved.</translation>
    </message>
    <message>
        <source>View → Presentation mode enlarges everything for a room; Language switches between English and Chinese.</source>
        <translation>View → Presentation mode enlarges everything for a room; Language switches between English and Chinese.</translation>
    </message>
</context>
<context>
    <name>chattrain::ui::MetricChart</name>
    <message>
        <source>step</source>
        <translation>step</translation>
    </message>
</context>
<context>
    <name>chattrain::ui::OnlineRlTab</name>
    <message>
        <source>A GRPO run continues with Resume, from its own latest checkpoint.</source>
        <translation>A GRPO run continues with Resume, from its own latest checkpoint.</translation>
    </message>
    <message>
        <source>A PPO run continues with Resume, from its own latest checkpoint.</source>
        <translation>A PPO run continues with Resume, from its own latest checkpoint.</translation>
    </message>
    <message>
        <source>GRPO</source>
        <translation>GRPO</translation>
    </message>
    <message>
        <source>PPO</source>
        <translation>PPO</translation>
    </message>
    <message>
        <source>Start from (SFT)</source>
        <translation>Start from (SFT)</translation>
    </message>
    <message>
        <source>Reward from</source>
        <translation>Reward from</translation>
    </message>
    <message>
        <source>Reward model</source>
        <translation>Reward model</translation>
    </message>
    <message>
        <source>Prompt set</source>
        <translation>Prompt set</translation>
    </message>
    <message>
        <source>Iterations</source>
        <translation>Iterations</translation>
    </message>
    <message>
        <source>Prompts per batch</source>
        <translation>Prompts per batch</translation>
    </message>
    <message>
        <source>Answers per prompt</source>
        <translation>Answers per prompt</translation>
    </message>
    <message>
        <source>Longest answer (tokens)</source>
        <translation>Longest answer (tokens)</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>Learning rate</translation>
    </message>
    <message>
        <source>KL coefficient β</source>
        <translation>KL coefficient β</translation>
    </message>
    <message>
        <source>KL coefficient</source>
        <translation>KL coefficient</translation>
    </message>
    <message>
        <source>the reward model</source>
        <translation>the reward model</translation>
    </message>
    <message>
        <source>the rule-based judge (demos and tests only)</source>
        <translation>the rule-based judge (demos and tests only)</translation>
    </message>
    <message>
        <source>Each iteration samples a group of answers per prompt and scores them; an answer is pushed up or down by how much better or worse it scored than the rest of its group, on every one of its tokens. No value model is trained; β·KL in the loss keeps the policy near the SFT model. The run stops and says why if values turn NaN, the KL grows too large, or the answers collapse.</source>
        <translation>Each iteration samples a group of answers per prompt and scores them; an answer is pushed up or down by how much better or worse it scored than the rest of its group, on every one of its tokens. No value model is trained; β·KL in the loss keeps the policy near the SFT model. The run stops and says why if values turn NaN, the KL grows too large, or the answers collapse.</translation>
    </message>
    <message>
        <source>Each iteration samples answers to each prompt, scores them with the reward model, and takes PPO steps; a KL penalty (adapted toward a target) keeps the policy near the SFT model. The run stops and says why if values turn NaN, the KL grows too large, or the answers collapse.</source>
        <translation>Each iteration samples answers to each prompt, scores them with the reward model, and takes PPO steps; a KL penalty (adapted toward a target) keeps the policy near the SFT model. The run stops and says why if values turn NaN, the KL grows too large, or the answers collapse.</translation>
    </message>
    <message>
        <source>%1 starts from a fine-tuned checkpoint: run SFT first.</source>
        <translation>%1 starts from a fine-tuned checkpoint: run SFT first.</translation>
    </message>
    <message>
        <source>There is no reward model yet: train one on the Reward model page, or choose the rule-based judge.</source>
        <translation>There is no reward model yet: train one on the Reward model page, or choose the rule-based judge.</translation>
    </message>
</context>
<context>
    <name>chattrain::ui::PretrainPage</name>
    <message>
        <source>Model</source>
        <translation>Model</translation>
    </message>
    <message>
        <source>%1 parameters (vocabulary %2). Training memory about %3: weights %4, optimizer %5, activations %6.</source>
        <translation>%1 parameters (vocabulary %2). Training memory about %3: weights %4, optimizer %5, activations %6.</translation>
    </message>
    <message>
        <source>Pretrain</source>
        <translation>Pretrain</translation>
    </message>
    <message>
        <source>Preparing the data</source>
        <translation>Preparing the data</translation>
    </message>
    <message>
        <source>Preset</source>
        <translation>Preset</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>Layers</translation>
    </message>
    <message>
        <source>Width (d_model)</source>
        <translation>Width (d_model)</translation>
    </message>
    <message>
        <source>Attention heads</source>
        <translation>Attention heads</translation>
    </message>
    <message>
        <source>Context length</source>
        <translation>Context length</translation>
    </message>
    <message>
        <source>It fits the %1 available.</source>
        <translation>It fits the %1 available.</translation>
    </message>
    <message>
        <source>Only %1 is available: the run will take micro-batches of %2 with %3 accumulation steps.</source>
        <translation>Only %1 is available: the run will take micro-batches of %2 with %3 accumulation steps.</translation>
    </message>
    <message>
        <source>Only %1 is available: lower the batch size or the sequence length, or recompute activations.</source>
        <translation>Only %1 is available: lower the batch size or the sequence length, or recompute activations.</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>Data</translation>
    </message>
    <message>
        <source>The run reads the checked text datasets, each in proportion to its tokens: uncheck a large one for a small one to count.</source>
        <translation>The run reads the checked text datasets, each in proportion to its tokens: uncheck a large one for a small one to count.</translation>
    </message>
    <message>
        <source>%1 · %2 tokens</source>
        <translation>%1 · %2 tokens</translation>
    </message>
    <message>
        <source>%1 · %2 documents</source>
        <translation>%1 · %2 documents</translation>
    </message>
    <message>
        <source>Check at least one dataset for the run to read.</source>
        <translation>Check at least one dataset for the run to read.</translation>
    </message>
    <message>
        <source>Needs a tokenizer and text. Gives a model that continues text in the style of its data. Next: fine-tune it on dialogues (SFT).</source>
        <translation>Needs a tokenizer and text. Gives a model that continues text in the style of its data. Next: fine-tune it on dialogues (SFT).</translation>
    </message>
</context>
<context>
    <name>chattrain::ui::RankingPage</name>
    <message>
        <source>Import prompts</source>
        <translation>Import prompts</translation>
    </message>
    <message>
        <source>Prompts (*.txt *.json *.jsonl)</source>
        <translation>Prompts (*.txt *.json *.jsonl)</translation>
    </message>
    <message>
        <source>Export rankings</source>
        <translation>Export rankings</translation>
    </message>
    <message>
        <source>JSON Lines (*.jsonl)</source>
        <translation>JSON Lines (*.jsonl)</translation>
    </message>
    <message>
        <source>Export pairs</source>
        <translation>Export pairs</translation>
    </message>
    <message>
        <source>Import preferences</source>
        <translation>Import preferences</translation>
    </message>
    <message>
        <source>Preferences (*.json *.jsonl)</source>
        <translation>Preferences (*.json *.jsonl)</translation>
    </message>
    <message>
        <source>%v of %m prompts · %1</source>
        <translation>%v of %m prompts · %1</translation>
    </message>
    <message>
        <source>Prompts</source>
        <translation>Prompts</translation>
    </message>
    <message>
        <source>Candidate answers</source>
        <translation>Candidate answers</translation>
    </message>
    <message>
        <source>Import and export</source>
        <translation>Import and export</translation>
    </message>
    <message>
        <source>Add the demo prompts (held-out poems)</source>
        <translation>Add the demo prompts (held-out poems)</translation>
    </message>
    <message>
        <source>Import prompts…</source>
        <translation>Import prompts…</translation>
    </message>
    <message>
        <source>Checkpoint</source>
        <translation>Checkpoint</translation>
    </message>
    <message>
        <source>Answers per prompt</source>
        <translation>Answers per prompt</translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation>Temperature</translation>
    </message>
    <message>
        <source>Most tokens</source>
        <translation>Most tokens</translation>
    </message>
    <message>
        <source>Generate answers</source>
        <translation>Generate answers</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Stop</translation>
    </message>
    <message>
        <source>Export rankings…</source>
        <translation>Export rankings…</translation>
    </message>
    <message>
        <source>Export chosen/rejected pairs…</source>
        <translation>Export chosen/rejected pairs…</translation>
    </message>
    <message>
        <source>Detect the format</source>
        <translation>Detect the format</translation>
    </message>
    <message>
        <source>Our rankings</source>
        <translation>Our rankings</translation>
    </message>
    <message>
        <source>Anthropic HH-RLHF</source>
        <translation>Anthropic HH-RLHF</translation>
    </message>
    <message>
        <source>UltraFeedback</source>
        <translation>UltraFeedback</translation>
    </message>
    <message>
        <source>Import and merge preferences…</source>
        <translation>Import and merge preferences…</translation>
    </message>
    <message>
        <source>The demo prompts ask about poems the fine-tuning never showed; each has a reference answer.</source>
        <translation>The demo prompts ask about poems the fine-tuning never showed; each has a reference answer.</translation>
    </message>
    <message>
        <source>No prompts in %1.</source>
        <translation>No prompts in %1.</translation>
    </message>
    <message numerus="yes">
        <source>%n prompt(s) imported into %1.</source>
        <translation>
            <numerusform>%n prompt imported into %1.</numerusform><numerusform>%n prompts imported into %1.</numerusform></translation>
    </message>
    <message>
        <source>Left out:</source>
        <translation>Left out:</translation>
    </message>
    <message>
        <source>There is no checkpoint yet: pretrain and fine-tune first.</source>
        <translation>There is no checkpoint yet: pretrain and fine-tune first.</translation>
    </message>
    <message>
        <source>Generating answers</source>
        <translation>Generating answers</translation>
    </message>
    <message>
        <source>Every prompt of this set has answers already.</source>
        <translation>Every prompt of this set has answers already.</translation>
    </message>
    <message numerus="yes">
        <source>%n prompt(s) answered.</source>
        <translation>
            <numerusform>%n prompt answered.</numerusform><numerusform>%n prompts answered.</numerusform></translation>
    </message>
    <message>
        <source>%1 rankings merged, %2 already there; %3 new prompts, %4 new answers.</source>
        <translation>%1 rankings merged, %2 already there; %3 new prompts, %4 new answers.</translation>
    </message>
    <message>
        <source>%1 pairs written to %2.</source>
        <translation>%1 pairs written to %2.</translation>
    </message>
    <message>
        <source>%1 rankings written to %2.</source>
        <translation>%1 rankings written to %2.</translation>
    </message>
    <message>
        <source>Ranking</source>
        <translation>Ranking</translation>
    </message>
    <message numerus="yes">
        <source>The rule-based judge (for demos and tests only) ranked %n prompt(s) as "%1".</source>
        <translation>
            <numerusform>The rule-based judge (for demos and tests only) ranked %n prompt as "%1".</numerusform><numerusform>The rule-based judge (for demos and tests only) ranked %n prompts as "%1".</numerusform></translation>
    </message>
    <message>
        <source>The rule-based judge needs prompts with reference answers and two or more answers each: use the demo prompts and generate answers first.</source>
        <translation>The rule-based judge needs prompts with reference answers and two or more answers each: use the demo prompts and generate answers first.</translation>
    </message>
    <message>
        <source>Not a model of human preference: it compares each answer with the prompt's reference answer (whether it has the form the prompt asks for, the characters they share). It lets the pipeline run without people.</source>
        <translation>Not a model of human preference: it compares each answer with the prompt's reference answer (whether it has the form the prompt asks for, the characters they share). It lets the pipeline run without people.</translation>
    </message>
    <message>
        <source>%v of %m prompts · done</source>
        <translation>%v of %m prompts · done</translation>
    </message>
    <message>
        <source>done</source>
        <translation>done</translation>
    </message>
    <message>
        <source>%v of %m prompts · stopped</source>
        <translation>%v of %m prompts · stopped</translation>
    </message>
    <message>
        <source>%v of %m prompts</source>
        <translation>%v of %m prompts</translation>
    </message>
    <message>
        <source>Chosen/rejected pairs (TRL, ShareGPT, OpenAI messages)</source>
        <translation>Chosen/rejected pairs (TRL, ShareGPT, OpenAI messages)</translation>
    </message>
    <message>
        <source>KTO good/bad ratings</source>
        <translation>KTO good/bad ratings</translation>
    </message>
    <message>
        <source>Rank with the rule-based judge</source>
        <translation>Rank with the rule-based judge</translation>
    </message>
    <message>
        <source>For demos and tests only: the judge checks each answer's form against the prompt's reference answer.</source>
        <translation>For demos and tests only: the judge checks each answer's form against the prompt's reference answer.</translation>
    </message>
    <message>
        <source>Needs an SFT checkpoint and prompts. Gives your order of its answers to each prompt. Next: the Reward model learns from these rankings; DPO uses them directly.</source>
        <translation>Needs an SFT checkpoint and prompts. Gives your order of its answers to each prompt. Next: the Reward model learns from these rankings; DPO uses them directly.</translation>
    </message>
    <message>
        <source>Every ranking in %1 equals one already here by %2: the same rankings under another name, not a second annotator's (agreement would read 1.000).</source>
        <translation>Every ranking in %1 equals one already here by %2: the same rankings under another name, not a second annotator's (agreement would read 1.000).</translation>
    </message>
    <message>
        <source>Import rankings</source>
        <translation>Import rankings</translation>
    </message>
    <message>
        <source>Merge it anyway as another annotator's rankings?</source>
        <translation>Merge it anyway as another annotator's rankings?</translation>
    </message>
    <message>
        <source>Nothing was merged.</source>
        <translation>Nothing was merged.</translation>
    </message>
</context>
<context>
    <name>chattrain::ui::RankingPanel</name>
    <message>
        <source>pairwise agreement %1, Kendall's τ %2</source>
        <translation>pairwise agreement %1, Kendall's τ %2</translation>
    </message>
    <message>
        <source>Rank the answers</source>
        <translation>Rank the answers</translation>
    </message>
    <message>
        <source>Prompt set</source>
        <translation>Prompt set</translation>
    </message>
    <message>
        <source>Annotator</source>
        <translation>Annotator</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Show</translation>
    </message>
    <message>
        <source>Flag</source>
        <translation>Flag</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Comment</translation>
    </message>
    <message>
        <source>no flag</source>
        <translation>no flag</translation>
    </message>
    <message>
        <source>incorrect</source>
        <translation>incorrect</translation>
    </message>
    <message>
        <source>unsafe</source>
        <translation>unsafe</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>Previous</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Next</translation>
    </message>
    <message>
        <source>Submit (Ctrl+Enter)</source>
        <translation>Submit (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Skip (Ctrl+Space)</source>
        <translation>Skip (Ctrl+Space)</translation>
    </message>
    <message>
        <source>Undo last submit (Ctrl+Z)</source>
        <translation>Undo last submit (Ctrl+Z)</translation>
    </message>
    <message>
        <source>Sort by place (Ctrl+S)</source>
        <translation>Sort by place (Ctrl+S)</translation>
    </message>
    <message>
        <source>Keyboard: ↑/↓ choose an answer, 1–9 give it a place (the same number twice is a tie), 0 clears it. Or drag the answers into order, best at the top.</source>
        <translation>Keyboard: ↑/↓ choose an answer, 1–9 give it a place (the same number twice is a tie), 0 clears it. Or drag the answers into order, best at the top.</translation>
    </message>
    <message>
        <source>Your name: rankings are kept per annotator, and agreement compares annotators</source>
        <translation>Your name: rankings are kept per annotator, and agreement compares annotators</translation>
    </message>
    <message numerus="yes">
        <source>%1 (%n prompt(s))</source>
        <translation>
            <numerusform>%1 (%n prompt)</numerusform><numerusform>%1 (%n prompts)</numerusform></translation>
    </message>
    <message>
        <source>Not ranked by me</source>
        <translation>Not ranked by me</translation>
    </message>
    <message>
        <source>Skipped by me</source>
        <translation>Skipped by me</translation>
    </message>
    <message>
        <source>Flagged</source>
        <translation>Flagged</translation>
    </message>
    <message>
        <source>Ranked by me</source>
        <translation>Ranked by me</translation>
    </message>
    <message>
        <source>All prompts</source>
        <translation>All prompts</translation>
    </message>
    <message>
        <source>Ranked by %1</source>
        <translation>Ranked by %1</translation>
    </message>
    <message>
        <source>No prompts yet: add the demo prompts or import some.</source>
        <translation>No prompts yet: add the demo prompts or import some.</translation>
    </message>
    <message>
        <source>No prompt to show here. Generate answers, or choose another view.</source>
        <translation>No prompt to show here. Generate answers, or choose another view.</translation>
    </message>
    <message>
        <source>Prompt %1 of %2 in this view</source>
        <translation>Prompt %1 of %2 in this view</translation>
    </message>
    <message numerus="yes">
        <source>This prompt: %n annotator(s), %1</source>
        <translation>
            <numerusform>This prompt: %n annotator, %1</numerusform><numerusform>This prompt: %n annotators, %1</numerusform></translation>
    </message>
    <message>
        <source>Stopped by: %1 · seed %2</source>
        <translation>Stopped by: %1 · seed %2</translation>
    </message>
    <message>
        <source>(empty answer)</source>
        <translation>(empty answer)</translation>
    </message>
    <message>
        <source>Give every answer a place first: number keys 1–%1, or drag them into order.</source>
        <translation>Give every answer a place first: number keys 1–%1, or drag them into order.</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Saved.</translation>
    </message>
    <message>
        <source>Skipped: find it again under "Skipped by me".</source>
        <translation>Skipped: find it again under "Skipped by me".</translation>
    </message>
    <message>
        <source>Nothing of yours to undo in this set.</source>
        <translation>Nothing of yours to undo in this set.</translation>
    </message>
    <message>
        <source>Undone: the last submit is back in the panel.</source>
        <translation>Undone: the last submit is back in the panel.</translation>
    </message>
    <message numerus="yes">
        <source>Ranked by you: %1 of %2 · by anyone: %3 · %n annotator(s)</source>
        <translation>
            <numerusform>Ranked by you: %1 of %2 · by anyone: %3 · %n annotator</numerusform><numerusform>Ranked by you: %1 of %2 · by anyone: %3 · %n annotators</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n prompt(s) without answers yet</source>
        <translation>
            <numerusform>%n prompt without answers yet</numerusform><numerusform>%n prompts without answers yet</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Agreement over %n prompt(s) ranked by two or more: %1</source>
        <translation>
            <numerusform>Agreement over %n prompt ranked by two or more: %1</numerusform><numerusform>Agreement over %n prompts ranked by two or more: %1</numerusform></translation>
    </message>
</context>
<context>
    <name>chattrain::ui::ReportPage</name>
    <message>
        <source>Export the report</source>
        <translation>Export the report</translation>
    </message>
    <message>
        <source>Web page (*.html)</source>
        <translation>Web page (*.html)</translation>
    </message>
    <message>
        <source>Finished stages (runs named demo-…) are kept; a stopped one continues from its checkpoint.</source>
        <translation>Finished stages (runs named demo-…) are kept; a stopped one continues from its checkpoint.</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Stop</translation>
    </message>
    <message>
        <source>Evaluate checkpoints</source>
        <translation>Evaluate checkpoints</translation>
    </message>
    <message>
        <source>The newest SFT, PPO and DPO checkpoints answer the same held-out prompts with the same seeds; the reward model and the rule-based judge score them.</source>
        <translation>The newest SFT, PPO and DPO checkpoints answer the same held-out prompts with the same seeds; the reward model and the rule-based judge score them.</translation>
    </message>
    <message>
        <source>Write the report again</source>
        <translation>Write the report again</translation>
    </message>
    <message>
        <source>Export HTML…</source>
        <translation>Export HTML…</translation>
    </message>
    <message>
        <source>Tokenizer</source>
        <translation>Tokenizer</translation>
    </message>
    <message>
        <source>Pretraining</source>
        <translation>Pretraining</translation>
    </message>
    <message>
        <source>Supervised fine-tuning</source>
        <translation>Supervised fine-tuning</translation>
    </message>
    <message>
        <source>Answers to rank</source>
        <translation>Answers to rank</translation>
    </message>
    <message>
        <source>Ranking by the rule-based judge</source>
        <translation>Ranking by the rule-based judge</translation>
    </message>
    <message>
        <source>Reward model</source>
        <translation>Reward model</translation>
    </message>
    <message>
        <source>PPO</source>
        <translation>PPO</translation>
    </message>
    <message>
        <source>DPO</source>
        <translation>DPO</translation>
    </message>
    <message>
        <source>Evaluation on held-out prompts</source>
        <translation>Evaluation on held-out prompts</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>Report</translation>
    </message>
    <message>
        <source>No report yet: run the demo pipeline, or evaluate the checkpoints, or write the report.</source>
        <translation>No report yet: run the demo pipeline, or evaluate the checkpoints, or write the report.</translation>
    </message>
    <message>
        <source>Report written to %1</source>
        <translation>Report written to %1</translation>
    </message>
    <message>
        <source>Report exported to %1</source>
        <translation>Report exported to %1</translation>
    </message>
    <message>
        <source>The demo pipeline is running.</source>
        <translation>The demo pipeline is running.</translation>
    </message>
    <message>
        <source>Demo pipeline</source>
        <translation>Demo pipeline</translation>
    </message>
    <message>
        <source>Stopped. Run the pipeline again to continue where it stopped.</source>
        <translation>Stopped. Run the pipeline again to continue where it stopped.</translation>
    </message>
    <message>
        <source>The demo pipeline finished: the report below.</source>
        <translation>The demo pipeline finished: the report below.</translation>
    </message>
    <message>
        <source>Nothing to evaluate yet: the evaluation needs an SFT checkpoint and a prompt set.</source>
        <translation>Nothing to evaluate yet: the evaluation needs an SFT checkpoint and a prompt set.</translation>
    </message>
    <message numerus="yes">
        <source>Evaluating %n checkpoint(s) on the prompt set %1.</source>
        <translation>
            <numerusform>Evaluating %n checkpoint on the prompt set %1.</numerusform><numerusform>Evaluating %n checkpoints on the prompt set %1.</numerusform></translation>
    </message>
    <message>
        <source>Evaluation</source>
        <translation>Evaluation</translation>
    </message>
    <message>
        <source>Evaluated: the report below compares the checkpoints.</source>
        <translation>Evaluated: the report below compares the checkpoints.</translation>
    </message>
    <message>
        <source>Stage %1 of %2: %3 · %4% · overall %5% · %6</source>
        <translation>Stage %1 of %2: %3 · %4% · overall %5% · %6</translation>
    </message>
    <message>
        <source>%1 of %2 answers · %3</source>
        <translation>%1 of %2 answers · %3</translation>
    </message>
    <message>
        <source>Run the demo pipeline here?</source>
        <translation>Run the demo pipeline here?</translation>
    </message>
    <message>
        <source>This project has runs of its own. The demo pipeline adds the demo dialogues and prompt sets and its own runs (demo-…) to it, using the project's datasets and tokenizer. Run it here anyway? (File → New project keeps them apart.)</source>
        <translation>This project has runs of its own. The demo pipeline adds the demo dialogues and prompt sets and its own runs (demo-…) to it, using the project's datasets and tokenizer. Run it here anyway? (File → New project keeps them apart.)</translation>
    </message>
    <message>
        <source>GRPO</source>
        <translation>GRPO</translation>
    </message>
    <message>
        <source>Every run of this project with its settings, time, final metrics and charts; the newest evaluation of SFT against PPO, GRPO and DPO on prompts no stage trained on; sample answers side by side. The demo pipeline runs the whole recipe on the embedded poems in one go (tokenizer, pretraining, SFT, answers ranked by the rule-based judge, reward model, PPO, GRPO, DPO, evaluation) and writes this report; Stop, and run it again to continue.</source>
        <translation>Every run of this project with its settings, time, final metrics and charts; the newest evaluation of SFT against PPO, GRPO and DPO on prompts no stage trained on; sample answers side by side. The demo pipeline runs the whole recipe on the embedded poems in one go (tokenizer, pretraining, SFT, answers ranked by the rule-based judge, reward model, PPO, GRPO, DPO, evaluation) and writes this report; Stop, and run it again to continue.</translation>
    </message>
    <message>
        <source>Run the whole demo pipeline (about 15–20 min on 2 CPU cores)</source>
        <translation>Run the whole demo pipeline (about 15–20 min on 2 CPU cores)</translation>
    </message>
    <message>
        <source>Every run and the newest evaluation in one document to share. The recipe ends here; Help → Guide walks it again.</source>
        <translation>Every run and the newest evaluation in one document to share. The recipe ends here; Help → Guide walks it again.</translation>
    </message>
</context>
<context>
    <name>chattrain::ui::RewardPage</name>
    <message>
        <source>Start from</source>
        <translation>Start from</translation>
    </message>
    <message>
        <source>Rankings</source>
        <translation>Rankings</translation>
    </message>
    <message>
        <source>Checkpoint (SFT)</source>
        <translation>Checkpoint (SFT)</translation>
    </message>
    <message>
        <source>Held out for validation</source>
        <translation>Held out for validation</translation>
    </message>
    <message>
        <source>Reward model</source>
        <translation>Reward model</translation>
    </message>
    <message>
        <source>Prompt set</source>
        <translation>Prompt set</translation>
    </message>
    <message>
        <source>Each ranking of K answers gives K·(K−1)/2 pairs (ties give none); every prompt counts once, however many pairs and annotators it has. Held-out prompts measure the accuracy.</source>
        <translation>Each ranking of K answers gives K·(K−1)/2 pairs (ties give none); every prompt counts once, however many pairs and annotators it has. Held-out prompts measure the accuracy.</translation>
    </message>
    <message>
        <source>Score the answers</source>
        <translation>Score the answers</translation>
    </message>
    <message>
        <source>A reward model that mostly rewards length is the classic failure: look at the correlation. Accuracy per annotator: how often the model orders their pairs their way.</source>
        <translation>A reward model that mostly rewards length is the classic failure: look at the correlation. Accuracy per annotator: how often the model orders their pairs their way.</translation>
    </message>
    <message>
        <source>Reward</source>
        <translation>Reward</translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation>Prompt</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>Answer</translation>
    </message>
    <message>
        <source>Annotator</source>
        <translation>Annotator</translation>
    </message>
    <message>
        <source>Pairs</source>
        <translation>Pairs</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>Accuracy</translation>
    </message>
    <message>
        <source>answer length (characters)</source>
        <translation>answer length (characters)</translation>
    </message>
    <message>
        <source>reward</source>
        <translation>reward</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>Train</translation>
    </message>
    <message>
        <source>Diagnostics</source>
        <translation>Diagnostics</translation>
    </message>
    <message numerus="yes">
        <source>%1 · %n ranking(s)</source>
        <translation>
            <numerusform>%1 · %n ranking</numerusform><numerusform>%1 · %n rankings</numerusform></translation>
    </message>
    <message>
        <source>No ranked pairs yet: rank answers on the Ranking page (or import preferences there).</source>
        <translation>No ranked pairs yet: rank answers on the Ranking page (or import preferences there).</translation>
    </message>
    <message>
        <source>%1 rankings → %2 pairs</source>
        <translation>%1 rankings → %2 pairs</translation>
    </message>
    <message>
        <source>A reward model starts from a checkpoint: fine-tune one first.</source>
        <translation>A reward model starts from a checkpoint: fine-tune one first.</translation>
    </message>
    <message>
        <source>Scoring answers</source>
        <translation>Scoring answers</translation>
    </message>
    <message numerus="yes">
        <source>%n answer(s) scored. Correlation of reward with length: r = %1</source>
        <translation>
            <numerusform>%n answer scored. Correlation of reward with length: r = %1</numerusform><numerusform>%n answers scored. Correlation of reward with length: r = %1</numerusform></translation>
    </message>
    <message>
        <source>Scoring the answers…</source>
        <translation>Scoring the answers…</translation>
    </message>
    <message>
        <source>Needs rankings (made on the Ranking page or imported). Gives a model that scores answers as your annotators would. Next: RLHF with PPO or GRPO.</source>
        <translation>Needs rankings (made on the Ranking page or imported). Gives a model that scores answers as your annotators would. Next: RLHF with PPO or GRPO.</translation>
    </message>
</context>
<context>
    <name>chattrain::ui::RlhfPage</name>
    <message>
        <source>A DPO run continues with Resume, from its own latest checkpoint.</source>
        <translation>A DPO run continues with Resume, from its own latest checkpoint.</translation>
    </message>
    <message>
        <source>PPO</source>
        <translation>PPO</translation>
    </message>
    <message>
        <source>DPO</source>
        <translation>DPO</translation>
    </message>
    <message>
        <source>Start from (SFT)</source>
        <translation>Start from (SFT)</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>Learning rate</translation>
    </message>
    <message>
        <source>Ranked prompt set</source>
        <translation>Ranked prompt set</translation>
    </message>
    <message>
        <source>β</source>
        <translation>β</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>Steps</translation>
    </message>
    <message>
        <source>Pairs per batch</source>
        <translation>Pairs per batch</translation>
    </message>
    <message>
        <source>DPO learns from the ranked pairs directly, with no reward model and no sampling; β sets how close it stays to the starting model.</source>
        <translation>DPO learns from the ranked pairs directly, with no reward model and no sampling; β sets how close it stays to the starting model.</translation>
    </message>
    <message>
        <source>DPO starts from a fine-tuned checkpoint: run SFT first.</source>
        <translation>DPO starts from a fine-tuned checkpoint: run SFT first.</translation>
    </message>
    <message>
        <source>RLHF</source>
        <translation>RLHF</translation>
    </message>
    <message>
        <source>GRPO</source>
        <translation>GRPO</translation>
    </message>
    <message>
        <source>Pairs</source>
        <translation>Pairs</translation>
    </message>
    <message>
        <source>Chosen answers' likelihood</source>
        <translation>Chosen answers' likelihood</translation>
    </message>
    <message>
        <source>Every better/worse pair</source>
        <translation>Every better/worse pair</translation>
    </message>
    <message>
        <source>First place against last</source>
        <translation>First place against last</translation>
    </message>
    <message>
        <source>Adds the chosen answers' own likelihood to the loss with this weight (0: plain DPO). Plain DPO can widen the margin by making both answers less likely; on the demo, weight 1 with first-against-last pairs raised the judged form clearly where plain DPO stayed within its noise.</source>
        <translation>Adds the chosen answers' own likelihood to the loss with this weight (0: plain DPO). Plain DPO can widen the margin by making both answers less likely; on the demo, weight 1 with first-against-last pairs raised the judged form clearly where plain DPO stayed within its noise.</translation>
    </message>
    <message>
        <source>Needs an SFT checkpoint, and a reward model (PPO, GRPO) or rankings (DPO). Gives a model tuned toward the answers people prefer. Next: compare in Chat and the Report.</source>
        <translation>Needs an SFT checkpoint, and a reward model (PPO, GRPO) or rankings (DPO). Gives a model tuned toward the answers people prefer. Next: compare in Chat and the Report.</translation>
    </message>
</context>
<context>
    <name>chattrain::ui::SftPage</name>
    <message>
        <source>Import dialogues</source>
        <translation>Import dialogues</translation>
    </message>
    <message>
        <source>Dialogues (*.json *.jsonl)</source>
        <translation>Dialogues (*.json *.jsonl)</translation>
    </message>
    <message>
        <source>Start from</source>
        <translation>Start from</translation>
    </message>
    <message>
        <source>Dialogues</source>
        <translation>Dialogues</translation>
    </message>
    <message>
        <source>Checkpoint</source>
        <translation>Checkpoint</translation>
    </message>
    <message>
        <source>Training set</source>
        <translation>Training set</translation>
    </message>
    <message>
        <source>Validation set</source>
        <translation>Validation set</translation>
    </message>
    <message>
        <source>Import a file</source>
        <translation>Import a file</translation>
    </message>
    <message>
        <source>Sample question</source>
        <translation>Sample question</translation>
    </message>
    <message>
        <source>Detect the format</source>
        <translation>Detect the format</translation>
    </message>
    <message>
        <source>Alpaca</source>
        <translation>Alpaca</translation>
    </message>
    <message>
        <source>ShareGPT</source>
        <translation>ShareGPT</translation>
    </message>
    <message>
        <source>OpenAI messages</source>
        <translation>OpenAI messages</translation>
    </message>
    <message>
        <source>Prompt / completion</source>
        <translation>Prompt / completion</translation>
    </message>
    <message>
        <source>Import dialogues…</source>
        <translation>Import dialogues…</translation>
    </message>
    <message>
        <source>JSON or JSONL in the Alpaca, ShareGPT, OpenAI messages or prompt/completion layout. The built-in demo set asks about the Tang poems: titles, authors, continuations, in Chinese and English.</source>
        <translation>JSON or JSONL in the Alpaca, ShareGPT, OpenAI messages or prompt/completion layout. The built-in demo set asks about the Tang poems: titles, authors, continuations, in Chinese and English.</translation>
    </message>
    <message>
        <source>The first conversations through the ChatML template. Highlighted: what the loss counts (the answers and their end marks).</source>
        <translation>The first conversations through the ChatML template. Highlighted: what the loss counts (the answers and their end marks).</translation>
    </message>
    <message>
        <source>Hold out 5% of the training set</source>
        <translation>Hold out 5% of the training set</translation>
    </message>
    <message>
        <source>Asked at every sample, so that you can watch the answers improve</source>
        <translation>Asked at every sample, so that you can watch the answers improve</translation>
    </message>
    <message numerus="yes">
        <source>%1 (%n conversation(s))</source>
        <translation>
            <numerusform>%1 (%n conversation)</numerusform><numerusform>%1 (%n conversations)</numerusform></translation>
    </message>
    <message>
        <source>Conversation %1</source>
        <translation>Conversation %1</translation>
    </message>
    <message>
        <source>Importing dialogues</source>
        <translation>Importing dialogues</translation>
    </message>
    <message>
        <source>Dataset %1: %2 conversations imported, %3 rejected.</source>
        <translation>Dataset %1: %2 conversations imported, %3 rejected.</translation>
    </message>
    <message>
        <source>Fine-tuning starts from a checkpoint: pretrain a model first.</source>
        <translation>Fine-tuning starts from a checkpoint: pretrain a model first.</translation>
    </message>
    <message>
        <source>The project has no tokenizer: train one and pretrain first.</source>
        <translation>The project has no tokenizer: train one and pretrain first.</translation>
    </message>
    <message>
        <source>Fine-tune (SFT)</source>
        <translation>Fine-tune (SFT)</translation>
    </message>
    <message>
        <source>Needs a pretrained checkpoint and a dialogue dataset. Gives a model that answers in turns. Next: chat with it, or rank its answers (Ranking).</source>
        <translation>Needs a pretrained checkpoint and a dialogue dataset. Gives a model that answers in turns. Next: chat with it, or rank its answers (Ranking).</translation>
    </message>
    <message>
        <source>Too long for the context</source>
        <translation>Too long for the context</translation>
    </message>
    <message>
        <source>cut the start (the last answer stays whole)</source>
        <translation>cut the start (the last answer stays whole)</translation>
    </message>
    <message>
        <source>leave the conversation out</source>
        <translation>leave the conversation out</translation>
    </message>
</context>
<context>
    <name>chattrain::ui::TokenizerPage</name>
    <message>
        <source>Train a tokenizer</source>
        <translation>Train a tokenizer</translation>
    </message>
    <message>
        <source>Try it: type any text</source>
        <translation>Try it: type any text</translation>
    </message>
    <message>
        <source>Vocabulary size</source>
        <translation>Vocabulary size</translation>
    </message>
    <message>
        <source>How many pieces the model knows. Larger: shorter sequences but a bigger embedding table.</source>
        <translation>How many pieces the model knows. Larger: shorter sequences but a bigger embedding table.</translation>
    </message>
    <message>
        <source>Algorithm</source>
        <translation>Algorithm</translation>
    </message>
    <message>
        <source>BPE merges frequent pairs; Unigram keeps the likeliest pieces. Both are SentencePiece.</source>
        <translation>BPE merges frequent pairs; Unigram keeps the likeliest pieces. Both are SentencePiece.</translation>
    </message>
    <message>
        <source>Character coverage</source>
        <translation>Character coverage</translation>
    </message>
    <message>
        <source>Share of characters kept whole; the rarest are spelled as UTF-8 bytes, so nothing is ever unknown.</source>
        <translation>Share of characters kept whole; the rarest are spelled as UTF-8 bytes, so nothing is ever unknown.</translation>
    </message>
    <message>
        <source>Train tokenizer</source>
        <translation>Train tokenizer</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Training the tokenizer</source>
        <translation>Training the tokenizer</translation>
    </message>
    <message>
        <source>Tokenizer trained: %1 pieces. Every dataset was tokenized again.</source>
        <translation>Tokenizer trained: %1 pieces. Every dataset was tokenized again.</translation>
    </message>
    <message>
        <source>This project has no tokenizer yet: train one (it takes seconds for the demo poems).</source>
        <translation>This project has no tokenizer yet: train one (it takes seconds for the demo poems).</translation>
    </message>
    <message>
        <source>Train a tokenizer to see how it splits text.</source>
        <translation>Train a tokenizer to see how it splits text.</translation>
    </message>
    <message>
        <source>%1 characters → %2 tokens (%3 characters per token)</source>
        <translation>%1 characters → %2 tokens (%3 characters per token)</translation>
    </message>
    <message>
        <source>Tokenizer</source>
        <translation>Tokenizer</translation>
    </message>
    <message>
        <source>Current tokenizer: %1 pieces (id %2).</source>
        <translation>Current tokenizer: %1 pieces (id %2).</translation>
    </message>
    <message>
        <source>Datasets: what it learns from, and how it splits them</source>
        <translation>Datasets: what it learns from, and how it splits them</translation>
    </message>
    <message>
        <source>Dataset (✓ learns from it)</source>
        <translation>Dataset (✓ learns from it)</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Characters per token</source>
        <translation>Characters per token</translation>
    </message>
    <message>
        <source>Byte tokens</source>
        <translation>Byte tokens</translation>
    </message>
    <message>
        <source>Measured on held-out documents of text datasets and on the messages of dialogue datasets. Byte tokens spell characters the tokenizer never learned as raw UTF-8 bytes: check a dataset with many, then train again. More characters per token: shorter sequences, more text in the model's context.</source>
        <translation>Measured on held-out documents of text datasets and on the messages of dialogue datasets. Byte tokens spell characters the tokenizer never learned as raw UTF-8 bytes: check a dataset with many, then train again. More characters per token: shorter sequences, more text in the model's context.</translation>
    </message>
    <message>
        <source>Check at least one dataset for the tokenizer to learn from.</source>
        <translation>Check at least one dataset for the tokenizer to learn from.</translation>
    </message>
    <message>
        <source>dialogues</source>
        <translation>dialogues</translation>
    </message>
    <message>
        <source>text</source>
        <translation>text</translation>
    </message>
    <message>
        <source>Measuring the datasets</source>
        <translation>Measuring the datasets</translation>
    </message>
    <message>
        <source>Measured on %1 characters of its messages.</source>
        <translation>Measured on %1 characters of its messages.</translation>
    </message>
    <message>
        <source>Measured on %1 characters of held-out documents.</source>
        <translation>Measured on %1 characters of held-out documents.</translation>
    </message>
    <message>
        <source>Measured on %1 characters of its documents (too few to hold any out).</source>
        <translation>Measured on %1 characters of its documents (too few to hold any out).</translation>
    </message>
    <message>
        <source>Needs text datasets (and, when you choose, dialogues). Gives the pieces every model of this project reads and writes. Next: Pretrain.</source>
        <translation>Needs text datasets (and, when you choose, dialogues). Gives the pieces every model of this project reads and writes. Next: Pretrain.</translation>
    </message>
</context>
<context>
    <name>chattrain::ui::TrainingMonitor</name>
    <message>
        <source>Start</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Stop</translation>
    </message>
    <message>
        <source>Resume selected run</source>
        <translation>Resume selected run</translation>
    </message>
    <message>
        <source>Continue from a checkpoint…</source>
        <translation>Continue from a checkpoint…</translation>
    </message>
    <message>
        <source>Save charts…</source>
        <translation>Save charts…</translation>
    </message>
    <message>
        <source>Smoothing</source>
        <translation>Smoothing</translation>
    </message>
    <message>
        <source>Log scale</source>
        <translation>Log scale</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>Loss</translation>
    </message>
    <message>
        <source>cross-entropy</source>
        <translation>cross-entropy</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>Learning rate</translation>
    </message>
    <message>
        <source>Gradient norm</source>
        <translation>Gradient norm</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>Speed</translation>
    </message>
    <message>
        <source>tokens/s</source>
        <translation>tokens/s</translation>
    </message>
    <message>
        <source>Samples</source>
        <translation>Samples</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>Runs</translation>
    </message>
    <message>
        <source>Run (tick to overlay)</source>
        <translation>Run (tick to overlay)</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Step</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Started</translation>
    </message>
    <message>
        <source>Starts from</source>
        <translation>Starts from</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Resume</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>No checkpoint</source>
        <translation>No checkpoint</translation>
    </message>
    <message>
        <source>Run %1 has no checkpoint yet.</source>
        <translation>Run %1 has no checkpoint yet.</translation>
    </message>
    <message>
        <source>Continue from a checkpoint</source>
        <translation>Continue from a checkpoint</translation>
    </message>
    <message>
        <source>A new run continues exactly from this checkpoint of %1:</source>
        <translation>A new run continues exactly from this checkpoint of %1:</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Starting…</translation>
    </message>
    <message>
        <source>Stopping: saving a checkpoint…</source>
        <translation>Stopping: saving a checkpoint…</translation>
    </message>
    <message>
        <source>train</source>
        <translation>train</translation>
    </message>
    <message>
        <source>validation</source>
        <translation>validation</translation>
    </message>
    <message>
        <source>learning rate</source>
        <translation>learning rate</translation>
    </message>
    <message>
        <source>gradient norm</source>
        <translation>gradient norm</translation>
    </message>
    <message>
        <source>— step %1 —</source>
        <translation>— step %1 —</translation>
    </message>
    <message>
        <source>Paused. </source>
        <translation>Paused. </translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>Finished</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Stopped</translation>
    </message>
    <message>
        <source>Diverged</source>
        <translation>Diverged</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Failed</translation>
    </message>
    <message>
        <source>Checkpoint: %1</source>
        <translation>Checkpoint: %1</translation>
    </message>
    <message>
        <source>(from scratch)</source>
        <translation>(from scratch)</translation>
    </message>
    <message>
        <source>Save charts to folder</source>
        <translation>Save charts to folder</translation>
    </message>
    <message>
        <source>Charts saved as PNG and CSV in %1</source>
        <translation>Charts saved as PNG and CSV in %1</translation>
    </message>
    <message>
        <source>Could not write the charts to %1</source>
        <translation>Could not write the charts to %1</translation>
    </message>
    <message>
        <source>−log σ(r_chosen − r_rejected)</source>
        <translation>−log σ(r_chosen − r_rejected)</translation>
    </message>
    <message>
        <source>Held-out pairwise accuracy</source>
        <translation>Held-out pairwise accuracy</translation>
    </message>
    <message>
        <source>share of pairs</source>
        <translation>share of pairs</translation>
    </message>
    <message>
        <source>Mean margin</source>
        <translation>Mean margin</translation>
    </message>
    <message>
        <source>r_chosen − r_rejected</source>
        <translation>r_chosen − r_rejected</translation>
    </message>
    <message>
        <source>held-out accuracy</source>
        <translation>held-out accuracy</translation>
    </message>
    <message>
        <source>mean margin</source>
        <translation>mean margin</translation>
    </message>
    <message>
        <source>Cannot resume</source>
        <translation>Cannot resume</translation>
    </message>
    <message>
        <source>−log σ(β·margin)</source>
        <translation>−log σ(β·margin)</translation>
    </message>
    <message>
        <source>Implicit-reward accuracy (held out)</source>
        <translation>Implicit-reward accuracy (held out)</translation>
    </message>
    <message>
        <source>Implicit-reward margin</source>
        <translation>Implicit-reward margin</translation>
    </message>
    <message>
        <source>Answers' log-probability</source>
        <translation>Answers' log-probability</translation>
    </message>
    <message>
        <source>nats</source>
        <translation>nats</translation>
    </message>
    <message>
        <source>Mean reward</source>
        <translation>Mean reward</translation>
    </message>
    <message>
        <source>reward model</source>
        <translation>reward model</translation>
    </message>
    <message>
        <source>KL to the SFT model</source>
        <translation>KL to the SFT model</translation>
    </message>
    <message>
        <source>nats per answer</source>
        <translation>nats per answer</translation>
    </message>
    <message>
        <source>Policy entropy</source>
        <translation>Policy entropy</translation>
    </message>
    <message>
        <source>nats per token</source>
        <translation>nats per token</translation>
    </message>
    <message>
        <source>Clipping</source>
        <translation>Clipping</translation>
    </message>
    <message>
        <source>Value loss</source>
        <translation>Value loss</translation>
    </message>
    <message>
        <source>Answer length</source>
        <translation>Answer length</translation>
    </message>
    <message>
        <source>tokens</source>
        <translation>tokens</translation>
    </message>
    <message>
        <source>chosen answers</source>
        <translation>chosen answers</translation>
    </message>
    <message>
        <source>rejected answers</source>
        <translation>rejected answers</translation>
    </message>
    <message>
        <source>reward</source>
        <translation>reward</translation>
    </message>
    <message>
        <source>KL</source>
        <translation>KL</translation>
    </message>
    <message>
        <source>KL coefficient</source>
        <translation>KL coefficient</translation>
    </message>
    <message>
        <source>entropy</source>
        <translation>entropy</translation>
    </message>
    <message>
        <source>clip fraction</source>
        <translation>clip fraction</translation>
    </message>
    <message>
        <source>approximate KL</source>
        <translation>approximate KL</translation>
    </message>
    <message>
        <source>value loss</source>
        <translation>value loss</translation>
    </message>
    <message>
        <source>answer length</source>
        <translation>answer length</translation>
    </message>
    <message>
        <source> · MFU %1%</source>
        <translation> · MFU %1%</translation>
    </message>
    <message>
        <source> · memory %1 (estimate %2)</source>
        <translation> · memory %1 (estimate %2)</translation>
    </message>
    <message>
        <source> · memory %1</source>
        <translation> · memory %1</translation>
    </message>
    <message>
        <source>Step %1 of %2 · loss %3 · %4 tokens/s%5 · %6 elapsed · %7</source>
        <translation>Step %1 of %2 · loss %3 · %4 tokens/s%5 · %6 elapsed · %7</translation>
    </message>
    <message>
        <source>Out of memory</source>
        <translation>Out of memory</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>Running</translation>
    </message>
    <message>
        <source>Processes</source>
        <translation>Processes</translation>
    </message>
    <message>
        <source>Data-parallel training: each process computes its share of every step and the gradients are summed. On GPUs, one process per GPU; on the CPU they share its cores. Pause needs one process: Stop saves a checkpoint that Resume continues from.</source>
        <translation>Data-parallel training: each process computes its share of every step and the gradients are summed. On GPUs, one process per GPU; on the CPU they share its cores. Pause needs one process: Stop saves a checkpoint that Resume continues from.</translation>
    </message>
    <message>
        <source>Prompts whose answers all scored alike</source>
        <translation>Prompts whose answers all scored alike</translation>
    </message>
    <message>
        <source>share: no signal</source>
        <translation>share: no signal</translation>
    </message>
    <message>
        <source>share of prompts</source>
        <translation>share of prompts</translation>
    </message>
    <message>
        <source>Interrupted</source>
        <translation>Interrupted</translation>
    </message>
    <message>
        <source>Resume from step %1</source>
        <translation>Resume from step %1</translation>
    </message>
    <message>
        <source>Continues run %1 exactly where it stopped, with its own settings. Start begins a new run.</source>
        <translation>Continues run %1 exactly where it stopped, with its own settings. Start begins a new run.</translation>
    </message>
    <message>
        <source>Time per iteration: answering %1% · log-probabilities %2% · scoring %3% · update %4%</source>
        <translation>Time per iteration: answering %1% · log-probabilities %2% · scoring %3% · update %4%</translation>
    </message>
</context>
<context>
    <name>chattrain::ui::TrainingSession</name>
    <message>
        <source>Training in several processes needs the chattrain program, which is not at %1.</source>
        <translation>Training in several processes needs the chattrain program, which is not at %1.</translation>
    </message>
</context>
<context>
    <name>chattrain::ui::TrainingSettings</name>
    <message>
        <source>Training</source>
        <translation>Training</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>Batch size</translation>
    </message>
    <message>
        <source>Gradient accumulation</source>
        <translation>Gradient accumulation</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>Steps</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>Learning rate</translation>
    </message>
    <message>
        <source>Warmup steps</source>
        <translation>Warmup steps</translation>
    </message>
    <message>
        <source>Validate every</source>
        <translation>Validate every</translation>
    </message>
    <message>
        <source>Sample every</source>
        <translation>Sample every</translation>
    </message>
    <message>
        <source>Checkpoint every</source>
        <translation>Checkpoint every</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Device</translation>
    </message>
    <message>
        <source>Automatic (GPU if present)</source>
        <translation>Automatic (GPU if present)</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>Memory</translation>
    </message>
    <message>
        <source>GPU %1</source>
        <translation>GPU %1</translation>
    </message>
    <message>
        <source>GPU %1: %2, %3</source>
        <translation>GPU %1: %2, %3</translation>
    </message>
    <message>
        <source>GPU (CUDA): none found</source>
        <translation>GPU (CUDA): none found</translation>
    </message>
    <message>
        <source>Activation checkpointing: each block keeps only its input and runs again during the backward pass. Memory for activations drops to a fraction; a step takes about a third longer.</source>
        <translation>Activation checkpointing: each block keeps only its input and runs again during the backward pass. Memory for activations drops to a fraction; a step takes about a third longer.</translation>
    </message>
    <message>
        <source>Before the first step (and after running out of memory) the micro-batch is lowered and the accumulation raised, so that each step still trains on as many sequences.</source>
        <translation>Before the first step (and after running out of memory) the micro-batch is lowered and the accumulation raised, so that each step still trains on as many sequences.</translation>
    </message>
    <message>
        <source>Recompute activations</source>
        <translation>Recompute activations</translation>
    </message>
    <message>
        <source>Fit the batch to memory</source>
        <translation>Fit the batch to memory</translation>
    </message>
</context>
</TS>