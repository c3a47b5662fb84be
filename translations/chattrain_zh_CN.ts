<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>Core</name>
    <message>
        <source>dialogue format '%1' is unknown: use auto, alpaca, sharegpt, openai or prompt-completion</source>
        <translation>未知的对话格式“%1”：请用 auto、alpaca、sharegpt、openai 或 prompt-completion</translation>
    </message>
    <message>
        <source>record %1</source>
        <translation>这条记录%1</translation>
    </message>
    <message>
        <source>%1 does not exist</source>
        <translation>%1 不存在</translation>
    </message>
    <message>
        <source>holds no text</source>
        <translation>没有文本</translation>
    </message>
    <message>
        <source>format '%1' is unknown: use auto, text, markdown, jsonl or chinese-poetry</source>
        <translation>未知的格式“%1”：请用 auto、text、markdown、jsonl 或 chinese-poetry</translation>
    </message>
    <message>
        <source>is not valid UTF-8 (byte %1); convert it first, e.g. iconv -f GB18030 -t UTF-8</source>
        <translation>不是有效的 UTF-8（第 %1 字节）；请先转换编码，例如 iconv -f GB18030 -t UTF-8</translation>
    </message>
    <message>
        <source>holds a NUL byte: is it a binary file?</source>
        <translation>含有 NUL 字节：这是二进制文件吗？</translation>
    </message>
    <message>
        <source>could not normalise: %1</source>
        <translation>无法规范化：%1</translation>
    </message>
    <message>
        <source>%1 holds no .txt, .md, .json or .jsonl files</source>
        <translation>%1 中没有 .txt、.md、.json 或 .jsonl 文件</translation>
    </message>
    <message>
        <source>is empty</source>
        <translation>是空文件</translation>
    </message>
    <message>
        <source>broken JSON: text after the closing ]</source>
        <translation>JSON 损坏：结尾的 ] 之后还有文本</translation>
    </message>
    <message>
        <source>broken JSON: this record is never closed (nor the array)</source>
        <translation>JSON 损坏：这条记录（以及数组）没有闭合</translation>
    </message>
    <message>
        <source>broken JSON: the array is never closed with ]</source>
        <translation>JSON 损坏：数组没有用 ] 闭合</translation>
    </message>
    <message>
        <source>rankings of different answer counts cannot be compared</source>
        <translation>回答数不同的排序无法比较</translation>
    </message>
    <message>
        <source>%1 does not exist: import the dataset again</source>
        <translation>%1 不存在：请重新导入数据集</translation>
    </message>
    <message>
        <source>broken JSON: %1</source>
        <translation>JSON 损坏：%1</translation>
    </message>
    <message>
        <source>is not a shard manifest: %1</source>
        <translation>不是分片清单：%1</translation>
    </message>
    <message>
        <source>is truncated (size is not a whole number of tokens): import the dataset again</source>
        <translation>已被截断（大小不是整数个词元）：请重新导入数据集</translation>
    </message>
    <message>
        <source>token read past the end of the shards</source>
        <translation>读取词元超出了分片末尾</translation>
    </message>
    <message>
        <source>%1 is a reward model: it scores answers and cannot write them, so it is not exported. Export the SFT, PPO or DPO checkpoint instead</source>
        <translation>%1 是奖励模型：它给回答打分，不会写回答，所以不导出。请导出 SFT、PPO 或 DPO 检查点</translation>
    </message>
    <message>
        <source>checkpoint %1 has %2 tokens but %3 has %4</source>
        <translation>检查点 %1 有 %2 个词元，而 %3 有 %4 个</translation>
    </message>
    <message>
        <source>%1: not a model of this studio's architecture</source>
        <translation>%1：不是本工作室架构的模型</translation>
    </message>
    <message>
        <source>model_type is '%1', not 'llama'</source>
        <translation>model_type 是“%1”，不是“llama”</translation>
    </message>
    <message>
        <source>hidden_act is %1</source>
        <translation>hidden_act 是 %1</translation>
    </message>
    <message>
        <source>it scales its rotary embeddings</source>
        <translation>它对旋转位置编码做了缩放</translation>
    </message>
    <message>
        <source>its projections have biases</source>
        <translation>它的投影层带偏置</translation>
    </message>
    <message>
        <source>lacks a setting this architecture needs: %1</source>
        <translation>缺少本架构需要的设置：%1</translation>
    </message>
    <message>
        <source>head_dim %1 is not hidden_size / num_attention_heads</source>
        <translation>head_dim %1 不等于 hidden_size / num_attention_heads</translation>
    </message>
    <message>
        <source>%1 has no model.safetensors (nor an index of its shards)</source>
        <translation>%1 中没有 model.safetensors（也没有分片索引）</translation>
    </message>
    <message>
        <source>%1 is not empty: pick a new folder (an export never overwrites files)</source>
        <translation>%1 不是空的：请选一个新文件夹（导出从不覆盖文件）</translation>
    </message>
    <message>
        <source>%1 is not a Hugging Face model folder (no config.json)</source>
        <translation>%1 不是 Hugging Face 模型文件夹（没有 config.json）</translation>
    </message>
    <message>
        <source>%1 has no tokenizer.model: only models with a SentencePiece tokenizer can be imported</source>
        <translation>%1 中没有 tokenizer.model：只能导入使用 SentencePiece 分词器的模型</translation>
    </message>
    <message>
        <source>%1 is not the project's tokenizer (%2): the model's token ids would mean other words here. Import it into the project whose tokenizer it has</source>
        <translation>%1 不是本项目的分词器（%2）：模型的词元编号在这里会对应别的词。请导入到使用同一分词器的项目中</translation>
    </message>
    <message>
        <source>vocab_size %1 differs from the tokenizer's %2</source>
        <translation>vocab_size %1 与分词器的 %2 不同</translation>
    </message>
    <message>
        <source>no CUDA GPU is available to this build of LibTorch: use --device cpu</source>
        <translation>此 LibTorch 构建无法使用 CUDA GPU：请用 --device cpu</translation>
    </message>
    <message>
        <source>sampling settings are damaged: %1</source>
        <translation>采样设置已损坏：%1</translation>
    </message>
    <message>
        <source>generation needs at least one prompt token</source>
        <translation>生成至少需要一个提示词元</translation>
    </message>
    <message>
        <source>this model has no score head: it is not a reward model</source>
        <translation>这个模型没有评分头：它不是奖励模型</translation>
    </message>
    <message>
        <source>this model has no value head</source>
        <translation>这个模型没有价值头</translation>
    </message>
    <message>
        <source>generation cache is full</source>
        <translation>生成缓存已满</translation>
    </message>
    <message>
        <source>lacks tensor %1 (a checkpoint of another model?)</source>
        <translation>缺少张量 %1（是别的模型的检查点吗？）</translation>
    </message>
    <message>
        <source>preset '%1' is unknown; presets: %2</source>
        <translation>未知的预设“%1”；可用预设：%2</translation>
    </message>
    <message>
        <source>safetensors: unsupported dtype %1</source>
        <translation>safetensors：不支持的数据类型 %1</translation>
    </message>
    <message>
        <source>project database: could not %1 a query: %2</source>
        <translation>项目数据库：无法 %1 查询：%2</translation>
    </message>
    <message>
        <source>project database %1: %2</source>
        <translation>项目数据库 %1：%2</translation>
    </message>
    <message>
        <source>could not open project database %1: %2</source>
        <translation>无法打开项目数据库 %1：%2</translation>
    </message>
    <message>
        <source>project database: ranking %1 is damaged: %2</source>
        <translation>项目数据库：排序 %1 已损坏：%2</translation>
    </message>
    <message>
        <source>the demo has no held-out questions left for the evaluation: rank fewer prompts</source>
        <translation>演示已没有留给评估的保留问题：请少排序一些提示</translation>
    </message>
    <message>
        <source>run %1 has no checkpoint</source>
        <translation>运行 %1 没有检查点</translation>
    </message>
    <message>
        <source>holds no prompts</source>
        <translation>没有提示</translation>
    </message>
    <message>
        <source>a prompt set needs a name</source>
        <translation>提示集需要一个名称</translation>
    </message>
    <message>
        <source>answers per prompt must be from 2 to 9, not %1</source>
        <translation>每个提示的回答数必须在 2 到 9 之间，而不是 %1</translation>
    </message>
    <message>
        <source>a ranking needs one place per answer</source>
        <translation>排序需要为每个回答给出一个名次</translation>
    </message>
    <message>
        <source>the prompt set is empty</source>
        <translation>提示集是空的</translation>
    </message>
    <message>
        <source>%1 is already a ChatTrain project: open it instead</source>
        <translation>%1 已经是 ChatTrain 项目：请直接打开它</translation>
    </message>
    <message>
        <source>%1 is a folder with other files in it: pick an empty or new folder for the project</source>
        <translation>%1 是一个已有其他文件的文件夹：请为项目选择空的或新的文件夹</translation>
    </message>
    <message>
        <source>could not create %1%2: %3</source>
        <translation>无法创建 %1%2：%3</translation>
    </message>
    <message>
        <source>%1 is not a ChatTrain project (no %2): create one with 'chattrain project init %3'</source>
        <translation>%1 不是 ChatTrain 项目（没有 %2）：可用“chattrain project init %3”创建</translation>
    </message>
    <message>
        <source>dataset name '%1' may only hold letters, digits, '-', '_' and '.'</source>
        <translation>数据集名称“%1”只能包含字母、数字、“-”、“_”和“.”</translation>
    </message>
    <message>
        <source>nothing to import from %1: every record was rejected</source>
        <translation>%1 中没有可导入的内容：所有记录都被拒绝了</translation>
    </message>
    <message>
        <source>%1 has no file %2: import it again</source>
        <translation>%1 缺少文件 %2：请重新导入</translation>
    </message>
    <message>
        <source>damaged record of %1: %2 (import the dataset again)</source>
        <translation>%1 的记录已损坏：%2（请重新导入数据集）</translation>
    </message>
    <message>
        <source>no conversation to import from %1: every record was rejected</source>
        <translation>%1 中没有可导入的对话：所有记录都被拒绝了</translation>
    </message>
    <message>
        <source>the project has no text dataset: import one first (chattrain data import)</source>
        <translation>项目中没有文本数据集：请先导入一个（chattrain data import）</translation>
    </message>
    <message>
        <source>a saved chat is damaged: %1</source>
        <translation>一段保存的对话已损坏：%1</translation>
    </message>
    <message>
        <source>tokenizer %1 does not exist: train one first (chattrain tokenizer train)</source>
        <translation>分词器 %1 不存在：请先训练一个（chattrain tokenizer train）</translation>
    </message>
    <message>
        <source>tokenizer %1 is not a SentencePiece model: %2</source>
        <translation>分词器 %1 不是 SentencePiece 模型：%2</translation>
    </message>
    <message>
        <source>no text to train a tokenizer on: import a dataset first</source>
        <translation>没有可用来训练分词器的文本：请先导入数据集</translation>
    </message>
    <message>
        <source>tokenizer type '%1' is unknown: use bpe or unigram</source>
        <translation>未知的分词器类型“%1”：请用 bpe 或 unigram</translation>
    </message>
    <message>
        <source>character coverage %1 is out of range (0.98 to 1)</source>
        <translation>字符覆盖率 %1 超出范围（0.98 到 1）</translation>
    </message>
    <message>
        <source>vocabulary size %1 is out of range (64 to 1000000)</source>
        <translation>词表大小 %1 超出范围（64 到 1000000）</translation>
    </message>
    <message>
        <source>tokenizer training failed: %1</source>
        <translation>分词器训练失败：%1</translation>
    </message>
    <message>
        <source>could not write %1%2: %3</source>
        <translation>无法写入 %1%2：%3</translation>
    </message>
    <message>
        <source>could not encode text with tokenizer %1</source>
        <translation>无法用分词器 %1 编码文本</translation>
    </message>
    <message>
        <source>could not decode ids with tokenizer %1 (an id is out of range?)</source>
        <translation>无法用分词器 %1 解码编号（有编号超出范围？）</translation>
    </message>
    <message>
        <source>optimizer state does not match the model (%1%2)</source>
        <translation>优化器状态与模型不匹配（%1%2）</translation>
    </message>
    <message>
        <source>optimizer state lacks its step count</source>
        <translation>优化器状态缺少步数</translation>
    </message>
    <message>
        <source>names checkpoint '%1', which is missing</source>
        <translation>指向的检查点“%1”不存在</translation>
    </message>
    <message>
        <source>%1 is not a checkpoint (no config.json)</source>
        <translation>%1 不是检查点（没有 config.json）</translation>
    </message>
    <message>
        <source>is not a checkpoint config: %1</source>
        <translation>不是检查点配置：%1</translation>
    </message>
    <message>
        <source>no conversations to fine-tune on: import a dialogue file first</source>
        <translation>没有可用来微调的对话：请先导入对话文件</translation>
    </message>
    <message>
        <source>there are no ranked pairs to train on: rank some answers first</source>
        <translation>没有可训练的排序对：请先给一些回答排序</translation>
    </message>
    <message>
        <source>run %1 has no checkpoint to resume from</source>
        <translation>运行 %1 没有可继续的检查点</translation>
    </message>
    <message>
        <source>DPO starts from a fine-tuned checkpoint: name one</source>
        <translation>DPO 从微调后的检查点开始：请指定一个</translation>
    </message>
    <message>
        <source>checkpoint %1 is not a reward model</source>
        <translation>检查点 %1 不是奖励模型</translation>
    </message>
    <message>
        <source>training settings are not valid JSON: %1</source>
        <translation>训练设置不是有效的 JSON：%1</translation>
    </message>
    <message>
        <source>training setting '%1' is unknown</source>
        <translation>未知的训练设置“%1”</translation>
    </message>
    <message>
        <source>model setting '%1' is unknown</source>
        <translation>未知的模型设置“%1”</translation>
    </message>
    <message>
        <source>training settings: %1</source>
        <translation>训练设置：%1</translation>
    </message>
    <message>
        <source>fine-tuning starts from a checkpoint: name one</source>
        <translation>微调从一个检查点开始：请指定一个</translation>
    </message>
    <message>
        <source>a reward model starts from a checkpoint (an SFT one): name one</source>
        <translation>奖励模型从一个检查点（SFT 检查点）开始：请指定一个</translation>
    </message>
    <message>
        <source>checkpoint %1 is a %2 checkpoint, not a reward model: train one on the Reward page</source>
        <translation>检查点 %1 是 %2 检查点，不是奖励模型：请在“奖励模型”页训练一个</translation>
    </message>
    <message>
        <source>precision '%1' is unknown: use auto, fp32 or bf16</source>
        <translation>未知的精度“%1”：请用 auto、fp32 或 bf16</translation>
    </message>
    <message>
        <source>checkpoint %1 is not a %2 checkpoint</source>
        <translation>检查点 %1 不是 %2 检查点</translation>
    </message>
    <message>
        <source>the datasets hold no training tokens: import some text first</source>
        <translation>数据集中没有训练词元：请先导入一些文本</translation>
    </message>
    <message>
        <source>has no "%1" field</source>
        <translation>没有“%1”字段</translation>
    </message>
    <message>
        <source>field "%1" is not a string</source>
        <translation>字段“%1”不是字符串</translation>
    </message>
    <message>
        <source>has a turn by "%1" (expected system, user/human or assistant/gpt)</source>
        <translation>有一轮由“%1”发言（应为 system、user/human 或 assistant/gpt）</translation>
    </message>
    <message>
        <source>field "history" is not a list of [instruction, answer] pairs</source>
        <translation>字段“history”不是 [指令, 回答] 对的列表</translation>
    </message>
    <message>
        <source>field "history" holds an entry that is not an [instruction, answer] pair</source>
        <translation>字段“history”中有一项不是 [指令, 回答] 对</translation>
    </message>
    <message>
        <source>is in no known dialogue layout (conversations, messages, instruction/output or prompt/completion)</source>
        <translation>不是已知的对话结构（conversations、messages、instruction/output 或 prompt/completion）</translation>
    </message>
    <message>
        <source>is not a JSON object</source>
        <translation>不是 JSON 对象</translation>
    </message>
    <message>
        <source>has no "conversations" list</source>
        <translation>没有“conversations”列表</translation>
    </message>
    <message>
        <source>has no "messages" list</source>
        <translation>没有“messages”列表</translation>
    </message>
    <message>
        <source>has no user and assistant turns</source>
        <translation>没有用户和助手的发言</translation>
    </message>
    <message>
        <source>has turn %1 by %2 where %3 should speak (turns must alternate, starting with the user)</source>
        <translation>第 %1 轮由 %2 发言，这里应由 %3 发言（必须轮流发言，由用户开始）</translation>
    </message>
    <message>
        <source>ends without the assistant's answer</source>
        <translation>结尾没有助手的回答</translation>
    </message>
    <message>
        <source>has an empty answer</source>
        <translation>有一个空回答</translation>
    </message>
    <message>
        <source>field "%1" is not a list</source>
        <translation>字段“%1”不是列表</translation>
    </message>
    <message>
        <source>field "%1" holds a turn that is not an object</source>
        <translation>字段“%1”中有一轮不是对象</translation>
    </message>
    <message>
        <source>has no "paragraphs" list</source>
        <translation>没有“paragraphs”列表</translation>
    </message>
    <message>
        <source>"paragraphs" holds a value that is not a string</source>
        <translation>“paragraphs”中有不是字符串的值</translation>
    </message>
    <message>
        <source>"paragraphs" is empty</source>
        <translation>“paragraphs”是空的</translation>
    </message>
    <message>
        <source>has neither a "text" field nor a "paragraphs" list</source>
        <translation>既没有“text”字段也没有“paragraphs”列表</translation>
    </message>
    <message>
        <source>"text" is empty</source>
        <translation>“text”是空的</translation>
    </message>
    <message>
        <source>field "%1" does not end with the assistant's answer</source>
        <translation>字段“%1”的结尾不是助手的回答</translation>
    </message>
    <message>
        <source>needs "answers" and "ranks" lists</source>
        <translation>需要“answers”和“ranks”列表</translation>
    </message>
    <message>
        <source>has a rank that is not a whole number from 1</source>
        <translation>有一个名次不是从 1 开始的整数</translation>
    </message>
    <message>
        <source>has %1 answers but %2 ranks</source>
        <translation>有 %1 个回答却有 %2 个名次</translation>
    </message>
    <message>
        <source>has "chosen" and "rejected" conversations that do not share all but their last turn</source>
        <translation>“chosen”和“rejected”对话除最后一轮外并不相同</translation>
    </message>
    <message>
        <source>has a shared prompt that does not end with the user's turn</source>
        <translation>共同的提示不是以用户的发言结尾</translation>
    </message>
    <message>
        <source>has a transcript that does not start with "\n\nHuman:"</source>
        <translation>有一段对话记录不是以“\n\nHuman:”开头</translation>
    </message>
    <message>
        <source>has "chosen" and "rejected" transcripts without a shared prompt ending in "\n\nAssistant:"</source>
        <translation>“chosen”和“rejected”对话记录没有以“\n\nAssistant:”结尾的共同提示</translation>
    </message>
    <message>
        <source>has a shared prompt that does not end with the human's turn</source>
        <translation>共同的提示不是以人类的发言结尾</translation>
    </message>
    <message>
        <source>has no "completions" list</source>
        <translation>没有“completions”列表</translation>
    </message>
    <message>
        <source>has a completion that is not an object</source>
        <translation>有一个补全不是对象</translation>
    </message>
    <message>
        <source>has a completion without ratings</source>
        <translation>有一个补全没有评分</translation>
    </message>
    <message>
        <source>has a completion without "overall_score" or "annotations"</source>
        <translation>有一个补全既没有“overall_score”也没有“annotations”</translation>
    </message>
    <message>
        <source>has fewer than two completions to compare</source>
        <translation>可比较的补全少于两个</translation>
    </message>
    <message>
        <source>has fewer than two answers to compare</source>
        <translation>可比较的回答少于两个</translation>
    </message>
    <message>
        <source>has flag "%1" (expected incorrect or unsafe)</source>
        <translation>带有标记“%1”（应为 incorrect 或 unsafe）</translation>
    </message>
    <message>
        <source>field "%1" does not end with the user's turn</source>
        <translation>字段“%1”的结尾不是用户的发言</translation>
    </message>
    <message>
        <source>has no "prompt" field</source>
        <translation>没有“prompt”字段</translation>
    </message>
    <message>
        <source>field "reference" is not a string</source>
        <translation>字段“reference”不是字符串</translation>
    </message>
    <message>
        <source>sequence of %1 tokens exceeds the model's context of %2</source>
        <translation>%1 个词元的序列超出了模型 %2 的上下文长度</translation>
    </message>
    <message>
        <source>model settings: %1</source>
        <translation>模型设置：%1</translation>
    </message>
    <message>
        <source>vocabulary size must be at least 16</source>
        <translation>词表大小至少为 16</translation>
    </message>
    <message>
        <source>context length must be at least 8</source>
        <translation>上下文长度至少为 8</translation>
    </message>
    <message>
        <source>sizes must be positive</source>
        <translation>各项尺寸必须为正数</translation>
    </message>
    <message>
        <source>model width %1 is not divisible by %2 heads</source>
        <translation>模型宽度 %1 不能被 %2 个注意力头整除</translation>
    </message>
    <message>
        <source>head size %1 must be even for rotary embeddings</source>
        <translation>注意力头大小 %1 必须是偶数才能用旋转位置编码</translation>
    </message>
    <message>
        <source>heads (%1) must be a multiple of key/value heads (%2)</source>
        <translation>注意力头数（%1）必须是键/值头数（%2）的倍数</translation>
    </message>
    <message>
        <source>is not a valid safetensors file: %1</source>
        <translation>不是有效的 safetensors 文件：%1</translation>
    </message>
    <message>
        <source>shorter than its 8-byte header size (truncated?)</source>
        <translation>比 8 字节的头部长度还短（被截断了？）</translation>
    </message>
    <message>
        <source>header size %1 runs past the end (truncated?)</source>
        <translation>头部大小 %1 超出了文件末尾（被截断了？）</translation>
    </message>
    <message>
        <source>broken header: %1</source>
        <translation>头部损坏：%1</translation>
    </message>
    <message>
        <source>tensor %1 has unsupported dtype %2</source>
        <translation>张量 %1 的数据类型 %2 不受支持</translation>
    </message>
    <message>
        <source>tensor %1 has data offsets that do not match its shape or the file size</source>
        <translation>张量 %1 的数据偏移与其形状或文件大小不符</translation>
    </message>
    <message>
        <source>tensor %1: %2</source>
        <translation>张量 %1：%2</translation>
    </message>
    <message>
        <source>project database %1 was written by a newer ChatTrain (schema %2); update ChatTrain to open it</source>
        <translation>项目数据库 %1 由更新版本的 ChatTrain 写入（结构版本 %2）；请更新 ChatTrain 后再打开</translation>
    </message>
    <message>
        <source>%1: not an evaluation this version can read (%2); evaluate again to replace it</source>
        <translation>%1：不是此版本能读取的评估（%2）；请重新评估以替换它</translation>
    </message>
    <message>
        <source>tokenizer %1 lacks the chat tokens &lt;|im_start|&gt;/&lt;|im_end|&gt;: it was not made by ChatTrain; train one in the project</source>
        <translation>分词器 %1 缺少对话词元 &lt;|im_start|&gt;/&lt;|im_end|&gt;：它不是 ChatTrain 生成的；请在项目中训练一个</translation>
    </message>
    <message>
        <source>a vocabulary of %1 pieces cannot hold every character that a coverage of %2 keeps (%3 with the special pieces): raise the vocabulary size or lower the character coverage (e.g. 0.99)</source>
        <translation>%1 个词片的词表装不下字符覆盖率 %2 保留的所有字符（加上特殊词片共 %3）：请增大词表或降低字符覆盖率（例如 0.99）</translation>
    </message>
    <message>
        <source>dataset %1 was tokenized with another tokenizer (%2, the project's is %3): import it again</source>
        <translation>数据集 %1 是用另一个分词器切分的（%2，本项目的是 %3）：请重新导入</translation>
    </message>
    <message>
        <source>a dataset holds only %1 tokens, fewer than one training window of %2: add more text or lower the context length</source>
        <translation>有个数据集只有 %1 个词元，不够一个 %2 词元的训练窗口：请添加更多文本或减小上下文长度</translation>
    </message>
    <message>
        <source>sequence length %1 exceeds the model's context of %2</source>
        <translation>序列长度 %1 超出了模型 %2 的上下文长度</translation>
    </message>
    <message>
        <source>open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>map</source>
        <translation>映射</translation>
    </message>
    <message>
        <source>write</source>
        <translation>写入</translation>
    </message>
    <message>
        <source>create</source>
        <translation>创建</translation>
    </message>
    <message>
        <source>TensorBoard events are no longer written: %1</source>
        <translation>不再写入 TensorBoard 事件：%1</translation>
    </message>
    <message>
        <source>stopped during %1: run the pipeline again to continue from there</source>
        <translation>在 %1 阶段停止：再次运行流水线即可从那里继续</translation>
    </message>
    <message>
        <source>imported the embedded Tang poems</source>
        <translation>已导入内置唐诗</translation>
    </message>
    <message>
        <source>training the tokenizer</source>
        <translation>正在训练分词器</translation>
    </message>
    <message>
        <source>%1 prompts answered %2 times</source>
        <translation>%1 个提示各回答了 %2 次</translation>
    </message>
    <message>
        <source>the rule-based judge (for demos and tests only) ranked %1 prompts</source>
        <translation>规则评判器（仅用于演示和测试）给 %1 个提示排了序</translation>
    </message>
    <message>
        <source>the pipeline finished: report in %1</source>
        <translation>流水线完成：报告在 %1</translation>
    </message>
    <message>
        <source>%1 finished before: kept</source>
        <translation>%1 之前已完成：保留</translation>
    </message>
    <message>
        <source>resuming %1 from %2</source>
        <translation>从 %2 继续 %1</translation>
    </message>
    <message>
        <source>starting %1</source>
        <translation>开始 %1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>%1 did not finish (see its run's messages); the stages after it need it</source>
        <translation>%1 没有完成（见该运行的消息）；后面的阶段需要它</translation>
    </message>
    <message>
        <source>reward model %1</source>
        <translation>奖励模型 %1</translation>
    </message>
    <message>
        <source>a reward function</source>
        <translation>一个奖励函数</translation>
    </message>
    <message>
        <source>stopped at iteration %1</source>
        <translation>在第 %1 轮停止</translation>
    </message>
    <message>
        <source>%1 The run has no checkpoint yet.</source>
        <translation>%1 这次运行还没有检查点。</translation>
    </message>
    <message>
        <source>%1 Its last good checkpoint is %2.</source>
        <translation>%1 最后一个正常的检查点是 %2。</translation>
    </message>
    <message>
        <source>finished %1 iterations</source>
        <translation>完成 %1 轮</translation>
    </message>
    <message>
        <source>A loss or gradient became NaN or infinite. Lower the learning rate, then resume.</source>
        <translation>损失或梯度变成了 NaN 或无穷大。请降低学习率后继续。</translation>
    </message>
    <message>
        <source>The policy has moved too far from the SFT model: KL %1 nats per answer, above the bound of %2. It is likely exploiting the reward model. Lower the learning rate or raise the KL coefficient.</source>
        <translation>策略偏离 SFT 模型太远：每个回答的 KL 为 %1 奈特，超过了上限 %2。它很可能在钻奖励模型的空子。请降低学习率或提高 KL 系数。</translation>
    </message>
    <message>
        <source>The answers have collapsed to (almost) nothing: %1 tokens on average. The reward model may reward short answers; check its Diagnostics, or raise the KL coefficient.</source>
        <translation>回答坍缩成了（几乎）空白：平均 %1 个词元。奖励模型可能偏爱短回答；请查看它的诊断，或提高 KL 系数。</translation>
    </message>
    <message>
        <source>The answers have collapsed to a few: %1 different ones in %2. Raise the KL coefficient or lower the learning rate.</source>
        <translation>回答坍缩成了少数几种：%2 个回答中只有 %1 种不同。请提高 KL 系数或降低学习率。</translation>
    </message>
    <message>
        <source>resuming at step %4: %1 parameters on %2, %3 training tokens</source>
        <translation>从第 %4 步继续：%1 个参数，在 %2 上，%3 个训练词元</translation>
    </message>
    <message>
        <source>starting: %1 parameters on %2, %3 training tokens</source>
        <translation>开始：%1 个参数，在 %2 上，%3 个训练词元</translation>
    </message>
    <message>
        <source>stopped at step %1; resume to continue</source>
        <translation>在第 %1 步停止；可继续训练</translation>
    </message>
    <message>
        <source>finished %1 steps</source>
        <translation>完成 %1 步</translation>
    </message>
    <message>
        <source>the gradient became NaN</source>
        <translation>梯度变成了 NaN</translation>
    </message>
    <message>
        <source>the gradient became infinite</source>
        <translation>梯度变成了无穷大</translation>
    </message>
    <message>
        <source>the loss became NaN</source>
        <translation>损失变成了 NaN</translation>
    </message>
    <message>
        <source>the loss became infinite</source>
        <translation>损失变成了无穷大</translation>
    </message>
    <message>
        <source>it had no checkpoint yet</source>
        <translation>它还没有检查点</translation>
    </message>
    <message>
        <source>its last good checkpoint is %1</source>
        <translation>它最后一个正常的检查点是 %1</translation>
    </message>
    <message>
        <source>%1 at step %2 (learning rate %3). The run stopped; %4. Lower the learning rate or lengthen the warmup, then start again or resume.</source>
        <translation>第 %2 步时%1（学习率 %3）。训练已停止；%4。请降低学习率或延长预热，然后重新开始或继续。</translation>
    </message>
    <message>
        <source>could not %1 %2: %3 (the disk is full or the file is too large: free some space and try again; nothing already saved was changed)</source>
        <translation>无法%1 %2：%3（磁盘已满或文件过大：请腾出空间后重试；已保存的内容没有改动）</translation>
    </message>
    <message>
        <source>could not %1 %2: %3</source>
        <translation>无法%1 %2：%3</translation>
    </message>
    <message>
        <source>read</source>
        <translation>读取</translation>
    </message>
    <message>
        <source>flush</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>replace</source>
        <translation>替换</translation>
    </message>
    <message>
        <source>%1 holds a demo made with other settings (a smaller or shorter one): its runs would be kept as they are. Run this demo in another folder, or delete that one to start over</source>
        <translation>%1 中的演示是用别的设置（更小或更短的）做的：它的运行会被原样保留。请在另一个文件夹中运行这个演示，或删除那个文件夹后从头开始</translation>
    </message>
    <message>
        <source>device '%1' is not here: this machine has CUDA GPUs 0 to %2</source>
        <translation>设备“%1”不存在：这台机器有 CUDA GPU 0 到 %2</translation>
    </message>
    <message>
        <source>device '%1' is unknown: use auto, cpu, cuda or cuda:N</source>
        <translation>设备“%1”未知：请用 auto、cpu、cuda 或 cuda:N</translation>
    </message>
    <message>
        <source>this run needs about %1 but %2 has %3 to spare: it may run out of memory. A micro-batch of %4 would fit (turn on the automatic batch fit).</source>
        <translation>这次训练约需 %1，但 %2 只有 %3 可用：可能会内存不足。微批次为 %4 时放得下（请打开自动调整批次）。</translation>
    </message>
    <message>
        <source>a micro-batch of %1 needs about %2 but %3 has %4 to spare</source>
        <translation>微批次 %1 约需 %2，但 %3 只有 %4 可用</translation>
    </message>
    <message>
        <source>%1: training with micro-batches of %2 and %3 accumulation steps (the same %4 sequences a step)</source>
        <translation>%1：改用微批次 %2、梯度累积 %3 步训练（每步仍是 %4 条序列）</translation>
    </message>
    <message>
        <source>out of memory at step %1 with micro-batches of %2</source>
        <translation>第 %1 步在微批次为 %2 时内存不足</translation>
    </message>
    <message>
        <source>%1 ran out of memory at step %2 (micro-batches of %3 sequences of %4 tokens, about %5 estimated). The run stopped; %6. Lower the batch size or the sequence length, or turn on activation checkpointing, then start again or resume.</source>
        <translation>%1 在第 %2 步内存不足（微批次 %3 条序列、每条 %4 个词元，估计约 %5）。训练已停止；%6。请减小批次大小或序列长度，或打开激活重计算，然后重新开始或继续。</translation>
    </message>
    <message>
        <source>this run needs about %1 but %2 has %3 to spare, and not even a micro-batch of 1 would fit: it may run out of memory. Shorten the sequence or turn on activation checkpointing.</source>
        <translation>这次训练约需 %1，但 %2 只有 %3 可用，连大小为 1 的微批次也放不下：可能会内存不足。请缩短序列或打开激活重计算。</translation>
    </message>
    <message>
        <source>%1 ran out of memory after step %2, while validating or writing a sample (micro-batches of %3 sequences of %4 tokens, about %5 estimated). The run stopped; %6. Lower the batch size or the validation batches, then resume.</source>
        <translation>%1 在第 %2 步之后（验证或生成样例时）内存不足（微批次 %3 条序列、每条 %4 个词元，估计约 %5）。训练已停止；%6。请减小批次大小或验证批次数，然后继续。</translation>
    </message>
    <message>
        <source>project database: run %1 has stage '%2' and status '%3', which this version of ChatTrain does not know</source>
        <translation>项目数据库：运行 %1 的阶段为“%2”、状态为“%3”，这个版本的 ChatTrain 不认识</translation>
    </message>
    <message>
        <source>checkpoint %1 was trained with another tokenizer (%2) than the project's %3 (%4): use a checkpoint trained in this project</source>
        <translation>检查点 %1 是用另一个分词器（%2）训练的，不是本项目的 %3（%4）：请使用在本项目中训练的检查点</translation>
    </message>
    <message>
        <source>run %1 already exists: pick another name or resume it</source>
        <translation>运行 %1 已存在：请换一个名称，或继续这个运行</translation>
    </message>
    <message>
        <source>run %1 does not exist</source>
        <translation>运行 %1 不存在</translation>
    </message>
    <message>
        <source>the environment variable %1 is '%2', which is not a number of processes, a rank or a port</source>
        <translation>环境变量 %1 的值是“%2”，它不是进程数、序号或端口</translation>
    </message>
    <message>
        <source>rank %1 of %2 lost contact with the other processes of the run (one of them ended or stopped answering for %3 s): %4. The last checkpoint is kept; resume the run.</source>
        <translation>%2 个进程中的第 %1 号与本次运行的其他进程失去联系（其中一个已结束，或 %3 秒没有响应）：%4。最后一个检查点保留着；请继续这个运行。</translation>
    </message>
    <message>
        <source>RANK is %1 but WORLD_SIZE is %2: ranks go from 0 to WORLD_SIZE - 1</source>
        <translation>RANK 是 %1，但 WORLD_SIZE 是 %2：序号从 0 到 WORLD_SIZE - 1</translation>
    </message>
    <message>
        <source>MASTER_PORT %1 is no TCP port (1 to 65535)</source>
        <translation>MASTER_PORT %1 不是 TCP 端口（1 到 65535）</translation>
    </message>
    <message>
        <source>rank 0 could not listen on %1 (%2): is another run using that port? Choose another MASTER_PORT</source>
        <translation>0 号进程无法在 %1 上监听（%2）：是否有另一个运行占用了这个端口？请换一个 MASTER_PORT</translation>
    </message>
    <message>
        <source>rank %1 could not reach rank 0 at %2 within %3 s (%4): check MASTER_ADDR and MASTER_PORT, and that rank 0 has started</source>
        <translation>%1 号进程在 %3 秒内无法连上 %2 的 0 号进程（%4）：请检查 MASTER_ADDR 和 MASTER_PORT，并确认 0 号进程已启动</translation>
    </message>
    <message>
        <source>rank %1 was told WORLD_SIZE %2, rank 0 another: start every process of the run with the same WORLD_SIZE</source>
        <translation>%1 号进程得到的 WORLD_SIZE 是 %2，0 号进程的却不同：请用同一个 WORLD_SIZE 启动本次运行的所有进程</translation>
    </message>
    <message>
        <source>rank %1 of %2 could not form the process group at %3 within %4 s: %5</source>
        <translation>%2 个进程中的第 %1 号在 %4 秒内无法在 %3 组成进程组：%5</translation>
    </message>
    <message>
        <source>%1 processes share each step's micro-batches</source>
        <translation>%1 个进程分担每一步的微批次</translation>
    </message>
    <message>
        <source>a step of %1 sequences cannot be shared among %2 processes: make the batch size times the gradient accumulation a multiple of %2</source>
        <translation>每步 %1 条序列无法由 %2 个进程分担：请让批大小乘以梯度累积为 %2 的倍数</translation>
    </message>
    <message>
        <source>no free local port for the processes to meet on: %1</source>
        <translation>没有可供各进程会合的空闲本地端口：%1</translation>
    </message>
    <message>
        <source>could not start process %1: %2</source>
        <translation>无法启动进程 %1：%2</translation>
    </message>
    <message>
        <source>rank %1 would train micro-batches of %2 but rank 0 of %3: give every process the same settings and the same project folder (memory_limit_mb fixes the micro-batch)</source>
        <translation>%1 号进程要用 %2 的微批次训练，0 号进程却是 %3：请给所有进程相同的设置和同一个项目文件夹（memory_limit_mb 可固定微批次）</translation>
    </message>
    <message>
        <source>cannot read the training job: %1</source>
        <translation>无法读取训练任务：%1</translation>
    </message>
    <message>
        <source>this training job was written by another version of ChatTrain</source>
        <translation>这个训练任务由另一个版本的 ChatTrain 写成</translation>
    </message>
    <message>
        <source>stage '%1' does not train in several processes</source>
        <translation>阶段“%1”不能在多个进程中训练</translation>
    </message>
    <message>
        <source>not a training job: %1</source>
        <translation>不是训练任务：%1</translation>
    </message>
    <message>
        <source>%1 needs prompts: choose a prompt set</source>
        <translation>%1 需要提示：请选择一个提示集</translation>
    </message>
    <message>
        <source>%1 needs a reward model: train one first</source>
        <translation>%1 需要奖励模型：请先训练一个</translation>
    </message>
    <message>
        <source>GRPO compares the answers to each prompt with each other: answer each prompt at least twice (%1 now)</source>
        <translation>GRPO 把同一个提示的各个回答相互比较：每个提示至少要回答两次（现在是 %1 次）</translation>
    </message>
    <message>
        <source>resuming %6 at iteration %5: %1 parameters on %2, %3 prompts, %4</source>
        <translation>从第 %5 轮继续 %6：%1 个参数，在 %2 上，%3 个提示，%4</translation>
    </message>
    <message>
        <source>starting %6: %1 parameters on %2, %3 prompts, %4</source>
        <translation>开始 %6：%1 个参数，在 %2 上，%3 个提示，%4</translation>
    </message>
    <message>
        <source>Another process of the run found the rollouts unhealthy.</source>
        <translation>这次训练的另一个进程发现采样结果不健康。</translation>
    </message>
    <message>
        <source>could not start the chattrain program: %1</source>
        <translation>无法启动 chattrain 程序：%1</translation>
    </message>
    <message>
        <source>%1
The processes said:
%2</source>
        <translation>%1
各进程的输出：
%2</translation>
    </message>
    <message>
        <source>the training processes were ended by signal %1 before the run finished:
%2</source>
        <translation>训练进程在训练完成前被信号 %1 终止：
%2</translation>
    </message>
    <message>
        <source>the training processes exited with code %1 before the run finished:
%2</source>
        <translation>训练进程在训练完成前退出，退出码 %1：
%2</translation>
    </message>
    <message>
        <source>answers per prompt for an evaluation must be from 1 to 64, not %1</source>
        <translation>评估时每个提示的回答数必须在 1 到 64 之间，而不是 %1</translation>
    </message>
    <message>
        <source>cannot open the lock file %1: %2</source>
        <translation>无法打开锁文件 %1：%2</translation>
    </message>
    <message>
        <source>cannot lock %1: %2</source>
        <translation>无法锁定 %1：%2</translation>
    </message>
    <message>
        <source>run %1 is in use by process %2 (%3, since %4): wait until it ends, or stop it there</source>
        <translation>运行 %1 正被进程 %2（%3，自 %4 起）使用：请等它结束，或在那里停止它</translation>
    </message>
    <message>
        <source>answers to prompt set %1 are being generated by process %2 (%3, since %4): wait until it ends, or stop it there</source>
        <translation>进程 %2（%3，自 %4 起）正在为提示集 %1 生成回答：请等它结束，或在那里停止它</translation>
    </message>
    <message>
        <source>no answer had a better form than another, so the judge ranked them by their whole score (form and content)</source>
        <translation>没有哪个回答的格式比另一个更好，所以评判器按总分（格式和内容）给它们排序</translation>
    </message>
    <message>
        <source>the normalisation epsilon must be a positive number, not %1</source>
        <translation>归一化的 epsilon 必须是正数，而不是 %1</translation>
    </message>
    <message>
        <source>the rotary base (rope_theta) must be a positive number, not %1</source>
        <translation>旋转位置编码的基数（rope_theta）必须是正数，而不是 %1</translation>
    </message>
    <message>
        <source>step %1 is not the checkpoint's step (%2 in config.json): the checkpoint is damaged; resume from another one</source>
        <translation>步数 %1 不是该检查点的步数（config.json 中为 %2）：检查点已损坏，请从另一个检查点继续</translation>
    </message>
    <message>
        <source>step %1 is negative</source>
        <translation>步数 %1 是负数</translation>
    </message>
    <message>
        <source>is a KTO rating (an answer marked good or bad by "label"), not a dialogue to imitate: import the file as rankings (Ranking page, or chattrain rankings import), where the good and bad answers to one prompt become preference pairs</source>
        <translation>是 KTO 评分（由 “label” 标出好坏的一个回答），不是可供模仿的对话：请把这个文件作为排序导入（“排序”页，或 chattrain rankings import），同一提示的好回答与坏回答会成为偏好对</translation>
    </message>
    <message>
        <source>pair choice '%1' is unknown: use all or first-last</source>
        <translation>未知的配对方式“%1”：请用 all 或 first-last</translation>
    </message>
    <message>
        <source>preference format '%1' is unknown: use auto, rankings, pairs, hh-rlhf, ultrafeedback or kto</source>
        <translation>未知的偏好格式“%1”：请用 auto、rankings、pairs、hh-rlhf、ultrafeedback 或 kto</translation>
    </message>
    <message>
        <source>field "%1" is not true or false</source>
        <translation>字段 “%1” 不是 true 或 false</translation>
    </message>
    <message>
        <source>field "%1" has no user's turn before the answer</source>
        <translation>字段 “%1” 在回答之前没有用户的发言</translation>
    </message>
    <message>
        <source>is in no known preference layout (%1)</source>
        <translation>不是已知的偏好数据结构（%1）</translation>
    </message>
    <message>
        <source>record is a KTO rating (label %1) whose prompt has no answer rated %2 in this file: nothing to compare it with, so it is left out</source>
        <translation>该记录是 KTO 评分（label 为 %1），而本文件中它的提示没有评为 %2 的回答：没有可比较的对象，因此未导入</translation>
    </message>
    <message>
        <source>tensor %1 is stored as %2, not as floating-point weights: the file is damaged</source>
        <translation>张量 %1 以 %2 存储，而不是浮点权重：文件已损坏</translation>
    </message>
    <message>
        <source>tensor %1 holds NaN or infinite values: the weights are damaged (a run that diverged, or a broken file)</source>
        <translation>张量 %1 含有 NaN 或无穷大的值：权重已损坏（训练发散，或文件损坏）</translation>
    </message>
    <message>
        <source>refers to pictures or sound (field "%1"), which a text-only model cannot see</source>
        <translation>引用了图片或声音（字段 “%1”），纯文本模型看不到它们</translation>
    </message>
    <message>
        <source>refers to a picture (&lt;image&gt; in its text), which a text-only model cannot see</source>
        <translation>引用了图片（文本中的 &lt;image&gt;），纯文本模型看不到它</translation>
    </message>
    <message>
        <source>kept without its "tools" definitions (this model does not call tools)</source>
        <translation>已保留，但不含其 “tools” 定义（此模型不调用工具）</translation>
    </message>
    <message>
        <source>kept with the placeholder %1, which is learned as written: fill it in before importing</source>
        <translation>已保留，但含有占位符 %1，会被原样学习：请在导入前填好它</translation>
    </message>
    <message>
        <source>embedded: demo dialogues from chinese-poetry</source>
        <translation>内置：取自 chinese-poetry 的演示对话</translation>
    </message>
    <message>
        <source>embedded: demo dialogues, held out</source>
        <translation>内置：演示对话（留出部分）</translation>
    </message>
    <message>
        <source>embedded: chinese-poetry (MIT)</source>
        <translation>内置：chinese-poetry（MIT 许可）</translation>
    </message>
    <message>
        <source>the run trains on dataset '%1', which the project no longer has as a text dataset</source>
        <translation>该运行训练的数据集“%1”已不在本项目的文本数据集中</translation>
    </message>
    <message>
        <source>the project has no dataset named '%1'</source>
        <translation>本项目没有名为“%1”的数据集</translation>
    </message>
    <message>
        <source>not a list of dataset names: %1</source>
        <translation>不是数据集名称的列表：%1</translation>
    </message>
    <message>
        <source>dataset '%1' holds dialogues, which fine-tuning reads; pretraining reads text datasets</source>
        <translation>数据集“%1”存放的是对话，供微调使用；预训练读取文本数据集</translation>
    </message>
    <message>
        <source>every conversation is longer than the sequence of %1 tokens: let their start be cut, or fine-tune a model with a longer context</source>
        <translation>每段对话都比 %1 个词元的序列长：请允许截掉开头，或微调上下文更长的模型</translation>
    </message>
    <message>
        <source>%1 (and %2 more for the same reason: lines %3)</source>
        <translation>%1（同样原因的还有 %2 条：第 %3 行）</translation>
    </message>
    <message>
        <source>is UTF-16 with an odd number of bytes (cut short?)</source>
        <translation>是字节数为奇数的 UTF-16 文本（被截断了？）</translation>
    </message>
    <message>
        <source>is UTF-16 with a broken character (a lone surrogate at byte %1)</source>
        <translation>是含有损坏字符的 UTF-16 文本（第 %1 字节处有孤立的代理项）</translation>
    </message>
    <message>
        <source>is UTF-32 text; convert it to UTF-8 first, e.g. iconv -f UTF-32 -t UTF-8</source>
        <translation>是 UTF-32 文本；请先转换为 UTF-8，例如 iconv -f UTF-32 -t UTF-8</translation>
    </message>
    <message>
        <source>holds a NUL character (\u0000): is it binary data?</source>
        <translation>含有 NUL 字符（\u0000）：是二进制数据吗？</translation>
    </message>
    <message>
        <source>%1 must be text, not %2</source>
        <translation>%1 必须是文本，而不是 %2</translation>
    </message>
    <message>
        <source>%1 must be a whole number, not %2</source>
        <translation>%1 必须是整数，而不是 %2</translation>
    </message>
    <message>
        <source>%1 must be a number, not %2</source>
        <translation>%1 必须是数字，而不是 %2</translation>
    </message>
    <message>
        <source>%1 must be true or false, not %2</source>
        <translation>%1 必须是 true 或 false，而不是 %2</translation>
    </message>
    <message>
        <source>has no "weight_map" of tensor names to shard files in this folder</source>
        <translation>没有把张量名映射到本文件夹中分片文件的 "weight_map"</translation>
    </message>
    <message>
        <source>its header is not a JSON object</source>
        <translation>其文件头不是 JSON 对象</translation>
    </message>
    <message>
        <source>tensor %1 has a negative size in its shape</source>
        <translation>张量 %1 的形状中有负数尺寸</translation>
    </message>
    <message>
        <source>its tensors leave a gap or overlap at data byte %1 (header size wrong?)</source>
        <translation>其张量在数据第 %1 字节处留有空隙或相互重叠（文件头长度有误？）</translation>
    </message>
    <message>
        <source>its tensors end at data byte %1 but the file has %2 (header size wrong?)</source>
        <translation>其张量在数据第 %1 字节处结束，但文件有 %2 字节（文件头长度有误？）</translation>
    </message>
    <message>
        <source>%1: the project's catalogue of datasets, runs and rankings is lost, while its files (runs/, data/, tokenizer/) are untouched. Rebuild it from them with 'chattrain project repair %2', or restore %3 from a backup; the project is not opened, so nothing more is lost</source>
        <translation>%1：项目记录数据集、训练运行和排序的目录已丢失，而其文件（runs/、data/、tokenizer/）完好无损。可用“chattrain project repair %2”从这些文件重建目录，或从备份恢复 %3；项目未被打开，因此不会再丢失任何内容</translation>
    </message>
    <message>
        <source>%1:%2: not read back: %3</source>
        <translation>%1:%2：未能读回：%3</translation>
    </message>
    <message>
        <source>%1 is missing</source>
        <translation>%1 不存在</translation>
    </message>
    <message>
        <source>%1 is empty (0 bytes)</source>
        <translation>%1 是空的（0 字节）</translation>
    </message>
    <message>
        <source>%1 is damaged: it is not an SQLite database</source>
        <translation>%1 已损坏：它不是 SQLite 数据库</translation>
    </message>
    <message>
        <source>%1 is not a ChatTrain project: it has neither runs/ nor data/</source>
        <translation>%1 不是 ChatTrain 项目：既没有 runs/ 也没有 data/</translation>
    </message>
    <message>
        <source>the catalogue of %1 is readable: there is nothing to repair</source>
        <translation>%1 的目录可以正常读取：无需修复</translation>
    </message>
    <message>
        <source>%1 holds no dataset file: left out</source>
        <translation>%1 中没有数据集文件：已跳过</translation>
    </message>
    <message>
        <source>%1 has no checkpoint: left out</source>
        <translation>%1 没有检查点：已跳过</translation>
    </message>
    <message>
        <source>%1 names an unknown stage '%2'</source>
        <translation>%1 写的是未知的阶段“%2”</translation>
    </message>
    <message>
        <source>run %1 left out: %2</source>
        <translation>已跳过训练运行 %1：%2</translation>
    </message>
    <message>
        <source>prompt sets, their answers and rankings, and saved chats were kept only in the catalogue: merge an export of the rankings (chattrain rankings import) to get them back</source>
        <translation>提示集及其回答和排序、以及保存的对话只记录在目录中：合并排序的导出文件（chattrain rankings import）即可找回</translation>
    </message>
    <message>
        <source>is damaged: the checkpoint cannot be checked; resume from another one</source>
        <translation>已损坏：无法校验该检查点；请从另一个检查点恢复</translation>
    </message>
    <message>
        <source>does not match the checksum saved with it in %1: the file changed after it was written (a damaged disk or copy?); resume from another checkpoint</source>
        <translation>与 %1 中随它保存的校验和不符：文件在写入后被改动过（磁盘或复制出错？）；请从另一个检查点恢复</translation>
    </message>
    <message>
        <source>%1 is %2, not a number: the checkpoint is damaged; resume from another one</source>
        <translation>%1 是 %2，不是数字：该检查点已损坏；请从另一个检查点恢复</translation>
    </message>
    <message>
        <source>%1 holds no prompt to add: no prompt set was made</source>
        <translation>%1 中没有可添加的提示：未创建提示集</translation>
    </message>
    <message>
        <source>record of %1 bytes is too large for the memory available</source>
        <translation>这条 %1 字节的记录太大，可用内存放不下</translation>
    </message>
    <message>
        <source>the model's output is not a number: its weights are damaged</source>
        <translation>模型输出不是数值（NaN）：其权重已损坏</translation>
    </message>
</context>
<context>
    <name>Report</name>
    <message>
        <source>Pretraining</source>
        <translation>预训练</translation>
    </message>
    <message>
        <source>Supervised fine-tuning (SFT)</source>
        <translation>监督微调（SFT）</translation>
    </message>
    <message>
        <source>Reward model</source>
        <translation>奖励模型</translation>
    </message>
    <message>
        <source>RLHF with PPO</source>
        <translation>用 PPO 做 RLHF</translation>
    </message>
    <message>
        <source>DPO</source>
        <translation>DPO</translation>
    </message>
    <message>
        <source>Evidence: the checkpoints on held-out prompts</source>
        <translation>证据：各检查点在留出提示上的表现</translation>
    </message>
    <message>
        <source>Held out: none of these prompts appears in another prompt set of the project, so no ranking, reward model or RLHF run has trained on them.</source>
        <translation>留出：这些提示都不在本项目的其他提示集中，因此没有任何排序、奖励模型或 RLHF 训练用过它们。</translation>
    </message>
    <message>
        <source>Not fully held out: %1 of these prompts also appear in another prompt set of the project, so a stage may have trained on them.</source>
        <translation>并未完全留出：其中 %1 个提示也出现在本项目的其他提示集中，某个阶段可能用它们训练过。</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <source>Checkpoint</source>
        <translation>检查点</translation>
    </message>
    <message>
        <source>Reward</source>
        <translation>奖励</translation>
    </message>
    <message>
        <source>Against the first</source>
        <translation>相对第一个</translation>
    </message>
    <message>
        <source>Judge</source>
        <translation>评判</translation>
    </message>
    <message>
        <source>Characters</source>
        <translation>字符数</translation>
    </message>
    <message>
        <source>%1 does not score clearly higher than %2.</source>
        <translation>%1 的得分没有明显高于 %2。</translation>
    </message>
    <message>
        <source>Sample answers to held-out prompts</source>
        <translation>留出提示的示例回答</translation>
    </message>
    <message>
        <source>Prompt %1</source>
        <translation>提示 %1</translation>
    </message>
    <message>
        <source>Prompt:</source>
        <translation>提示：</translation>
    </message>
    <message>
        <source>Reference:</source>
        <translation>参考答案：</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Made</source>
        <translation>创建于</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>步数</translation>
    </message>
    <message>
        <source>Time training</source>
        <translation>训练用时</translation>
    </message>
    <message>
        <source>Started from</source>
        <translation>起点</translation>
    </message>
    <message>
        <source>Settings:</source>
        <translation>设置：</translation>
    </message>
    <message>
        <source>Metric</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Final (tokens/s: mean)</source>
        <translation>最终值（tokens/s 取平均）</translation>
    </message>
    <message>
        <source>First</source>
        <translation>最初值</translation>
    </message>
    <message>
        <source>ChatTrain report: %1</source>
        <translation>ChatTrain 报告：%1</translation>
    </message>
    <message>
        <source>Project %1, written %2.</source>
        <translation>项目 %1，生成于 %2。</translation>
    </message>
    <message>
        <source>No evaluation yet: evaluate the checkpoints to compare SFT with PPO and DPO.</source>
        <translation>还没有评估：评估检查点以比较 SFT 与 PPO、DPO。</translation>
    </message>
    <message>
        <source>No training run yet.</source>
        <translation>还没有训练记录。</translation>
    </message>
    <message>
        <source>Form</source>
        <translation>格式</translation>
    </message>
    <message>
        <source>%1 scores clearly higher than %2 on both the reward model and the judge's form.</source>
        <translation>%1 在奖励模型和评判器的格式指标上的得分都明显高于 %2。</translation>
    </message>
    <message>
        <source>%1 scores clearly higher than %2 on the reward model, not on the judge's form.</source>
        <translation>%1 在奖励模型上的得分明显高于 %2，在评判器的格式指标上则没有。</translation>
    </message>
    <message>
        <source>%1 scores clearly higher than %2 on the judge's form, not on the reward model.</source>
        <translation>%1 在评判器的格式指标上的得分明显高于 %2，在奖励模型上则没有。</translation>
    </message>
    <message>
        <source>%1 (reward %2, form %3, judge %4):</source>
        <translation>%1（奖励 %2，格式 %3，评判 %4）：</translation>
    </message>
    <message>
        <source>Imported model</source>
        <translation>导入的模型</translation>
    </message>
    <message>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>diverged</source>
        <translation>已发散</translation>
    </message>
    <message>
        <source>out of memory</source>
        <translation>内存不足</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>RLHF with GRPO</source>
        <translation>用 GRPO 做 RLHF</translation>
    </message>
    <message>
        <source>%1 prompts of the set "%2", made %3. Every checkpoint answered every prompt with the same sampling settings (%5) and the same seeds per prompt; answers per prompt: %4 (a prompt's scores are the means over its answers).</source>
        <translation>提示集“%2”中的 %1 个提示，生成于 %3。每个检查点都以相同的采样设置（%5）和每个提示相同的随机种子回答每个提示；每个提示的回答数：%4（一个提示的分数是其各回答分数的平均）。</translation>
    </message>
    <message>
        <source>The reward model on these held-out answers: of the %1 pairs of answers to one prompt whose form differs, it scores the one with the better form higher in %2.</source>
        <translation>奖励模型在这些留出回答上的表现：在同一提示下格式不同的 %1 对回答中，它给格式更好的回答打更高分的比例为 %2。</translation>
    </message>
    <message>
        <source>Reward: the reward model %1. Form: the rule-based judge's checkable metric (for demos and tests only), how much of an answer has the form its prompt asks for, from 0 to 1: verse lines of two equal halves of five or seven characters (in the measure of a line the prompt quotes), or the reference answer's sentence pattern, repeating the title the prompt names. Judge: the judge's whole score, the mean of the form and the characters the answer shares with the reference. "Against the first": the mean difference from the first checkpoint on the same prompts, ± twice its standard error. "KL to the first": how far a checkpoint moved from the first, in nats per answer at the sampling temperature, estimated on its own answers (a stage that scores higher only far from the first has likely found what the reward model gets wrong).</source>
        <translation>奖励：奖励模型 %1 的打分。格式：规则评判器可核查的指标（仅用于演示和测试），即回答中符合提示所要求格式的比例，0 到 1：诗句由上下两个等长的五言或七言半句组成（若提示引了一句诗，则须与其字数相同），或者遵循参考答案的句式并原样重复提示中的题目。评判：评判器的总分，即格式与回答和参考答案共有字符两者的平均。“相对第一个”：在相同提示上与第一个检查点的平均差值，± 两倍标准误。“与第一个的 KL”：检查点离第一个检查点有多远，以采样温度下每个回答的奈特数计，在它自己的回答上估计（只有远离第一个检查点才得分更高的阶段，很可能是找到了奖励模型判断错误的地方）。</translation>
    </message>
    <message>
        <source>KL to the first</source>
        <translation>与第一个的 KL</translation>
    </message>
    <message>
        <source>training loss</source>
        <translation>训练损失</translation>
    </message>
    <message>
        <source>validation loss</source>
        <translation>验证损失</translation>
    </message>
    <message>
        <source>tokens per second</source>
        <translation>每秒词元数</translation>
    </message>
    <message>
        <source>held-out accuracy</source>
        <translation>留出准确率</translation>
    </message>
    <message>
        <source>mean margin</source>
        <translation>平均差值</translation>
    </message>
    <message>
        <source>log-probability of chosen answers</source>
        <translation>被选回答的对数概率</translation>
    </message>
    <message>
        <source>log-probability of rejected answers</source>
        <translation>被拒回答的对数概率</translation>
    </message>
    <message>
        <source>reward</source>
        <translation>奖励</translation>
    </message>
    <message>
        <source>KL to the reference</source>
        <translation>与参考模型的 KL</translation>
    </message>
    <message>
        <source>entropy</source>
        <translation>熵</translation>
    </message>
    <message>
        <source>answer length</source>
        <translation>回答长度</translation>
    </message>
    <message>
        <source>clip fraction</source>
        <translation>裁剪比例</translation>
    </message>
    <message>
        <source>approximate KL</source>
        <translation>近似 KL</translation>
    </message>
    <message>
        <source>value loss</source>
        <translation>价值损失</translation>
    </message>
    <message>
        <source>prompts whose answers all scored alike</source>
        <translation>所有回答得分相同的提示</translation>
    </message>
    <message>
        <source>share of time answering</source>
        <translation>生成回答的用时占比</translation>
    </message>
    <message>
        <source>share of time on log-probabilities</source>
        <translation>计算对数概率的用时占比</translation>
    </message>
    <message>
        <source>share of time scoring</source>
        <translation>打分的用时占比</translation>
    </message>
    <message>
        <source>share of time updating</source>
        <translation>更新参数的用时占比</translation>
    </message>
</context>
<context>
    <name>chattrain::ui</name>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 分 %2 秒</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 小时 %2 分</translation>
    </message>
    <message>
        <source>ETA %1</source>
        <translation>预计还需 %1</translation>
    </message>
</context>
<context>
    <name>chattrain::ui::BackgroundTask</name>
    <message>
        <source>Cancelled; nothing was changed.</source>
        <translation>已取消，没有做任何更改。</translation>
    </message>
</context>
<context>
    <name>chattrain::ui::ChatPage</name>
    <message>
        <source>Export chats</source>
        <translation>导出对话</translation>
    </message>
    <message>
        <source>JSON lines (*.jsonl)</source>
        <translation>JSON Lines (*.jsonl)</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <source>Could not write %1</source>
        <translation>无法写入 %1</translation>
    </message>
    <message>
        <source>System prompt</source>
        <translation>系统提示词</translation>
    </message>
    <message>
        <source>Optional, e.g. You are a helpful assistant who knows Tang poetry.</source>
        <translation>可选，例如：你是一位熟读唐诗的助手。</translation>
    </message>
    <message>
        <source>Sampling</source>
        <translation>采样</translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation>温度</translation>
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
        <translation>重复惩罚</translation>
    </message>
    <message>
        <source>Max new tokens</source>
        <translation>最多生成词元数</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>0 always picks the likeliest token; higher is more varied</source>
        <translation>0 总是选最可能的词元；越高越多样</translation>
    </message>
    <message>
        <source>Sample among the k likeliest tokens (0: all)</source>
        <translation>只在最可能的 k 个词元中采样（0：不限）</translation>
    </message>
    <message>
        <source>Sample among the likeliest tokens that together reach this probability</source>
        <translation>只在累计概率达到该值的最可能词元中采样</translation>
    </message>
    <message>
        <source>Above 1 discourages repeating tokens already in the conversation</source>
        <translation>大于 1 时抑制重复对话中已出现的词元</translation>
    </message>
    <message>
        <source>Side by side: ask two checkpoints, same seed</source>
        <translation>并排对比：同一问题问两个检查点，种子相同</translation>
    </message>
    <message>
        <source>Saved chats</source>
        <translation>已保存的对话</translation>
    </message>
    <message>
        <source>New chat</source>
        <translation>新对话</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Export JSONL…</source>
        <translation>导出 JSONL…</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>发送</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Ask something, e.g. 《静夜思》的作者是谁？</source>
        <translation>问点什么，例如：《静夜思》的作者是谁？</translation>
    </message>
    <message>
        <source>Enter sends, Shift+Enter starts a new line. A pretrained-only checkpoint continues text; a fine-tuned one answers and stops.</source>
        <translation>Enter 发送，Shift+Enter 换行。只经过预训练的检查点会续写文本；微调过的检查点会回答并停下。</translation>
    </message>
    <message>
        <source>Cannot open the chat</source>
        <translation>无法打开对话</translation>
    </message>
    <message>
        <source>Chat</source>
        <translation>对话</translation>
    </message>
    <message>
        <source>Talk to any checkpoint of the project, or to two side by side to hear what a stage changed. Next: the Report measures them on held-out prompts.</source>
        <translation>与本项目的任意检查点对话，或并排与两个对话，听听某个阶段改变了什么。下一步：报告在留出的提示上衡量它们。</translation>
    </message>
</context>
<context>
    <name>chattrain::ui::ChatPane</name>
    <message>
        <source>No checkpoint to answer: pretrain (and fine-tune) a model first.</source>
        <translation>没有可用的检查点：请先预训练（并微调）一个模型。</translation>
    </message>
    <message>
        <source>Answering…</source>
        <translation>正在回答…</translation>
    </message>
    <message>
        <source>the model ended its answer</source>
        <translation>模型结束了回答</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>未保存：%1</translation>
    </message>
    <message>
        <source>System: %1</source>
        <translation>系统：%1</translation>
    </message>
    <message>
        <source>You</source>
        <translation>你</translation>
    </message>
    <message>
        <source>Assistant</source>
        <translation>助手</translation>
    </message>
    <message>
        <source>stopped at the token limit</source>
        <translation>达到词元数上限</translation>
    </message>
    <message>
        <source>the context is full</source>
        <translation>上下文已满</translation>
    </message>
    <message>
        <source>stopped by you</source>
        <translation>已被你停止</translation>
    </message>
    <message numerus="yes">
        <source>%n token(s) · %1 tokens/s · %2</source>
        <translation>
            <numerusform>%n 个词元 · %1 词元/秒 · %2</numerusform></translation>
    </message>
</context>
<context>
    <name>chattrain::ui::CheckpointBox</name>
    <message>
        <source>(no checkpoint yet: pretrain first)</source>
        <translation>（还没有检查点：请先预训练）</translation>
    </message>
</context>
<context>
    <name>chattrain::ui::ContextFitLabel</name>
    <message>
        <source>Measuring the examples</source>
        <translation>正在测量样本</translation>
    </message>
    <message>
        <source>Context of %1 tokens: %2 of %3 conversations fit whole.</source>
        <translation>上下文 %1 个词元：%3 段对话中有 %2 段能完整放下。</translation>
    </message>
    <message>
        <source>%1 lose the start of their prompt (the answer stays whole), %2 the start of their answer too. The longest has %3 tokens; 95% fit in %4: a model with a longer context would keep them whole.</source>
        <translation>%1 段会截去提示的开头（回答保持完整），%2 段连回答的开头也会截去。最长的一段有 %3 个词元；95% 的对话在 %4 个词元以内：上下文更长的模型能把它们完整保留。</translation>
    </message>
    <message>
        <source>Context of %1 tokens: %2 of %3 pairs fit whole.</source>
        <translation>上下文 %1 个词元：%3 对回答中有 %2 对能完整放下。</translation>
    </message>
    <message>
        <source>%1 lose the start of their prompt (the answers stay whole), %2 the start of an answer too. The longest answer with its prompt has %3 tokens; 95% fit in %4: a model with a longer context would keep them whole.</source>
        <translation>%1 对会截掉提示的开头（回答保持完整），%2 对连某个回答的开头也会截掉。最长的回答连同提示有 %3 个词元；95% 能放进 %4 个词元：上下文更长的模型能完整保留它们。</translation>
    </message>
    <message>
        <source>Context of %1 tokens: %2 of %3 prompts fit with room for the answer.</source>
        <translation>上下文 %1 个词元：%3 个提示中有 %2 个放得下，并给回答留出空间。</translation>
    </message>
    <message>
        <source>%1 lose their start. The longest needs %2 tokens with the answer; 95% fit in %3: a shorter answer or a model with a longer context would keep them whole.</source>
        <translation>%1 个会截掉开头。最长的连同回答需要 %2 个词元；95% 能放进 %3 个词元：更短的回答或上下文更长的模型能完整保留它们。</translation>
    </message>
    <message>
        <source>%1 longer than the context are left out, as chosen below: nothing of them is trained on. The longest has %2 tokens; 95% fit in %3: a model with a longer context would keep them.</source>
        <translation>%1 段超出上下文的对话按下方的选择被舍弃：不用它们的任何部分训练。最长的有 %2 个词元；95% 能放进 %3 个：上下文更长的模型可以保留它们。</translation>
    </message>
</context>
<context>
    <name>chattrain::ui::DataPage</name>
    <message>
        <source>Add files</source>
        <translation>添加文件</translation>
    </message>
    <message>
        <source>Text and data (*.txt *.md *.markdown *.jsonl *.ndjson *.json);;All files (*)</source>
        <translation>文本与数据 (*.txt *.md *.markdown *.jsonl *.ndjson *.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Add folder</source>
        <translation>添加文件夹</translation>
    </message>
    <message>
        <source>Add plain text or Markdown files, JSONL with a "text" field, or chinese-poetry JSON, or drop them here. Every record is checked: text must be UTF-8, JSON must parse; what is rejected is listed with its file and line.</source>
        <translation>添加纯文本或 Markdown 文件、带 "text" 字段的 JSONL，或 chinese-poetry 格式的 JSON，也可以直接拖到这里。每条记录都会检查：文本必须是 UTF-8，JSON 必须能解析；被拒绝的记录会连同文件名和行号列出。</translation>
    </message>
    <message>
        <source>Add files…</source>
        <translation>添加文件…</translation>
    </message>
    <message>
        <source>Add folder…</source>
        <translation>添加文件夹…</translation>
    </message>
    <message>
        <source>Format:</source>
        <translation>格式：</translation>
    </message>
    <message>
        <source>Detect from the file</source>
        <translation>自动识别</translation>
    </message>
    <message>
        <source>Plain text</source>
        <translation>纯文本</translation>
    </message>
    <message>
        <source>Markdown</source>
        <translation>Markdown</translation>
    </message>
    <message>
        <source>JSONL ("text" field)</source>
        <translation>JSONL（"text" 字段）</translation>
    </message>
    <message>
        <source>chinese-poetry JSON</source>
        <translation>chinese-poetry JSON</translation>
    </message>
    <message>
        <source>Dataset name:</source>
        <translation>数据集名称：</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <source>Rejected records</source>
        <translation>被拒绝的记录</translation>
    </message>
    <message>
        <source>Datasets in this project</source>
        <translation>本项目的数据集</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>文档数</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>拒绝数</translation>
    </message>
    <message>
        <source>Reading</source>
        <translation>正在读取</translation>
    </message>
    <message numerus="yes">
        <source>Read %n document(s); %1 rejected.</source>
        <translation>
            <numerusform>已读取 %n 篇文档；拒绝 %1 条。</numerusform></translation>
    </message>
    <message>
        <source>Nothing read yet.</source>
        <translation>尚未读取任何内容。</translation>
    </message>
    <message>
        <source>%1 documents, %2 characters, about %3 tokens with this project's tokenizer.</source>
        <translation>%1 篇文档，%2 个字符，用本项目的分词器约 %3 个词元。</translation>
    </message>
    <message>
        <source>%1 documents, %2 characters (a tokenizer trained on them gives about one token per Chinese character).</source>
        <translation>%1 篇文档，%2 个字符（在其上训练的分词器大约每个汉字一个词元）。</translation>
    </message>
    <message>
        <source>Importing</source>
        <translation>正在导入</translation>
    </message>
    <message>
        <source>Dataset %1: %2 documents imported, %3 rejected.</source>
        <translation>数据集 %1：导入 %2 篇文档，拒绝 %3 条。</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>Tokens</source>
        <translation>词元数</translation>
    </message>
    <message>
        <source>not tokenized yet</source>
        <translation>尚未分词</translation>
    </message>
    <message>
        <source>Start here: import text to pretrain on (.txt, .md, .jsonl, a folder) and dialogues to fine-tune on. Next: the Tokenizer learns its pieces from this text.</source>
        <translation>从这里开始：导入用于预训练的文本（.txt、.md、.jsonl、文件夹）和用于微调的对话。下一步：分词器从这些文本中学习它的词元。</translation>
    </message>
</context>
<context>
    <name>chattrain::ui::ExportDialog</name>
    <message>
        <source>Export metrics as CSV</source>
        <translation>将指标导出为 CSV</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>Export as GGUF</source>
        <translation>导出为 GGUF</translation>
    </message>
    <message>
        <source>GGUF (*.gguf)</source>
        <translation>GGUF (*.gguf)</translation>
    </message>
    <message>
        <source>Export into an empty folder</source>
        <translation>导出到一个空文件夹</translation>
    </message>
    <message>
        <source>There is no checkpoint to export yet: train one first.</source>
        <translation>还没有可导出的检查点：请先训练一个。</translation>
    </message>
    <message>
        <source>Choose where to write the export.</source>
        <translation>请选择导出位置。</translation>
    </message>
    <message>
        <source>Exporting %1…</source>
        <translation>正在导出 %1…</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Wrote %1 (%2 tensors, %3 MB).
Try it with llama.cpp: llama-cli -m "%1" -cnv
or with Ollama: a Modelfile with the line FROM %1, then ollama create and ollama run.</source>
        <translation>已写入 %1（%2 个张量，%3 MB）。
用 llama.cpp 试试：llama-cli -m "%1" -cnv
或用 Ollama：在 Modelfile 中写一行 FROM %1，然后 ollama create、ollama run。</translation>
    </message>
    <message>
        <source>Wrote the folder %1 (%2 tensors, %3 MB).
Try it with transformers: AutoModelForCausalLM.from_pretrained("%1"), and AutoTokenizer's apply_chat_template for the chat format.</source>
        <translation>已写入文件夹 %1（%2 个张量，%3 MB）。
用 transformers 试试：AutoModelForCausalLM.from_pretrained("%1")，对话格式用 AutoTokenizer 的 apply_chat_template。</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message numerus="yes">
        <source>Wrote %n points of %1 to %2.</source>
        <translation>
            <numerusform>已将 %1 的 %n 个数据点写入 %2。</numerusform></translation>
    </message>
    <message>
        <source>Wrote %1.
See every run's curves with: tensorboard --logdir "%2"</source>
        <translation>已写入 %1。
查看所有训练的曲线：tensorboard --logdir "%2"</translation>
    </message>
    <message>
        <source>Checkpoint:</source>
        <translation>检查点：</translation>
    </message>
    <message>
        <source>Format:</source>
        <translation>格式：</translation>
    </message>
    <message>
        <source>GGUF file — llama.cpp, Ollama, LM Studio</source>
        <translation>GGUF 文件 — llama.cpp、Ollama、LM Studio</translation>
    </message>
    <message>
        <source>Hugging Face folder — transformers (LlamaForCausalLM)</source>
        <translation>Hugging Face 文件夹 — transformers（LlamaForCausalLM）</translation>
    </message>
    <message>
        <source>Weights:</source>
        <translation>权重：</translation>
    </message>
    <message>
        <source>F32 (exact)</source>
        <translation>F32（精确）</translation>
    </message>
    <message>
        <source>F16 (half the size)</source>
        <translation>F16（体积减半）</translation>
    </message>
    <message>
        <source>Write to:</source>
        <translation>写入到：</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>CSV…</source>
        <translation>CSV…</translation>
    </message>
    <message>
        <source>TensorBoard events</source>
        <translation>TensorBoard 事件</translation>
    </message>
    <message>
        <source>Runs write TensorBoard events as they train; this writes them again from the project, for runs from before or after deleting the files</source>
        <translation>训练时会自动写入 TensorBoard 事件；这里从项目中重新写出，适用于较早的训练或文件被删除之后</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>The chat template (ChatML) and the tokenizer travel with the model, so the exported model answers in the same format it was fine-tuned on.</source>
        <translation>对话模板（ChatML）和分词器会随模型一起导出，所以导出的模型会按微调时的格式回答。</translation>
    </message>
    <message>
        <source>A checkpoint, to run elsewhere</source>
        <translation>检查点：拿到别的程序里运行</translation>
    </message>
    <message>
        <source>A run's metrics</source>
        <translation>训练的指标</translation>
    </message>
    <message>
        <source>Run:</source>
        <translation>训练：</translation>
    </message>
    <message>
        <source>Import a Hugging Face model folder</source>
        <translation>导入 Hugging Face 模型文件夹</translation>
    </message>
    <message>
        <source>Importing %1…</source>
        <translation>正在导入 %1…</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Imported %1 as run %2 (%3). Fine-tune it on the SFT page or talk with it on the Chat page.</source>
        <translation>已将 %1 导入为训练 %2（%3）。可以在微调页继续训练，或在对话页与它对话。</translation>
    </message>
    <message>
        <source>Export and import</source>
        <translation>导出与导入</translation>
    </message>
    <message>
        <source>A model from transformers</source>
        <translation>来自 transformers 的模型</translation>
    </message>
    <message>
        <source>A Hugging Face Llama folder whose tokenizer.model is this project's (an export of ours, say) becomes a checkpoint to fine-tune or chat with.</source>
        <translation>一个 Hugging Face Llama 文件夹，只要其中的 tokenizer.model 与本项目的相同（例如本工具导出的），就能成为可以继续微调或对话的检查点。</translation>
    </message>
    <message>
        <source>Import a folder…</source>
        <translation>导入文件夹…</translation>
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
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;New project…</source>
        <translation>新建项目(&amp;N)…</translation>
    </message>
    <message>
        <source>&amp;Open project…</source>
        <translation>打开项目(&amp;O)…</translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Presentation mode (large fonts)</source>
        <translation>演示模式（大字体）(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Dark theme</source>
        <translation>深色主题(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About ChatTrain Studio</source>
        <translation>关于 ChatTrain Studio(&amp;A)</translation>
    </message>
    <message>
        <source>Project: %1</source>
        <translation>项目：%1</translation>
    </message>
    <message>
        <source>No project open</source>
        <translation>未打开项目</translation>
    </message>
    <message>
        <source>Training is running</source>
        <translation>正在训练</translation>
    </message>
    <message>
        <source>Stop the run (a checkpoint is saved) and quit?</source>
        <translation>停止训练（会保存检查点）并退出？</translation>
    </message>
    <message>
        <source>New project folder</source>
        <translation>新项目文件夹</translation>
    </message>
    <message>
        <source>Cannot create the project</source>
        <translation>无法创建项目</translation>
    </message>
    <message>
        <source>Open project folder</source>
        <translation>打开项目文件夹</translation>
    </message>
    <message>
        <source>Cannot open the project</source>
        <translation>无法打开项目</translation>
    </message>
    <message>
        <source>About ChatTrain Studio</source>
        <translation>关于 ChatTrain Studio</translation>
    </message>
    <message>
        <source>&lt;h3&gt;ChatTrain Studio %1&lt;/h3&gt;&lt;p&gt;Train your own small ChatGPT from scratch: tokenizer, pretraining, fine-tuning, ranking, reward model, RLHF and chat.&lt;/p&gt;&lt;p&gt;Qt %2 · LibTorch %3 · SentencePiece %4&lt;/p&gt;&lt;p&gt;Embedded corpus: Tang poems from chinese-poetry (MIT licence).&lt;/p&gt;</source>
        <translation>&lt;h3&gt;ChatTrain Studio %1&lt;/h3&gt;&lt;p&gt;从零训练你自己的小型 ChatGPT：分词器、预训练、微调、排序、奖励模型、RLHF 与对话。&lt;/p&gt;&lt;p&gt;Qt %2 · LibTorch %3 · SentencePiece %4&lt;/p&gt;&lt;p&gt;内置语料：来自 chinese-poetry 的唐诗（MIT 许可）。&lt;/p&gt;</translation>
    </message>
    <message numerus="yes">
        <source>GPU: %n CUDA device(s)</source>
        <translation>
            <numerusform>GPU：%n 个 CUDA 设备</numerusform></translation>
    </message>
    <message>
        <source>CPU: %1 training thread(s) on %2 logical cores</source>
        <translation>CPU：%1 个训练线程，共 %2 个逻辑核心</translation>
    </message>
    <message>
        <source>Work in progress</source>
        <translation>任务进行中</translation>
    </message>
    <message>
        <source>GPU: %1, %2</source>
        <translation>GPU：%1，%2</translation>
    </message>
    <message>
        <source>Wait for the import, the tokenizer, the training or the answer to finish (or stop it) before opening another project.</source>
        <translation>请等待导入、分词器训练、模型训练或回答完成（或停止它），再打开其他项目。</translation>
    </message>
    <message>
        <source>The demo pipeline is running</source>
        <translation>演示流程正在运行</translation>
    </message>
    <message>
        <source>Stop it (its current stage saves a checkpoint; run it again to continue) and quit?</source>
        <translation>停止它（当前阶段会保存检查点；再次运行即可继续）并退出吗？</translation>
    </message>
    <message>
        <source>&amp;Export and import models…</source>
        <translation>导出与导入模型(&amp;E)…</translation>
    </message>
    <message numerus="yes">
        <source> (+%n more)</source>
        <translation>
            <numerusform>（另有 %n 块）</numerusform></translation>
    </message>
    <message>
        <source>&amp;Guide: the recipe step by step</source>
        <translation>指南：一步步走完流程(&amp;G)</translation>
    </message>
    <message>
        <source>Guide: the recipe step by step</source>
        <translation>指南：一步步走完流程</translation>
    </message>
    <message>
        <source>Train your own small ChatGPT</source>
        <translation>训练你自己的小型 ChatGPT</translation>
    </message>
    <message>
        <source>The sidebar is the recipe by which ChatGPT was made, scaled down to run on your computer. Each step needs what the step before it gives. The demo project has everything for a first pass in minutes on a CPU: go down the sidebar and press Start on each page. Click a step to open its page.</source>
        <translation>侧边栏就是 ChatGPT 的训练流程，缩小到能在你的电脑上运行。每一步都需要上一步的产出。演示项目准备好了一切，在 CPU 上几分钟就能走完第一遍：沿侧边栏往下，在每一页按“开始”。点击某一步即可打开它的页面。</translation>
    </message>
    <message>
        <source>Good to know</source>
        <translation>小贴士</translation>
    </message>
    <message>
        <source>Every setting says what it does in the line beside or under it.</source>
        <translation>每个设置旁边或下方的一行文字都说明了它的作用。</translation>
    </message>
    <message>
        <source>Long work shows its progress with the time left and can be stopped; a stopped run resumes exactly where it stopped (Resume, or the Runs tab).</source>
        <translation>耗时的工作会显示进度和剩余时间，并且可以停止；停止的运行可以从停下的地方精确继续（“继续”按钮或“运行”标签页）。</translation>
    </message>
    <message>
        <source>On the Ranking page, keys 1–9 give the selected answer its place, Ctrl+Enter saves the ranking and shows the next prompt, Ctrl+Space skips it, Ctrl+Z undoes the last ranking saved.</source>
        <translation>在排序页，按 1–9 给选中的回答排名，Ctrl+Enter 保存排序并显示下一个提示，Ctrl+Space 跳过它，Ctrl+Z 撤销最近保存的排序。</translation>
    </message>
    <message>
        <source>View → Presentation mode enlarges everything for a room; Language switches between English and Chinese.</source>
        <translation>“视图 → 演示模式”为教室放大一切；“语言”菜单在英文与中文之间切换。</translation>
    </message>
</context>
<context>
    <name>chattrain::ui::MetricChart</name>
    <message>
        <source>step</source>
        <translation>步</translation>
    </message>
</context>
<context>
    <name>chattrain::ui::OnlineRlTab</name>
    <message>
        <source>A GRPO run continues with Resume, from its own latest checkpoint.</source>
        <translation>GRPO 运行可以用“继续”从它自己最新的检查点接着训练。</translation>
    </message>
    <message>
        <source>A PPO run continues with Resume, from its own latest checkpoint.</source>
        <translation>PPO 训练用“继续”从它自己的最新检查点接着训练。</translation>
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
        <translation>起点（SFT）</translation>
    </message>
    <message>
        <source>Reward from</source>
        <translation>奖励来源</translation>
    </message>
    <message>
        <source>Reward model</source>
        <translation>奖励模型</translation>
    </message>
    <message>
        <source>Prompt set</source>
        <translation>提示集</translation>
    </message>
    <message>
        <source>Iterations</source>
        <translation>迭代次数</translation>
    </message>
    <message>
        <source>Prompts per batch</source>
        <translation>每批提示数</translation>
    </message>
    <message>
        <source>Answers per prompt</source>
        <translation>每个提示的回答数</translation>
    </message>
    <message>
        <source>Longest answer (tokens)</source>
        <translation>最长回答（词元）</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>KL coefficient β</source>
        <translation>KL 系数 β</translation>
    </message>
    <message>
        <source>KL coefficient</source>
        <translation>KL 系数</translation>
    </message>
    <message>
        <source>the reward model</source>
        <translation>奖励模型</translation>
    </message>
    <message>
        <source>the rule-based judge (demos and tests only)</source>
        <translation>规则评判器（仅用于演示和测试）</translation>
    </message>
    <message>
        <source>Each iteration samples a group of answers per prompt and scores them; an answer is pushed up or down by how much better or worse it scored than the rest of its group, on every one of its tokens. No value model is trained; β·KL in the loss keeps the policy near the SFT model. The run stops and says why if values turn NaN, the KL grows too large, or the answers collapse.</source>
        <translation>每次迭代为每个提示采样一组回答并打分；一个回答比同组其他回答得分高多少或低多少，它的每个词元就被相应地推高或压低。不训练价值模型；损失中的 β·KL 让策略保持在 SFT 模型附近。如果数值变成 NaN、KL 过大或回答塌缩，运行会停止并说明原因。</translation>
    </message>
    <message>
        <source>Each iteration samples answers to each prompt, scores them with the reward model, and takes PPO steps; a KL penalty (adapted toward a target) keeps the policy near the SFT model. The run stops and says why if values turn NaN, the KL grows too large, or the answers collapse.</source>
        <translation>每次迭代为每个提示采样回答，用奖励模型打分，然后执行 PPO 更新；KL 惩罚（向目标值自适应调整）让策略保持在 SFT 模型附近。如果数值变成 NaN、KL 过大或回答塌缩，运行会停止并说明原因。</translation>
    </message>
    <message>
        <source>%1 starts from a fine-tuned checkpoint: run SFT first.</source>
        <translation>%1 从微调后的检查点开始：请先运行 SFT。</translation>
    </message>
    <message>
        <source>There is no reward model yet: train one on the Reward model page, or choose the rule-based judge.</source>
        <translation>还没有奖励模型：请在“奖励模型”页训练一个，或选择规则评判器。</translation>
    </message>
</context>
<context>
    <name>chattrain::ui::PretrainPage</name>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>%1 parameters (vocabulary %2). Training memory about %3: weights %4, optimizer %5, activations %6.</source>
        <translation>%1 个参数（词表 %2）。训练内存约 %3：权重 %4，优化器 %5，激活 %6。</translation>
    </message>
    <message>
        <source>Pretrain</source>
        <translation>预训练</translation>
    </message>
    <message>
        <source>Preparing the data</source>
        <translation>正在准备数据</translation>
    </message>
    <message>
        <source>Preset</source>
        <translation>预设</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>层数</translation>
    </message>
    <message>
        <source>Width (d_model)</source>
        <translation>宽度（d_model）</translation>
    </message>
    <message>
        <source>Attention heads</source>
        <translation>注意力头数</translation>
    </message>
    <message>
        <source>Context length</source>
        <translation>上下文长度</translation>
    </message>
    <message>
        <source>It fits the %1 available.</source>
        <translation>可用的 %1 放得下。</translation>
    </message>
    <message>
        <source>Only %1 is available: the run will take micro-batches of %2 with %3 accumulation steps.</source>
        <translation>只有 %1 可用：训练将使用微批次 %2、梯度累积 %3 步。</translation>
    </message>
    <message>
        <source>Only %1 is available: lower the batch size or the sequence length, or recompute activations.</source>
        <translation>只有 %1 可用：请减小批次大小或序列长度，或打开激活重计算。</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>The run reads the checked text datasets, each in proportion to its tokens: uncheck a large one for a small one to count.</source>
        <translation>运行读取勾选的文本数据集，各按其词元数成比例：取消勾选大的数据集，小的数据集才有分量。</translation>
    </message>
    <message>
        <source>%1 · %2 tokens</source>
        <translation>%1 · %2 个词元</translation>
    </message>
    <message>
        <source>%1 · %2 documents</source>
        <translation>%1 · %2 篇文档</translation>
    </message>
    <message>
        <source>Check at least one dataset for the run to read.</source>
        <translation>请至少勾选一个供运行读取的数据集。</translation>
    </message>
    <message>
        <source>Needs a tokenizer and text. Gives a model that continues text in the style of its data. Next: fine-tune it on dialogues (SFT).</source>
        <translation>需要：分词器和文本。产出：能按数据风格续写文本的模型。下一步：在对话上微调它（SFT）。</translation>
    </message>
</context>
<context>
    <name>chattrain::ui::RankingPage</name>
    <message>
        <source>Import prompts</source>
        <translation>导入提示</translation>
    </message>
    <message>
        <source>Prompts (*.txt *.json *.jsonl)</source>
        <translation>提示 (*.txt *.json *.jsonl)</translation>
    </message>
    <message>
        <source>Export rankings</source>
        <translation>导出排序</translation>
    </message>
    <message>
        <source>JSON Lines (*.jsonl)</source>
        <translation>JSON Lines (*.jsonl)</translation>
    </message>
    <message>
        <source>Export pairs</source>
        <translation>导出偏好对</translation>
    </message>
    <message>
        <source>Import preferences</source>
        <translation>导入偏好数据</translation>
    </message>
    <message>
        <source>Preferences (*.json *.jsonl)</source>
        <translation>偏好数据 (*.json *.jsonl)</translation>
    </message>
    <message>
        <source>%v of %m prompts · %1</source>
        <translation>%v / %m 个提示 · %1</translation>
    </message>
    <message>
        <source>Prompts</source>
        <translation>提示</translation>
    </message>
    <message>
        <source>Candidate answers</source>
        <translation>候选回答</translation>
    </message>
    <message>
        <source>Import and export</source>
        <translation>导入与导出</translation>
    </message>
    <message>
        <source>Add the demo prompts (held-out poems)</source>
        <translation>添加演示提示（留出的诗）</translation>
    </message>
    <message>
        <source>Import prompts…</source>
        <translation>导入提示…</translation>
    </message>
    <message>
        <source>Checkpoint</source>
        <translation>检查点</translation>
    </message>
    <message>
        <source>Answers per prompt</source>
        <translation>每个提示的回答数</translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation>温度</translation>
    </message>
    <message>
        <source>Most tokens</source>
        <translation>最多词元数</translation>
    </message>
    <message>
        <source>Generate answers</source>
        <translation>生成回答</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Export rankings…</source>
        <translation>导出排序…</translation>
    </message>
    <message>
        <source>Export chosen/rejected pairs…</source>
        <translation>导出 chosen/rejected 偏好对…</translation>
    </message>
    <message>
        <source>Detect the format</source>
        <translation>自动识别格式</translation>
    </message>
    <message>
        <source>Our rankings</source>
        <translation>本应用的排序</translation>
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
        <translation>导入并合并偏好数据…</translation>
    </message>
    <message>
        <source>The demo prompts ask about poems the fine-tuning never showed; each has a reference answer.</source>
        <translation>演示提示问的是微调从未见过的诗；每个都有参考答案。</translation>
    </message>
    <message>
        <source>No prompts in %1.</source>
        <translation>%1 中没有提示。</translation>
    </message>
    <message numerus="yes">
        <source>%n prompt(s) imported into %1.</source>
        <translation>
            <numerusform>已将 %n 个提示导入 %1。</numerusform></translation>
    </message>
    <message>
        <source>Left out:</source>
        <translation>未导入：</translation>
    </message>
    <message>
        <source>There is no checkpoint yet: pretrain and fine-tune first.</source>
        <translation>还没有检查点：请先预训练并微调。</translation>
    </message>
    <message>
        <source>Generating answers</source>
        <translation>正在生成回答</translation>
    </message>
    <message>
        <source>Every prompt of this set has answers already.</source>
        <translation>这个提示集的每个提示都已有回答。</translation>
    </message>
    <message numerus="yes">
        <source>%n prompt(s) answered.</source>
        <translation>
            <numerusform>已回答 %n 个提示。</numerusform></translation>
    </message>
    <message>
        <source>%1 rankings merged, %2 already there; %3 new prompts, %4 new answers.</source>
        <translation>合并了 %1 条排序，%2 条已存在；新增 %3 个提示、%4 个回答。</translation>
    </message>
    <message>
        <source>%1 pairs written to %2.</source>
        <translation>已将 %1 个偏好对写入 %2。</translation>
    </message>
    <message>
        <source>%1 rankings written to %2.</source>
        <translation>已将 %1 条排序写入 %2。</translation>
    </message>
    <message>
        <source>Ranking</source>
        <translation>排序</translation>
    </message>
    <message numerus="yes">
        <source>The rule-based judge (for demos and tests only) ranked %n prompt(s) as "%1".</source>
        <translation>
            <numerusform>规则评判器（仅用于演示和测试）以“%1”的身份为 %n 个提示排了序。</numerusform></translation>
    </message>
    <message>
        <source>The rule-based judge needs prompts with reference answers and two or more answers each: use the demo prompts and generate answers first.</source>
        <translation>规则评判器需要带参考答案、且每个至少有两个回答的提示：请使用演示提示并先生成回答。</translation>
    </message>
    <message>
        <source>Not a model of human preference: it compares each answer with the prompt's reference answer (whether it has the form the prompt asks for, the characters they share). It lets the pipeline run without people.</source>
        <translation>它不代表人类偏好：只是把每个回答与提示的参考答案比较（是否符合提示要求的格式、共有的字）。有了它，整个流程无需人工也能跑通。</translation>
    </message>
    <message>
        <source>%v of %m prompts · done</source>
        <translation>%v / %m 个提示 · 完成</translation>
    </message>
    <message>
        <source>done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>%v of %m prompts · stopped</source>
        <translation>%v / %m 个提示 · 已停止</translation>
    </message>
    <message>
        <source>%v of %m prompts</source>
        <translation>%v / %m 个提示</translation>
    </message>
    <message>
        <source>Chosen/rejected pairs (TRL, ShareGPT, OpenAI messages)</source>
        <translation>优选/劣选对（TRL、ShareGPT、OpenAI messages）</translation>
    </message>
    <message>
        <source>KTO good/bad ratings</source>
        <translation>KTO 好/坏评分</translation>
    </message>
    <message>
        <source>Rank with the rule-based judge</source>
        <translation>用规则评判器排序</translation>
    </message>
    <message>
        <source>For demos and tests only: the judge checks each answer's form against the prompt's reference answer.</source>
        <translation>仅用于演示和测试：评判器对照提示的参考答案检查每个回答的格式。</translation>
    </message>
    <message>
        <source>Needs an SFT checkpoint and prompts. Gives your order of its answers to each prompt. Next: the Reward model learns from these rankings; DPO uses them directly.</source>
        <translation>需要：SFT 检查点和提示。产出：你对每个提示下各回答的排序。下一步：奖励模型从这些排序中学习；DPO 直接使用它们。</translation>
    </message>
    <message>
        <source>Every ranking in %1 equals one already here by %2: the same rankings under another name, not a second annotator's (agreement would read 1.000).</source>
        <translation>%1 中的每条排序都与 %2 已有的排序相同：这是换了名字的同一份排序，不是第二位标注者的（一致性会显示为 1.000）。</translation>
    </message>
    <message>
        <source>Import rankings</source>
        <translation>导入排序</translation>
    </message>
    <message>
        <source>Merge it anyway as another annotator's rankings?</source>
        <translation>仍然作为另一位标注者的排序合并吗？</translation>
    </message>
    <message>
        <source>Nothing was merged.</source>
        <translation>没有合并任何内容。</translation>
    </message>
</context>
<context>
    <name>chattrain::ui::RankingPanel</name>
    <message>
        <source>pairwise agreement %1, Kendall's τ %2</source>
        <translation>成对一致率 %1，Kendall τ %2</translation>
    </message>
    <message>
        <source>Rank the answers</source>
        <translation>给回答排序</translation>
    </message>
    <message>
        <source>Prompt set</source>
        <translation>提示集</translation>
    </message>
    <message>
        <source>Annotator</source>
        <translation>标注者</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>Flag</source>
        <translation>标记</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>no flag</source>
        <translation>无标记</translation>
    </message>
    <message>
        <source>incorrect</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>unsafe</source>
        <translation>不安全</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>上一个</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>下一个</translation>
    </message>
    <message>
        <source>Submit (Ctrl+Enter)</source>
        <translation>提交（Ctrl+Enter）</translation>
    </message>
    <message>
        <source>Skip (Ctrl+Space)</source>
        <translation>跳过（Ctrl+Space）</translation>
    </message>
    <message>
        <source>Undo last submit (Ctrl+Z)</source>
        <translation>撤销上次提交（Ctrl+Z）</translation>
    </message>
    <message>
        <source>Sort by place (Ctrl+S)</source>
        <translation>按名次排序（Ctrl+S）</translation>
    </message>
    <message>
        <source>Keyboard: ↑/↓ choose an answer, 1–9 give it a place (the same number twice is a tie), 0 clears it. Or drag the answers into order, best at the top.</source>
        <translation>键盘：↑/↓ 选择回答，1–9 给它名次（两个回答用同一个数字即为并列），0 清除。也可以拖动回答排序，最好的放在最上面。</translation>
    </message>
    <message>
        <source>Your name: rankings are kept per annotator, and agreement compares annotators</source>
        <translation>你的名字：排序按标注者分别保存，一致性在标注者之间比较</translation>
    </message>
    <message numerus="yes">
        <source>%1 (%n prompt(s))</source>
        <translation>
            <numerusform>%1（%n 个提示）</numerusform></translation>
    </message>
    <message>
        <source>Not ranked by me</source>
        <translation>我未排序的</translation>
    </message>
    <message>
        <source>Skipped by me</source>
        <translation>我跳过的</translation>
    </message>
    <message>
        <source>Flagged</source>
        <translation>已标记的</translation>
    </message>
    <message>
        <source>Ranked by me</source>
        <translation>我已排序的</translation>
    </message>
    <message>
        <source>All prompts</source>
        <translation>全部提示</translation>
    </message>
    <message>
        <source>Ranked by %1</source>
        <translation>%1 排序的</translation>
    </message>
    <message>
        <source>No prompts yet: add the demo prompts or import some.</source>
        <translation>还没有提示：添加演示提示或导入一些。</translation>
    </message>
    <message>
        <source>No prompt to show here. Generate answers, or choose another view.</source>
        <translation>这里没有可显示的提示。请生成回答，或换一个视图。</translation>
    </message>
    <message>
        <source>Prompt %1 of %2 in this view</source>
        <translation>本视图第 %1 / %2 个提示</translation>
    </message>
    <message numerus="yes">
        <source>This prompt: %n annotator(s), %1</source>
        <translation>
            <numerusform>本提示：%n 位标注者，%1</numerusform></translation>
    </message>
    <message>
        <source>Stopped by: %1 · seed %2</source>
        <translation>停止原因：%1 · 种子 %2</translation>
    </message>
    <message>
        <source>(empty answer)</source>
        <translation>（空回答）</translation>
    </message>
    <message>
        <source>Give every answer a place first: number keys 1–%1, or drag them into order.</source>
        <translation>请先给每个回答一个名次：数字键 1–%1，或拖动排序。</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <source>Skipped: find it again under "Skipped by me".</source>
        <translation>已跳过：可在“我跳过的”中再次找到。</translation>
    </message>
    <message>
        <source>Nothing of yours to undo in this set.</source>
        <translation>本提示集中没有你可以撤销的提交。</translation>
    </message>
    <message>
        <source>Undone: the last submit is back in the panel.</source>
        <translation>已撤销：上次提交回到了面板中。</translation>
    </message>
    <message numerus="yes">
        <source>Ranked by you: %1 of %2 · by anyone: %3 · %n annotator(s)</source>
        <translation>
            <numerusform>你已排序：%1 / %2 · 任何人已排序：%3 · %n 位标注者</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n prompt(s) without answers yet</source>
        <translation>
            <numerusform>%n 个提示还没有回答</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Agreement over %n prompt(s) ranked by two or more: %1</source>
        <translation>
            <numerusform>在 %n 个由两人或以上排序的提示上：%1</numerusform></translation>
    </message>
</context>
<context>
    <name>chattrain::ui::ReportPage</name>
    <message>
        <source>Export the report</source>
        <translation>导出报告</translation>
    </message>
    <message>
        <source>Web page (*.html)</source>
        <translation>网页 (*.html)</translation>
    </message>
    <message>
        <source>Finished stages (runs named demo-…) are kept; a stopped one continues from its checkpoint.</source>
        <translation>已完成的阶段（名为 demo-… 的训练）会保留；停下的阶段从它的检查点继续。</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Evaluate checkpoints</source>
        <translation>评估检查点</translation>
    </message>
    <message>
        <source>The newest SFT, PPO and DPO checkpoints answer the same held-out prompts with the same seeds; the reward model and the rule-based judge score them.</source>
        <translation>最新的 SFT、PPO 和 DPO 检查点用相同的种子回答同样的留出提示；由奖励模型和规则评判器打分。</translation>
    </message>
    <message>
        <source>Write the report again</source>
        <translation>重新生成报告</translation>
    </message>
    <message>
        <source>Export HTML…</source>
        <translation>导出 HTML…</translation>
    </message>
    <message>
        <source>Tokenizer</source>
        <translation>分词器</translation>
    </message>
    <message>
        <source>Pretraining</source>
        <translation>预训练</translation>
    </message>
    <message>
        <source>Supervised fine-tuning</source>
        <translation>监督微调</translation>
    </message>
    <message>
        <source>Answers to rank</source>
        <translation>生成待排序的回答</translation>
    </message>
    <message>
        <source>Ranking by the rule-based judge</source>
        <translation>规则评判器排序</translation>
    </message>
    <message>
        <source>Reward model</source>
        <translation>奖励模型</translation>
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
        <translation>在留出提示上评估</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>报告</translation>
    </message>
    <message>
        <source>No report yet: run the demo pipeline, or evaluate the checkpoints, or write the report.</source>
        <translation>还没有报告：运行演示流程、评估检查点或生成报告。</translation>
    </message>
    <message>
        <source>Report written to %1</source>
        <translation>报告已写入 %1</translation>
    </message>
    <message>
        <source>Report exported to %1</source>
        <translation>报告已导出到 %1</translation>
    </message>
    <message>
        <source>The demo pipeline is running.</source>
        <translation>演示流程正在运行。</translation>
    </message>
    <message>
        <source>Demo pipeline</source>
        <translation>演示流程</translation>
    </message>
    <message>
        <source>Stopped. Run the pipeline again to continue where it stopped.</source>
        <translation>已停止。再次运行流程即可从停下的地方继续。</translation>
    </message>
    <message>
        <source>The demo pipeline finished: the report below.</source>
        <translation>演示流程已完成：报告见下方。</translation>
    </message>
    <message>
        <source>Nothing to evaluate yet: the evaluation needs an SFT checkpoint and a prompt set.</source>
        <translation>还没有可评估的内容：评估需要一个 SFT 检查点和一个提示集。</translation>
    </message>
    <message numerus="yes">
        <source>Evaluating %n checkpoint(s) on the prompt set %1.</source>
        <translation>
            <numerusform>正在提示集 %1 上评估 %n 个检查点。</numerusform></translation>
    </message>
    <message>
        <source>Evaluation</source>
        <translation>评估</translation>
    </message>
    <message>
        <source>Evaluated: the report below compares the checkpoints.</source>
        <translation>评估完成：下方报告比较了各检查点。</translation>
    </message>
    <message>
        <source>Stage %1 of %2: %3 · %4% · overall %5% · %6</source>
        <translation>第 %1/%2 阶段：%3 · %4% · 总体 %5% · %6</translation>
    </message>
    <message>
        <source>%1 of %2 answers · %3</source>
        <translation>%1/%2 个回答 · %3</translation>
    </message>
    <message>
        <source>Run the demo pipeline here?</source>
        <translation>在这里运行演示流程？</translation>
    </message>
    <message>
        <source>This project has runs of its own. The demo pipeline adds the demo dialogues and prompt sets and its own runs (demo-…) to it, using the project's datasets and tokenizer. Run it here anyway? (File → New project keeps them apart.)</source>
        <translation>本项目已有自己的训练记录。演示流程会向其中加入演示对话、提示集和它自己的训练（demo-…），并使用本项目的数据集和分词器。仍要在这里运行吗？（用“文件 → 新建项目”可以把它们分开。）</translation>
    </message>
    <message>
        <source>GRPO</source>
        <translation>GRPO</translation>
    </message>
    <message>
        <source>Every run of this project with its settings, time, final metrics and charts; the newest evaluation of SFT against PPO, GRPO and DPO on prompts no stage trained on; sample answers side by side. The demo pipeline runs the whole recipe on the embedded poems in one go (tokenizer, pretraining, SFT, answers ranked by the rule-based judge, reward model, PPO, GRPO, DPO, evaluation) and writes this report; Stop, and run it again to continue.</source>
        <translation>本项目的每次训练及其设置、用时、最终指标和曲线；最近一次评估：在任何阶段都没训练过的提示上比较 SFT 与 PPO、GRPO、DPO；并排的示例回答。演示流程一次跑完整个配方（分词器、预训练、SFT、由规则评判器排序的回答、奖励模型、PPO、GRPO、DPO、评估），并写出这份报告；可以停止，再次运行会从停下的地方继续。</translation>
    </message>
    <message>
        <source>Run the whole demo pipeline (about 15–20 min on 2 CPU cores)</source>
        <translation>运行完整演示流程（2 核 CPU 约 15–20 分钟）</translation>
    </message>
    <message>
        <source>Every run and the newest evaluation in one document to share. The recipe ends here; Help → Guide walks it again.</source>
        <translation>所有运行和最新评估汇成一份可分享的文档。流程到此结束；“帮助 → 指南”可再走一遍。</translation>
    </message>
</context>
<context>
    <name>chattrain::ui::RewardPage</name>
    <message>
        <source>Start from</source>
        <translation>起点</translation>
    </message>
    <message>
        <source>Rankings</source>
        <translation>排序</translation>
    </message>
    <message>
        <source>Checkpoint (SFT)</source>
        <translation>检查点（SFT）</translation>
    </message>
    <message>
        <source>Held out for validation</source>
        <translation>留出用于验证</translation>
    </message>
    <message>
        <source>Reward model</source>
        <translation>奖励模型</translation>
    </message>
    <message>
        <source>Prompt set</source>
        <translation>提示集</translation>
    </message>
    <message>
        <source>Each ranking of K answers gives K·(K−1)/2 pairs (ties give none); every prompt counts once, however many pairs and annotators it has. Held-out prompts measure the accuracy.</source>
        <translation>每条含 K 个回答的排序产生 K·(K−1)/2 个偏好对（并列不产生）；无论有多少偏好对和标注者，每个提示只算一次。留出的提示用来衡量准确率。</translation>
    </message>
    <message>
        <source>Score the answers</source>
        <translation>给回答打分</translation>
    </message>
    <message>
        <source>A reward model that mostly rewards length is the classic failure: look at the correlation. Accuracy per annotator: how often the model orders their pairs their way.</source>
        <translation>奖励模型主要奖励长度是典型的失败：看看相关系数。各标注者的准确率：模型有多大比例的偏好对与该标注者排序一致。</translation>
    </message>
    <message>
        <source>Reward</source>
        <translation>奖励</translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation>提示</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>回答</translation>
    </message>
    <message>
        <source>Annotator</source>
        <translation>标注者</translation>
    </message>
    <message>
        <source>Pairs</source>
        <translation>配对</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <source>answer length (characters)</source>
        <translation>回答长度（字符）</translation>
    </message>
    <message>
        <source>reward</source>
        <translation>奖励</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Diagnostics</source>
        <translation>诊断</translation>
    </message>
    <message numerus="yes">
        <source>%1 · %n ranking(s)</source>
        <translation>
            <numerusform>%1 · %n 条排序</numerusform></translation>
    </message>
    <message>
        <source>No ranked pairs yet: rank answers on the Ranking page (or import preferences there).</source>
        <translation>还没有偏好对：请在“排序”页给回答排序（或在那里导入偏好数据）。</translation>
    </message>
    <message>
        <source>%1 rankings → %2 pairs</source>
        <translation>%1 条排序 → %2 个偏好对</translation>
    </message>
    <message>
        <source>A reward model starts from a checkpoint: fine-tune one first.</source>
        <translation>奖励模型从检查点开始：请先微调一个。</translation>
    </message>
    <message>
        <source>Scoring answers</source>
        <translation>正在给回答打分</translation>
    </message>
    <message numerus="yes">
        <source>%n answer(s) scored. Correlation of reward with length: r = %1</source>
        <translation>
            <numerusform>已给 %n 个回答打分。奖励与长度的相关系数：r = %1</numerusform></translation>
    </message>
    <message>
        <source>Scoring the answers…</source>
        <translation>正在为回答打分…</translation>
    </message>
    <message>
        <source>Needs rankings (made on the Ranking page or imported). Gives a model that scores answers as your annotators would. Next: RLHF with PPO or GRPO.</source>
        <translation>需要：排序（在排序页制作或导入）。产出：像你的标注者那样为回答打分的模型。下一步：用 PPO 或 GRPO 做 RLHF。</translation>
    </message>
</context>
<context>
    <name>chattrain::ui::RlhfPage</name>
    <message>
        <source>A DPO run continues with Resume, from its own latest checkpoint.</source>
        <translation>DPO 训练用“继续”从它自己的最新检查点接着训练。</translation>
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
        <translation>起点（SFT）</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>Ranked prompt set</source>
        <translation>已排序的提示集</translation>
    </message>
    <message>
        <source>β</source>
        <translation>β</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>步数</translation>
    </message>
    <message>
        <source>Pairs per batch</source>
        <translation>每批偏好对数</translation>
    </message>
    <message>
        <source>DPO learns from the ranked pairs directly, with no reward model and no sampling; β sets how close it stays to the starting model.</source>
        <translation>DPO 直接从排序得到的偏好对学习，不需要奖励模型，也不需要采样；β 决定它离起点模型有多近。</translation>
    </message>
    <message>
        <source>DPO starts from a fine-tuned checkpoint: run SFT first.</source>
        <translation>DPO 从微调过的检查点开始：请先运行 SFT。</translation>
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
        <translation>配对</translation>
    </message>
    <message>
        <source>Chosen answers' likelihood</source>
        <translation>优选回答的似然权重</translation>
    </message>
    <message>
        <source>Every better/worse pair</source>
        <translation>每一对优劣回答</translation>
    </message>
    <message>
        <source>First place against last</source>
        <translation>第一名对最后一名</translation>
    </message>
    <message>
        <source>Adds the chosen answers' own likelihood to the loss with this weight (0: plain DPO). Plain DPO can widen the margin by making both answers less likely; on the demo, weight 1 with first-against-last pairs raised the judged form clearly where plain DPO stayed within its noise.</source>
        <translation>以此权重把优选回答本身的似然加入损失（0：普通 DPO）。普通 DPO 可能通过同时降低两个回答的概率来拉大差距；在演示中，权重 1 配合“第一名对最后一名”的配对使评判的格式明显提高，而普通 DPO 的变化仍在噪声之内。</translation>
    </message>
    <message>
        <source>Needs an SFT checkpoint, and a reward model (PPO, GRPO) or rankings (DPO). Gives a model tuned toward the answers people prefer. Next: compare in Chat and the Report.</source>
        <translation>需要：SFT 检查点，以及奖励模型（PPO、GRPO）或排序（DPO）。产出：朝人们偏好的回答调整过的模型。下一步：在对话页和报告中比较。</translation>
    </message>
</context>
<context>
    <name>chattrain::ui::SftPage</name>
    <message>
        <source>Import dialogues</source>
        <translation>导入对话</translation>
    </message>
    <message>
        <source>Dialogues (*.json *.jsonl)</source>
        <translation>对话数据 (*.json *.jsonl)</translation>
    </message>
    <message>
        <source>Start from</source>
        <translation>起点</translation>
    </message>
    <message>
        <source>Dialogues</source>
        <translation>对话数据</translation>
    </message>
    <message>
        <source>Checkpoint</source>
        <translation>检查点</translation>
    </message>
    <message>
        <source>Training set</source>
        <translation>训练集</translation>
    </message>
    <message>
        <source>Validation set</source>
        <translation>验证集</translation>
    </message>
    <message>
        <source>Import a file</source>
        <translation>导入文件</translation>
    </message>
    <message>
        <source>Sample question</source>
        <translation>采样问题</translation>
    </message>
    <message>
        <source>Detect the format</source>
        <translation>自动识别格式</translation>
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
        <translation>导入对话…</translation>
    </message>
    <message>
        <source>JSON or JSONL in the Alpaca, ShareGPT, OpenAI messages or prompt/completion layout. The built-in demo set asks about the Tang poems: titles, authors, continuations, in Chinese and English.</source>
        <translation>Alpaca、ShareGPT、OpenAI messages 或 prompt/completion 格式的 JSON 或 JSONL。内置演示集围绕唐诗提问：题目、作者、续写，中英文都有。</translation>
    </message>
    <message>
        <source>The first conversations through the ChatML template. Highlighted: what the loss counts (the answers and their end marks).</source>
        <translation>前几段对话套用 ChatML 模板后的样子。高亮部分计入损失（回答及其结束标记）。</translation>
    </message>
    <message>
        <source>Hold out 5% of the training set</source>
        <translation>从训练集中留出 5%</translation>
    </message>
    <message>
        <source>Asked at every sample, so that you can watch the answers improve</source>
        <translation>每次采样都问这个问题，可以看到回答逐步变好</translation>
    </message>
    <message numerus="yes">
        <source>%1 (%n conversation(s))</source>
        <translation>
            <numerusform>%1（%n 段对话）</numerusform></translation>
    </message>
    <message>
        <source>Conversation %1</source>
        <translation>对话 %1</translation>
    </message>
    <message>
        <source>Importing dialogues</source>
        <translation>正在导入对话</translation>
    </message>
    <message>
        <source>Dataset %1: %2 conversations imported, %3 rejected.</source>
        <translation>数据集 %1：导入 %2 段对话，拒绝 %3 条。</translation>
    </message>
    <message>
        <source>Fine-tuning starts from a checkpoint: pretrain a model first.</source>
        <translation>微调需要从一个检查点开始：请先预训练一个模型。</translation>
    </message>
    <message>
        <source>The project has no tokenizer: train one and pretrain first.</source>
        <translation>本项目还没有分词器：请先训练分词器并预训练。</translation>
    </message>
    <message>
        <source>Fine-tune (SFT)</source>
        <translation>微调（SFT）</translation>
    </message>
    <message>
        <source>Needs a pretrained checkpoint and a dialogue dataset. Gives a model that answers in turns. Next: chat with it, or rank its answers (Ranking).</source>
        <translation>需要：预训练检查点和对话数据集。产出：能轮流作答的模型。下一步：与它对话，或为它的回答排序（排序页）。</translation>
    </message>
    <message>
        <source>Too long for the context</source>
        <translation>超出上下文时</translation>
    </message>
    <message>
        <source>cut the start (the last answer stays whole)</source>
        <translation>截掉开头（最后的回答保持完整）</translation>
    </message>
    <message>
        <source>leave the conversation out</source>
        <translation>不使用这段对话</translation>
    </message>
</context>
<context>
    <name>chattrain::ui::TokenizerPage</name>
    <message>
        <source>Train a tokenizer</source>
        <translation>训练分词器</translation>
    </message>
    <message>
        <source>Try it: type any text</source>
        <translation>试一试：输入任意文本</translation>
    </message>
    <message>
        <source>Vocabulary size</source>
        <translation>词表大小</translation>
    </message>
    <message>
        <source>How many pieces the model knows. Larger: shorter sequences but a bigger embedding table.</source>
        <translation>模型认识多少个词片。越大：序列越短，但嵌入表越大。</translation>
    </message>
    <message>
        <source>Algorithm</source>
        <translation>算法</translation>
    </message>
    <message>
        <source>BPE merges frequent pairs; Unigram keeps the likeliest pieces. Both are SentencePiece.</source>
        <translation>BPE 合并高频相邻对；Unigram 保留概率最高的词片。两者都来自 SentencePiece。</translation>
    </message>
    <message>
        <source>Character coverage</source>
        <translation>字符覆盖率</translation>
    </message>
    <message>
        <source>Share of characters kept whole; the rarest are spelled as UTF-8 bytes, so nothing is ever unknown.</source>
        <translation>保留为完整字符的比例；最罕见的字符拆成 UTF-8 字节，因此不会出现未知字符。</translation>
    </message>
    <message>
        <source>Train tokenizer</source>
        <translation>训练分词器</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Training the tokenizer</source>
        <translation>正在训练分词器</translation>
    </message>
    <message>
        <source>Tokenizer trained: %1 pieces. Every dataset was tokenized again.</source>
        <translation>分词器训练完成：%1 个词片。所有数据集已重新分词。</translation>
    </message>
    <message>
        <source>This project has no tokenizer yet: train one (it takes seconds for the demo poems).</source>
        <translation>本项目还没有分词器：训练一个吧（演示诗歌只需几秒）。</translation>
    </message>
    <message>
        <source>Train a tokenizer to see how it splits text.</source>
        <translation>训练一个分词器，看看它如何切分文本。</translation>
    </message>
    <message>
        <source>%1 characters → %2 tokens (%3 characters per token)</source>
        <translation>%1 个字符 → %2 个词元（每个词元 %3 个字符）</translation>
    </message>
    <message>
        <source>Tokenizer</source>
        <translation>分词器</translation>
    </message>
    <message>
        <source>Current tokenizer: %1 pieces (id %2).</source>
        <translation>当前分词器：%1 个词片（标识 %2）。</translation>
    </message>
    <message>
        <source>Datasets: what it learns from, and how it splits them</source>
        <translation>数据集：分词器从哪些学习，又如何切分它们</translation>
    </message>
    <message>
        <source>Dataset (✓ learns from it)</source>
        <translation>数据集（✓ 从中学习）</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Characters per token</source>
        <translation>每词元字符数</translation>
    </message>
    <message>
        <source>Byte tokens</source>
        <translation>字节词元</translation>
    </message>
    <message>
        <source>Measured on held-out documents of text datasets and on the messages of dialogue datasets. Byte tokens spell characters the tokenizer never learned as raw UTF-8 bytes: check a dataset with many, then train again. More characters per token: shorter sequences, more text in the model's context.</source>
        <translation>文本数据集在留出文档上测量，对话数据集在其消息上测量。字节词元把分词器没学过的字符拼成原始 UTF-8 字节：勾选字节词元多的数据集，再训练一次。每词元字符越多，序列越短，模型上下文能容纳的文本越多。</translation>
    </message>
    <message>
        <source>Check at least one dataset for the tokenizer to learn from.</source>
        <translation>请至少勾选一个供分词器学习的数据集。</translation>
    </message>
    <message>
        <source>dialogues</source>
        <translation>对话</translation>
    </message>
    <message>
        <source>text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>Measuring the datasets</source>
        <translation>正在测量数据集</translation>
    </message>
    <message>
        <source>Measured on %1 characters of its messages.</source>
        <translation>在其消息的 %1 个字符上测量。</translation>
    </message>
    <message>
        <source>Measured on %1 characters of held-out documents.</source>
        <translation>在留出文档的 %1 个字符上测量。</translation>
    </message>
    <message>
        <source>Measured on %1 characters of its documents (too few to hold any out).</source>
        <translation>在其文档的 %1 个字符上测量（文档太少，无法留出）。</translation>
    </message>
    <message>
        <source>Needs text datasets (and, when you choose, dialogues). Gives the pieces every model of this project reads and writes. Next: Pretrain.</source>
        <translation>需要：文本数据集（也可选择对话）。产出：本项目所有模型读写的词元。下一步：预训练。</translation>
    </message>
</context>
<context>
    <name>chattrain::ui::TrainingMonitor</name>
    <message>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Resume selected run</source>
        <translation>继续所选的训练</translation>
    </message>
    <message>
        <source>Continue from a checkpoint…</source>
        <translation>从检查点继续…</translation>
    </message>
    <message>
        <source>Save charts…</source>
        <translation>保存图表…</translation>
    </message>
    <message>
        <source>Smoothing</source>
        <translation>平滑</translation>
    </message>
    <message>
        <source>Log scale</source>
        <translation>对数坐标</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>cross-entropy</source>
        <translation>交叉熵</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>Gradient norm</source>
        <translation>梯度范数</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>速度</translation>
    </message>
    <message>
        <source>tokens/s</source>
        <translation>词元/秒</translation>
    </message>
    <message>
        <source>Samples</source>
        <translation>样例</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>训练记录</translation>
    </message>
    <message>
        <source>Run (tick to overlay)</source>
        <translation>训练（勾选以叠加曲线）</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>步</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <source>Starts from</source>
        <translation>起点检查点</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>No checkpoint</source>
        <translation>没有检查点</translation>
    </message>
    <message>
        <source>Run %1 has no checkpoint yet.</source>
        <translation>训练 %1 还没有检查点。</translation>
    </message>
    <message>
        <source>Continue from a checkpoint</source>
        <translation>从检查点继续</translation>
    </message>
    <message>
        <source>A new run continues exactly from this checkpoint of %1:</source>
        <translation>新的训练将从 %1 的这个检查点精确地继续：</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>正在开始…</translation>
    </message>
    <message>
        <source>Stopping: saving a checkpoint…</source>
        <translation>正在停止：保存检查点…</translation>
    </message>
    <message>
        <source>train</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>validation</source>
        <translation>验证</translation>
    </message>
    <message>
        <source>learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>gradient norm</source>
        <translation>梯度范数</translation>
    </message>
    <message>
        <source>— step %1 —</source>
        <translation>— 第 %1 步 —</translation>
    </message>
    <message>
        <source>Paused. </source>
        <translation>已暂停。</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>Diverged</source>
        <translation>已发散</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Checkpoint: %1</source>
        <translation>检查点：%1</translation>
    </message>
    <message>
        <source>(from scratch)</source>
        <translation>（从零开始）</translation>
    </message>
    <message>
        <source>Save charts to folder</source>
        <translation>将图表保存到文件夹</translation>
    </message>
    <message>
        <source>Charts saved as PNG and CSV in %1</source>
        <translation>图表已保存为 PNG 和 CSV：%1</translation>
    </message>
    <message>
        <source>Could not write the charts to %1</source>
        <translation>无法把图表写入 %1</translation>
    </message>
    <message>
        <source>−log σ(r_chosen − r_rejected)</source>
        <translation>−log σ(r_chosen − r_rejected)</translation>
    </message>
    <message>
        <source>Held-out pairwise accuracy</source>
        <translation>留出集成对准确率</translation>
    </message>
    <message>
        <source>share of pairs</source>
        <translation>偏好对比例</translation>
    </message>
    <message>
        <source>Mean margin</source>
        <translation>平均差值</translation>
    </message>
    <message>
        <source>r_chosen − r_rejected</source>
        <translation>r_chosen − r_rejected</translation>
    </message>
    <message>
        <source>held-out accuracy</source>
        <translation>留出准确率</translation>
    </message>
    <message>
        <source>mean margin</source>
        <translation>平均差值</translation>
    </message>
    <message>
        <source>Cannot resume</source>
        <translation>无法继续</translation>
    </message>
    <message>
        <source>−log σ(β·margin)</source>
        <translation>−log σ(β·差值)</translation>
    </message>
    <message>
        <source>Implicit-reward accuracy (held out)</source>
        <translation>隐式奖励准确率（留出集）</translation>
    </message>
    <message>
        <source>Implicit-reward margin</source>
        <translation>隐式奖励差值</translation>
    </message>
    <message>
        <source>Answers' log-probability</source>
        <translation>回答的对数概率</translation>
    </message>
    <message>
        <source>nats</source>
        <translation>奈特</translation>
    </message>
    <message>
        <source>Mean reward</source>
        <translation>平均奖励</translation>
    </message>
    <message>
        <source>reward model</source>
        <translation>奖励模型</translation>
    </message>
    <message>
        <source>KL to the SFT model</source>
        <translation>与 SFT 模型的 KL</translation>
    </message>
    <message>
        <source>nats per answer</source>
        <translation>每个回答的奈特数</translation>
    </message>
    <message>
        <source>Policy entropy</source>
        <translation>策略熵</translation>
    </message>
    <message>
        <source>nats per token</source>
        <translation>每个词元的奈特数</translation>
    </message>
    <message>
        <source>Clipping</source>
        <translation>裁剪</translation>
    </message>
    <message>
        <source>Value loss</source>
        <translation>价值损失</translation>
    </message>
    <message>
        <source>Answer length</source>
        <translation>回答长度</translation>
    </message>
    <message>
        <source>tokens</source>
        <translation>词元</translation>
    </message>
    <message>
        <source>chosen answers</source>
        <translation>被选中的回答</translation>
    </message>
    <message>
        <source>rejected answers</source>
        <translation>被拒绝的回答</translation>
    </message>
    <message>
        <source>reward</source>
        <translation>奖励</translation>
    </message>
    <message>
        <source>KL</source>
        <translation>KL</translation>
    </message>
    <message>
        <source>KL coefficient</source>
        <translation>KL 系数</translation>
    </message>
    <message>
        <source>entropy</source>
        <translation>熵</translation>
    </message>
    <message>
        <source>clip fraction</source>
        <translation>裁剪比例</translation>
    </message>
    <message>
        <source>approximate KL</source>
        <translation>近似 KL</translation>
    </message>
    <message>
        <source>value loss</source>
        <translation>价值损失</translation>
    </message>
    <message>
        <source>answer length</source>
        <translation>回答长度</translation>
    </message>
    <message>
        <source> · MFU %1%</source>
        <translation> · 算力利用率 %1%</translation>
    </message>
    <message>
        <source> · memory %1 (estimate %2)</source>
        <translation> · 内存 %1（估计 %2）</translation>
    </message>
    <message>
        <source> · memory %1</source>
        <translation> · 内存 %1</translation>
    </message>
    <message>
        <source>Step %1 of %2 · loss %3 · %4 tokens/s%5 · %6 elapsed · %7</source>
        <translation>第 %1 / %2 步 · 损失 %3 · %4 词元/秒%5 · 已用 %6 · %7</translation>
    </message>
    <message>
        <source>Out of memory</source>
        <translation>内存不足</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>Processes</source>
        <translation>进程数</translation>
    </message>
    <message>
        <source>Data-parallel training: each process computes its share of every step and the gradients are summed. On GPUs, one process per GPU; on the CPU they share its cores. Pause needs one process: Stop saves a checkpoint that Resume continues from.</source>
        <translation>数据并行训练：每个进程计算每一步中属于自己的那一份，梯度再相加。在 GPU 上每块 GPU 一个进程；在 CPU 上各进程分享 CPU 核心。暂停只适用于单进程：“停止”会保存检查点，之后可用“继续”接着训练。</translation>
    </message>
    <message>
        <source>Prompts whose answers all scored alike</source>
        <translation>所有回答得分相同的提示</translation>
    </message>
    <message>
        <source>share: no signal</source>
        <translation>比例：没有学习信号</translation>
    </message>
    <message>
        <source>share of prompts</source>
        <translation>提示的比例</translation>
    </message>
    <message>
        <source>Interrupted</source>
        <translation>已中断</translation>
    </message>
    <message>
        <source>Resume from step %1</source>
        <translation>从第 %1 步继续</translation>
    </message>
    <message>
        <source>Continues run %1 exactly where it stopped, with its own settings. Start begins a new run.</source>
        <translation>按原设置从停下的地方精确继续运行 %1。“开始”则开始一次新运行。</translation>
    </message>
    <message>
        <source>Time per iteration: answering %1% · log-probabilities %2% · scoring %3% · update %4%</source>
        <translation>每轮用时：生成回答 %1% · 对数概率 %2% · 打分 %3% · 更新 %4%</translation>
    </message>
</context>
<context>
    <name>chattrain::ui::TrainingSession</name>
    <message>
        <source>Training in several processes needs the chattrain program, which is not at %1.</source>
        <translation>多进程训练需要 chattrain 程序，但 %1 处没有它。</translation>
    </message>
</context>
<context>
    <name>chattrain::ui::TrainingSettings</name>
    <message>
        <source>Training</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>批大小</translation>
    </message>
    <message>
        <source>Gradient accumulation</source>
        <translation>梯度累积</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>步数</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>Warmup steps</source>
        <translation>预热步数</translation>
    </message>
    <message>
        <source>Validate every</source>
        <translation>验证间隔</translation>
    </message>
    <message>
        <source>Sample every</source>
        <translation>采样间隔</translation>
    </message>
    <message>
        <source>Checkpoint every</source>
        <translation>检查点间隔</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>Automatic (GPU if present)</source>
        <translation>自动（有 GPU 则用 GPU）</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>内存</translation>
    </message>
    <message>
        <source>GPU %1</source>
        <translation>GPU %1</translation>
    </message>
    <message>
        <source>GPU %1: %2, %3</source>
        <translation>GPU %1：%2，%3</translation>
    </message>
    <message>
        <source>GPU (CUDA): none found</source>
        <translation>GPU (CUDA)：未找到</translation>
    </message>
    <message>
        <source>Activation checkpointing: each block keeps only its input and runs again during the backward pass. Memory for activations drops to a fraction; a step takes about a third longer.</source>
        <translation>激活检查点：每个模块只保留输入，在反向传播时重新计算一次。激活占用的内存降到一小部分；每步约多花三分之一的时间。</translation>
    </message>
    <message>
        <source>Before the first step (and after running out of memory) the micro-batch is lowered and the accumulation raised, so that each step still trains on as many sequences.</source>
        <translation>在第一步之前（以及内存不足之后）减小微批次、增加梯度累积，使每一步训练的序列数不变。</translation>
    </message>
    <message>
        <source>Recompute activations</source>
        <translation>重计算激活</translation>
    </message>
    <message>
        <source>Fit the batch to memory</source>
        <translation>按内存调整批次</translation>
    </message>
</context>
</TS>