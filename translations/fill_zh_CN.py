#!/usr/bin/env python3
"""Fills translations/chattrain_zh_CN.ts from the table below and marks chattrain_en.ts finished
(English is the source language). Run after `cmake --build build --target update_translations`;
strings missing here stay unfinished and lupdate's report shows them."""
import os
import xml.etree.ElementTree as ET

ZH = {
    '%1 s': '%1 秒', '%1 min %2 s': '%1 分 %2 秒', '%1 h %2 min': '%1 小时 %2 分', 'ETA %1': '预计还需 %1',
    'Cancelled; nothing was changed.': '已取消，没有做任何更改。',
    'Add files': '添加文件',
    'Text and data (*.txt *.md *.markdown *.jsonl *.ndjson *.json);;All files (*)': '文本与数据 (*.txt *.md *.markdown *.jsonl *.ndjson *.json);;所有文件 (*)',
    'Add folder': '添加文件夹',
    'Add plain text or Markdown files, JSONL with a "text" field, or chinese-poetry JSON, or drop them here. Every record is checked: text must be UTF-8, JSON must parse; what is rejected is listed with its file and line.':
        '添加纯文本或 Markdown 文件、带 "text" 字段的 JSONL，或 chinese-poetry 格式的 JSON，也可以直接拖到这里。每条记录都会检查：文本必须是 UTF-8，JSON 必须能解析；被拒绝的记录会连同文件名和行号列出。',
    'Add files…': '添加文件…', 'Add folder…': '添加文件夹…', 'Format:': '格式：', 'Detect from the file': '自动识别',
    'Plain text': '纯文本', 'Markdown': 'Markdown', 'JSONL ("text" field)': 'JSONL（"text" 字段）', 'chinese-poetry JSON': 'chinese-poetry JSON',
    'Dataset name:': '数据集名称：', 'Import': '导入', 'Cancel': '取消', 'Preview': '预览', 'Rejected records': '被拒绝的记录',
    'Datasets in this project': '本项目的数据集', 'Source': '来源', 'Text': '文本', 'Name': '名称', 'Format': '格式',
    'Documents': '文档数', 'Size': '大小', 'Rejected': '拒绝数', 'Reading': '正在读取',
    'Read %n document(s); %1 rejected.': '已读取 %n 篇文档；拒绝 %1 条。',
    'Nothing read yet.': '尚未读取任何内容。',
    "%1 documents, %2 characters, about %3 tokens with this project's tokenizer.": '%1 篇文档，%2 个字符，用本项目的分词器约 %3 个词元。',
    '%1 documents, %2 characters (a tokenizer trained on them gives about one token per Chinese character).': '%1 篇文档，%2 个字符（在其上训练的分词器大约每个汉字一个词元）。',
    'Importing': '正在导入', 'Dataset %1: %2 documents imported, %3 rejected.': '数据集 %1：导入 %2 篇文档，拒绝 %3 条。',
    'ChatTrain Studio — %1': 'ChatTrain Studio — %1', 'ChatTrain Studio': 'ChatTrain Studio',
    '&File': '文件(&F)', '&New project…': '新建项目(&N)…', '&Open project…': '打开项目(&O)…', 'Open &recent': '最近打开(&R)',
    '&Quit': '退出(&Q)', '&View': '视图(&V)', '&Presentation mode (large fonts)': '演示模式（大字体）(&P)', '&Dark theme': '深色主题(&D)',
    '&Language': '语言(&L)', '&Help': '帮助(&H)', '&About ChatTrain Studio': '关于 ChatTrain Studio(&A)',
    'Project: %1': '项目：%1', 'No project open': '未打开项目', 'Training is running': '正在训练',
    'Stop the run (a checkpoint is saved) and quit?': '停止训练（会保存检查点）并退出？',
    'New project folder': '新项目文件夹', 'Cannot create the project': '无法创建项目', 'Open project folder': '打开项目文件夹',
    'Stop the run before opening another project.': '请先停止训练，再打开其他项目。', 'Cannot open the project': '无法打开项目',
    'About ChatTrain Studio': '关于 ChatTrain Studio',
    '<h3>ChatTrain Studio %1</h3><p>Train your own small ChatGPT from scratch: tokenizer, pretraining, fine-tuning, ranking, reward model, RLHF and chat.</p><p>Qt %2 · LibTorch %3 · SentencePiece %4</p><p>Embedded corpus: Tang poems from chinese-poetry (MIT licence).</p>':
        '<h3>ChatTrain Studio %1</h3><p>从零训练你自己的小型 ChatGPT：分词器、预训练、微调、排序、奖励模型、RLHF 与对话。</p><p>Qt %2 · LibTorch %3 · SentencePiece %4</p><p>内置语料：来自 chinese-poetry 的唐诗（MIT 许可）。</p>',
    'step': '步', 'Model': '模型', 'Training': '训练', 'Preset': '预设', 'Layers': '层数', 'Width (d_model)': '宽度（d_model）',
    'Attention heads': '注意力头数', 'Context length': '上下文长度', 'Batch size': '批大小', 'Gradient accumulation': '梯度累积',
    'Steps': '步数', 'Learning rate': '学习率', 'Warmup steps': '预热步数', 'Validate every': '验证间隔', 'Sample every': '采样间隔',
    'Checkpoint every': '检查点间隔', 'Device': '设备', 'Automatic (GPU if present)': '自动（有 GPU 则用 GPU）', 'CPU': 'CPU',
    'GPU (CUDA)': 'GPU（CUDA）', 'Start': '开始', 'Stop': '停止', 'Resume selected run': '继续所选的训练', 'Save charts…': '保存图表…',
    'Smoothing': '平滑', 'Log scale': '对数坐标', 'Loss': '损失', 'cross-entropy': '交叉熵', 'Gradient norm': '梯度范数',
    'Speed': '速度', 'tokens/s': '词元/秒', 'Samples': '样例', 'Runs': '训练记录', 'Run (tick to overlay)': '训练（勾选以叠加曲线）',
    'Status': '状态', 'Step': '步', 'Started': '开始时间', 'Settings': '设置',
    '%1 parameters (vocabulary %2). Training memory about %3: weights %4, optimizer %5, activations %6.': '%1 个参数（词表 %2）。训练内存约 %3：权重 %4，优化器 %5，激活 %6。',
    'Resume': '继续', 'Pause': '暂停',
    'This project has no tokenizer yet: train one on the Tokenizer page first.': '本项目还没有分词器：请先在“分词器”页训练一个。',
    'Cannot start': '无法开始', 'Run %1 has no checkpoint to resume from.': '训练 %1 没有可继续的检查点。', 'Cannot resume': '无法继续',
    'Starting…': '正在开始…', 'Stopping: saving a checkpoint…': '正在停止：保存检查点…', 'train': '训练', 'validation': '验证',
    'learning rate': '学习率', 'gradient norm': '梯度范数', '— step %1 —': '— 第 %1 步 —', 'Paused. ': '已暂停。',
    'Step %1 of %2 · loss %3 · %4 tokens/s · %5 elapsed · %6': '第 %1 / %2 步 · 损失 %3 · %4 词元/秒 · 已用 %5 · %6',
    'Finished': '已完成', 'Stopped': '已停止', 'Diverged': '已发散', 'Failed': '失败', 'Checkpoint: %1': '检查点：%1',
    'Save charts to folder': '将图表保存到文件夹', 'Charts saved as PNG and CSV in %1': '图表已保存为 PNG 和 CSV：%1',
    'Could not write the charts to %1': '无法把图表写入 %1', 'Train a tokenizer': '训练分词器', 'Try it: type any text': '试一试：输入任意文本',
    'Vocabulary size': '词表大小', 'How many pieces the model knows. Larger: shorter sequences but a bigger embedding table.': '模型认识多少个词片。越大：序列越短，但嵌入表越大。',
    'Algorithm': '算法', 'BPE merges frequent pairs; Unigram keeps the likeliest pieces. Both are SentencePiece.': 'BPE 合并高频相邻对；Unigram 保留概率最高的词片。两者都来自 SentencePiece。',
    'Character coverage': '字符覆盖率', 'Share of characters kept whole; the rarest are spelled as UTF-8 bytes, so nothing is ever unknown.': '保留为完整字符的比例；最罕见的字符拆成 UTF-8 字节，因此不会出现未知字符。',
    'Train tokenizer': '训练分词器', 'Training the tokenizer': '正在训练分词器',
    'Tokenizer trained: %1 pieces. Every dataset was tokenized again.': '分词器训练完成：%1 个词片。所有数据集已重新分词。',
    'Current tokenizer: %1 pieces (id %2). Held-out text: %3 characters per token.': '当前分词器：%1 个词片（标识 %2）。留出文本：每个词元 %3 个字符。',
    'This project has no tokenizer yet: train one (it takes seconds for the demo poems).': '本项目还没有分词器：训练一个吧（演示诗歌只需几秒）。',
    'Train a tokenizer to see how it splits text.': '训练一个分词器，看看它如何切分文本。',
    '%1 characters → %2 tokens (%3 characters per token)': '%1 个字符 → %2 个词元（每个词元 %3 个字符）',
    'Data': '数据', 'Tokenizer': '分词器', 'Pretrain': '预训练', 'SFT': '监督微调', 'Ranking': '排序', 'Reward': '奖励', 'RLHF': 'RLHF', 'Chat': '对话',
    "Supervised fine-tuning teaches the pretrained model to answer: it trains on dialogues (Alpaca, ShareGPT, OpenAI chat formats) rendered through the ChatML template, counting only the assistant's tokens.":
        '监督微调教预训练模型学会回答：它在对话数据（Alpaca、ShareGPT、OpenAI 聊天格式）上训练，套用 ChatML 模板，只对助手的词元计算损失。',
    'Here annotators will see several answers to one prompt and order them by drag and drop or number keys; every ranking is saved the moment it is submitted.':
        '标注者将在这里看到同一提示的多个回答，用拖放或数字键排序；每次提交的排序都会立即保存。',
    'A reward model learns from the rankings which answers people prefer, with charts of pairwise accuracy and margins to judge it before any RLHF.':
        '奖励模型从排序中学习人们更喜欢哪些回答，并用成对准确率和差值图表帮你在 RLHF 之前评估它。',
    'PPO and DPO will improve the fine-tuned model against the reward model or the ranked pairs, with reward, KL and sample answers shown live.':
        'PPO 与 DPO 将依据奖励模型或排序对改进微调后的模型，实时显示奖励、KL 和样例回答。',
    'Talk to any checkpoint of any stage, with answers streaming in token by token and two checkpoints side by side.':
        '与任意阶段的任意检查点对话，回答逐词流式显示，还能并排比较两个检查点。',
    'This stage is not in this version yet.': '此阶段尚未包含在当前版本中。',
    'GPU: %n CUDA device(s)': 'GPU：%n 个 CUDA 设备', 'CPU: %1 training thread(s) on %2 logical cores': 'CPU：%1 个训练线程，共 %2 个逻辑核心',
    'Tokens': '词元数', 'not tokenized yet': '尚未分词', 'No checkpoint': '没有检查点', 'Run %1 has no checkpoint yet.': '训练 %1 还没有检查点。',
    'Continue from a checkpoint': '从检查点继续', 'A new run continues exactly from this checkpoint of %1:': '新的训练将从 %1 的这个检查点精确地继续：',
    'Continue from a checkpoint…': '从检查点继续…', 'Work in progress': '任务进行中', 'GPU: %1, %2': 'GPU：%1，%2',
    'Wait for the import, the tokenizer or the training to finish (or stop it) before opening another project.': '请等待导入、分词器训练或模型训练完成（或停止它），再打开其他项目。', 'Preparing the data': '正在准备数据',
    # Issue 4: SFT and Chat pages.
    'Export chats': '导出对话', 'JSON lines (*.jsonl)': 'JSON Lines (*.jsonl)', 'Export failed': '导出失败', 'Could not write %1': '无法写入 %1',
    'System prompt': '系统提示词', 'Optional, e.g. You are a helpful assistant who knows Tang poetry.': '可选，例如：你是一位熟读唐诗的助手。',
    'Sampling': '采样', 'Temperature': '温度', 'Top-k': 'Top-k', 'Top-p': 'Top-p', 'Repetition penalty': '重复惩罚',
    'Max new tokens': '最多生成词元数', 'Seed': '随机种子',
    '0 always picks the likeliest token; higher is more varied': '0 总是选最可能的词元；越高越多样',
    'Sample among the k likeliest tokens (0: all)': '只在最可能的 k 个词元中采样（0：不限）',
    'Sample among the likeliest tokens that together reach this probability': '只在累计概率达到该值的最可能词元中采样',
    'Above 1 discourages repeating tokens already in the conversation': '大于 1 时抑制重复对话中已出现的词元',
    'Side by side: ask two checkpoints, same seed': '并排对比：同一问题问两个检查点，种子相同',
    'Saved chats': '已保存的对话', 'New chat': '新对话', 'Delete': '删除', 'Export JSONL…': '导出 JSONL…', 'Send': '发送',
    'Ask something, e.g. 《静夜思》的作者是谁？': '问点什么，例如：《静夜思》的作者是谁？',
    'Enter sends, Shift+Enter starts a new line. A pretrained-only checkpoint continues text; a fine-tuned one answers and stops.':
        'Enter 发送，Shift+Enter 换行。只经过预训练的检查点会续写文本；微调过的检查点会回答并停下。',
    'Cannot open the chat': '无法打开对话', 'No checkpoint to answer: pretrain (and fine-tune) a model first.': '没有可用的检查点：请先预训练（并微调）一个模型。',
    'Answering…': '正在回答…', 'the model ended its answer': '模型结束了回答', 'stopped at the token limit': '达到词元数上限', 'the context is full': '上下文已满', 'stopped by you': '已被你停止',
    '%n token(s) · %1 tokens/s · %2': '%n 个词元 · %1 词元/秒 · %2', 'Not saved: %1': '未保存：%1',
    'System: %1': '系统：%1', 'You': '你', 'Assistant': '助手', '(no checkpoint yet: pretrain first)': '（还没有检查点：请先预训练）',
    'Wait for the import, the tokenizer, the training or the answer to finish (or stop it) before opening another project.':
        '请等待导入、分词器训练、模型训练或回答完成（或停止它），再打开其他项目。',
    'Import dialogues': '导入对话', 'Dialogues (*.json *.jsonl)': '对话数据 (*.json *.jsonl)', 'Start from': '起点', 'Dialogues': '对话数据',
    'Checkpoint': '检查点', 'Training set': '训练集', 'Validation set': '验证集', 'Import a file': '导入文件', 'Sample question': '采样问题',
    'Detect the format': '自动识别格式', 'Alpaca': 'Alpaca', 'ShareGPT': 'ShareGPT', 'OpenAI messages': 'OpenAI messages',
    'Prompt / completion': 'Prompt / completion', 'Import dialogues…': '导入对话…',
    'JSON or JSONL in the Alpaca, ShareGPT, OpenAI messages or prompt/completion layout. The built-in demo set asks about the Tang poems: titles, authors, continuations, in Chinese and English.':
        'Alpaca、ShareGPT、OpenAI messages 或 prompt/completion 格式的 JSON 或 JSONL。内置演示集围绕唐诗提问：题目、作者、续写，中英文都有。',
    'The first conversations through the ChatML template. Highlighted: what the loss counts (the answers and their end marks).':
        '前几段对话套用 ChatML 模板后的样子。高亮部分计入损失（回答及其结束标记）。',
    'Hold out 5% of the training set': '从训练集中留出 5%', 'Asked at every sample, so that you can watch the answers improve': '每次采样都问这个问题，可以看到回答逐步变好',
    '%1 (%n conversation(s))': '%1（%n 段对话）', 'Conversation %1': '对话 %1', 'Importing dialogues': '正在导入对话',
    'Dataset %1: %2 conversations imported, %3 rejected.': '数据集 %1：导入 %2 段对话，拒绝 %3 条。',
    'Fine-tuning starts from a checkpoint: pretrain a model first.': '微调需要从一个检查点开始：请先预训练一个模型。',
    'The project has no tokenizer: train one and pretrain first.': '本项目还没有分词器：请先训练分词器并预训练。',
    'Fine-tune (SFT)': '微调（SFT）', 'Starts from': '起点检查点', '(from scratch)': '（从零开始）',
    # Issue 5: Ranking and Reward model pages.
    "pairwise agreement %1, Kendall's τ %2": '成对一致率 %1，Kendall τ %2',
    'Import prompts': '导入提示', 'Prompts (*.txt *.json *.jsonl)': '提示 (*.txt *.json *.jsonl)', 'Export rankings': '导出排序',
    'JSON Lines (*.jsonl)': 'JSON Lines (*.jsonl)', 'Export pairs': '导出偏好对', 'Import preferences': '导入偏好数据',
    'Preferences (*.json *.jsonl)': '偏好数据 (*.json *.jsonl)', '%v of %m prompts · %1': '%v / %m 个提示 · %1', 'Prompts': '提示',
    'Candidate answers': '候选回答', 'Import and export': '导入与导出', 'Rank the answers': '给回答排序',
    'Add the demo prompts (held-out poems)': '添加演示提示（留出的诗）', 'Import prompts…': '导入提示…',
    'Answers per prompt': '每个提示的回答数', 'Most tokens': '最多词元数', 'Prompt set': '提示集', 'Annotator': '标注者',
    'Show': '显示', 'Flag': '标记', 'Comment': '备注', 'Generate answers': '生成回答', 'Export rankings…': '导出排序…',
    'Export chosen/rejected pairs…': '导出 chosen/rejected 偏好对…', 'Our rankings': '本应用的排序', 'TRL prompt/chosen/rejected': 'TRL prompt/chosen/rejected',
    'Anthropic HH-RLHF': 'Anthropic HH-RLHF', 'UltraFeedback': 'UltraFeedback', 'Import and merge preferences…': '导入并合并偏好数据…',
    'no flag': '无标记', 'incorrect': '错误', 'unsafe': '不安全', 'Previous': '上一个', 'Next': '下一个',
    'Submit (Ctrl+Enter)': '提交（Ctrl+Enter）', 'Skip (Ctrl+Space)': '跳过（Ctrl+Space）', 'Undo last submit (Ctrl+Z)': '撤销上次提交（Ctrl+Z）',
    'Keyboard: ↑/↓ choose an answer, 1–9 give it a place (the same number twice is a tie), 0 clears it. Or drag the answers into order, best at the top.':
        '键盘：↑/↓ 选择回答，1–9 给它名次（两个回答用同一个数字即为并列），0 清除。也可以拖动回答排序，最好的放在最上面。',
    'Your name: rankings are kept per annotator, and agreement compares annotators': '你的名字：排序按标注者分别保存，一致性在标注者之间比较',
    '%1 (%n prompt(s))': '%1（%n 个提示）', 'Not ranked by me': '我未排序的', 'Skipped by me': '我跳过的', 'Flagged': '已标记的',
    'Ranked by me': '我已排序的', 'All prompts': '全部提示', 'Ranked by %1': '%1 排序的',
    'No prompts yet: add the demo prompts or import some.': '还没有提示：添加演示提示或导入一些。',
    'No prompt to show here. Generate answers, or choose another view.': '这里没有可显示的提示。请生成回答，或换一个视图。',
    'Prompt %1 of %2 in this view': '本视图第 %1 / %2 个提示', 'This prompt: %n annotator(s), %1': '本提示：%n 位标注者，%1',
    '(empty answer)': '（空回答）', 'Stopped by: %1 · seed %2': '停止原因：%1 · 种子 %2',
    'Give every answer a place first: number keys 1–%1, or drag them into order.': '请先给每个回答一个名次：数字键 1–%1，或拖动排序。',
    'Saved.': '已保存。', 'Skipped: find it again under "Skipped by me".': '已跳过：可在“我跳过的”中再次找到。',
    'Nothing of yours to undo in this set.': '本提示集中没有你可以撤销的提交。', 'Undone: the last submit is back in the panel.': '已撤销：上次提交回到了面板中。',
    'Ranked by you: %1 of %2 · by anyone: %3 · %n annotator(s)': '你已排序：%1 / %2 · 任何人已排序：%3 · %n 位标注者',
    '%n prompt(s) without answers yet': '%n 个提示还没有回答',
    'Agreement over %n prompt(s) ranked by two or more: %1': '在 %n 个由两人或以上排序的提示上：%1',
    'The demo prompts ask about poems the fine-tuning never showed; each has a reference answer.': '演示提示问的是微调从未见过的诗；每个都有参考答案。',
    'No prompts in %1.': '%1 中没有提示。', '%n prompt(s) imported into %1.': '已将 %n 个提示导入 %1。', 'Left out:': '未导入：',
    'There is no checkpoint yet: pretrain and fine-tune first.': '还没有检查点：请先预训练并微调。', 'Generating answers': '正在生成回答',
    'Every prompt of this set has answers already.': '这个提示集的每个提示都已有回答。', '%n prompt(s) answered.': '已回答 %n 个提示。',
    '%1 rankings merged, %2 already there; %3 new prompts, %4 new answers.': '合并了 %1 条排序，%2 条已存在；新增 %3 个提示、%4 个回答。',
    '%1 pairs written to %2.': '已将 %1 个偏好对写入 %2。', '%1 rankings written to %2.': '已将 %1 条排序写入 %2。',
    'Rankings': '排序', 'Checkpoint (SFT)': '检查点（SFT）', 'Held out for validation': '留出用于验证', 'Reward model': '奖励模型',
    'Each ranking of K answers gives K·(K−1)/2 pairs (ties give none); every prompt counts once, however many pairs and annotators it has. Held-out prompts measure the accuracy.':
        '每条含 K 个回答的排序产生 K·(K−1)/2 个偏好对（并列不产生）；无论有多少偏好对和标注者，每个提示只算一次。留出的提示用来衡量准确率。',
    'Score the answers': '给回答打分',
    'A reward model that mostly rewards length is the classic failure: look at the correlation. Accuracy per annotator: how often the model orders their pairs their way.':
        '奖励模型主要奖励长度是典型的失败：看看相关系数。各标注者的准确率：模型有多大比例的偏好对与该标注者排序一致。',
    'Prompt': '提示', 'Answer': '回答', 'Pairs': '偏好对', 'Accuracy': '准确率', 'answer length (characters)': '回答长度（字符）',
    'reward': '奖励', 'Train': '训练', 'Diagnostics': '诊断', '%1 · %n ranking(s)': '%1 · %n 条排序',
    'No ranked pairs yet: rank answers on the Ranking page (or import preferences there).': '还没有偏好对：请在“排序”页给回答排序（或在那里导入偏好数据）。',
    '%1 rankings → %2 pairs': '%1 条排序 → %2 个偏好对', 'A reward model starts from a checkpoint: fine-tune one first.': '奖励模型从检查点开始：请先微调一个。',
    'Scoring answers': '正在给回答打分', '%n answer(s) scored. Correlation of reward with length: r = %1': '已给 %n 个回答打分。奖励与长度的相关系数：r = %1',
    '−log σ(r_chosen − r_rejected)': '−log σ(r_chosen − r_rejected)', 'Held-out pairwise accuracy': '留出集成对准确率', 'share of pairs': '偏好对比例',
    'Mean margin': '平均差值', 'r_chosen − r_rejected': 'r_chosen − r_rejected', 'held-out accuracy': '留出准确率', 'mean margin': '平均差值',
    'Rank with the rule-based judge (demos and tests only)': '用规则评判器排序（仅用于演示和测试）',
    "Not a model of human preference: it compares each answer with the prompt's reference answer (whether it has the form the prompt asks for, the characters they share). It lets the pipeline run without people.":
        '它不代表人类偏好：只是把每个回答与提示的参考答案比较（是否符合提示要求的格式、共有的字）。有了它，整个流程无需人工也能跑通。',
    'The rule-based judge (for demos and tests only) ranked %n prompt(s) as "%1".': '规则评判器（仅用于演示和测试）以“%1”的身份为 %n 个提示排了序。',
    'The rule-based judge needs prompts with reference answers and two or more answers each: use the demo prompts and generate answers first.':
        '规则评判器需要带参考答案、且每个至少有两个回答的提示：请使用演示提示并先生成回答。',
    # Issue 6: RLHF page.
    'A PPO run continues with Resume, from its own latest checkpoint.': 'PPO 训练用“继续”从它自己的最新检查点接着训练。',
    'A DPO run continues with Resume, from its own latest checkpoint.': 'DPO 训练用“继续”从它自己的最新检查点接着训练。',
    'PPO': 'PPO', 'DPO': 'DPO', 'Start from (SFT)': '起点（SFT）', 'Reward from': '奖励来源', 'Iterations': '迭代次数',
    'Prompts per batch': '每批提示数', 'Longest answer (tokens)': '最长回答（词元）', 'KL coefficient': 'KL 系数',
    'Ranked prompt set': '已排序的提示集', 'β': 'β', 'Pairs per batch': '每批偏好对数', 'the reward model': '奖励模型',
    'the rule-based judge (demos and tests only)': '规则评判器（仅用于演示和测试）',
    'Each iteration samples two answers per prompt, scores them with the reward model, and takes PPO steps; a KL penalty (adapted toward a target) keeps the policy near the SFT model. The run stops and says why if values turn NaN, the KL grows too large, or the answers collapse.':
        '每次迭代为每个提示采样两个回答，用奖励模型打分，然后做 PPO 更新；KL 惩罚（朝目标值自适应调整）让策略保持在 SFT 模型附近。如果数值变成 NaN、KL 过大或回答崩塌，训练会停下并说明原因。',
    'DPO learns from the ranked pairs directly, with no reward model and no sampling; β sets how close it stays to the starting model.':
        'DPO 直接从排序得到的偏好对学习，不需要奖励模型，也不需要采样；β 决定它离起点模型有多近。',
    'PPO starts from a fine-tuned checkpoint: run SFT first.': 'PPO 从微调过的检查点开始：请先运行 SFT。',
    'There is no reward model yet: train one on the Reward model page, or choose the rule-based judge.': '还没有奖励模型：请在“奖励模型”页训练一个，或选择规则评判器。',
    'DPO starts from a fine-tuned checkpoint: run SFT first.': 'DPO 从微调过的检查点开始：请先运行 SFT。',
    '−log σ(β·margin)': '−log σ(β·差值)', 'Implicit-reward accuracy (held out)': '隐式奖励准确率（留出集）', 'Implicit-reward margin': '隐式奖励差值',
    "Answers' log-probability": '回答的对数概率', 'nats': '奈特', 'Mean reward': '平均奖励', 'reward model': '奖励模型',
    'KL to the SFT model': '与 SFT 模型的 KL', 'nats per answer': '每个回答的奈特数', 'Policy entropy': '策略熵', 'nats per token': '每个词元的奈特数',
    'Clipping': '裁剪', 'Value loss': '价值损失', 'Answer length': '回答长度', 'tokens': '词元', 'chosen answers': '被选中的回答',
    'rejected answers': '被拒绝的回答', 'KL': 'KL', 'entropy': '熵', 'clip fraction': '裁剪比例', 'approximate KL': '近似 KL',
    'value loss': '价值损失', 'answer length': '回答长度',
    'Report': '报告',
    'Every run of this project with its settings, time, final metrics and charts; the newest evaluation of SFT against PPO and DPO on prompts no stage trained on; sample answers side by side. The demo pipeline runs the whole recipe on the embedded poems in one go (tokenizer, pretraining, SFT, answers ranked by the rule-based judge, reward model, PPO, DPO, evaluation) and writes this report; Stop, and run it again to continue.':
        '本项目的每次训练及其设置、用时、最终指标和曲线；最近一次评估：在任何阶段都没训练过的提示上比较 SFT 与 PPO、DPO；并排的示例回答。演示流程一次跑完整个配方（分词器、预训练、SFT、由规则评判器排序的回答、奖励模型、PPO、DPO、评估），并写出这份报告；可以停止，再次运行会从停下的地方继续。',
    'Run the whole demo pipeline (about 17 min on 2 CPU cores)': '运行完整演示流程（2 核 CPU 约 17 分钟）',
    'Finished stages (runs named demo-…) are kept; a stopped one continues from its checkpoint.': '已完成的阶段（名为 demo-… 的训练）会保留；停下的阶段从它的检查点继续。',
    'Evaluate checkpoints': '评估检查点',
    'The newest SFT, PPO and DPO checkpoints answer the same held-out prompts with the same seeds; the reward model and the rule-based judge score them.':
        '最新的 SFT、PPO 和 DPO 检查点用相同的种子回答同样的留出提示；由奖励模型和规则评判器打分。',
    'Write the report again': '重新生成报告', 'Export HTML…': '导出 HTML…', 'Export the report': '导出报告', 'Web page (*.html)': '网页 (*.html)',
    'Pretraining': '预训练', 'Supervised fine-tuning': '监督微调', 'Answers to rank': '生成待排序的回答',
    'Ranking by the rule-based judge': '规则评判器排序', 'Evaluation on held-out prompts': '在留出提示上评估',
    'No report yet: run the demo pipeline, or evaluate the checkpoints, or write the report.': '还没有报告：运行演示流程、评估检查点或生成报告。',
    'Report written to %1': '报告已写入 %1', 'Report exported to %1': '报告已导出到 %1',
    'The demo pipeline is running.': '演示流程正在运行。',
    'Stopped. Run the pipeline again to continue where it stopped.': '已停止。再次运行流程即可从停下的地方继续。',
    'The demo pipeline finished: the report below.': '演示流程已完成：报告见下方。',
    'Nothing to evaluate yet: the evaluation needs an SFT checkpoint and a prompt set.': '还没有可评估的内容：评估需要一个 SFT 检查点和一个提示集。',
    'Evaluating %n checkpoint(s) on the prompt set %1.': '正在提示集 %1 上评估 %n 个检查点。',
    'Evaluation': '评估', 'Demo pipeline': '演示流程',
    'Evaluated: the report below compares the checkpoints.': '评估完成：下方报告比较了各检查点。',
    'Stage %1 of %2: %3 · %4% · overall %5% · %6': '第 %1/%2 阶段：%3 · %4% · 总体 %5% · %6',
    '%1 of %2 answers · %3': '%1/%2 个回答 · %3',
    'The demo pipeline is running': '演示流程正在运行',
    'Stop it (its current stage saves a checkpoint; run it again to continue) and quit?': '停止它（当前阶段会保存检查点；再次运行即可继续）并退出吗？',
    'Supervised fine-tuning (SFT)': '监督微调（SFT）', 'RLHF with PPO': '用 PPO 做 RLHF',
    'Evidence: the checkpoints on held-out prompts': '证据：各检查点在留出提示上的表现',
    '%1 prompts of the set "%2", made %3. Every checkpoint answered every prompt with the same sampling settings and the same seed per prompt.':
        '提示集“%2”中的 %1 个提示，评估于 %3。每个检查点都用相同的采样设置、每个提示相同的种子回答了全部提示。',
    'Held out: none of these prompts appears in another prompt set of the project, so no ranking, reward model or RLHF run has trained on them.':
        '留出：这些提示都不在本项目的其他提示集中，因此没有任何排序、奖励模型或 RLHF 训练用过它们。',
    'Not fully held out: %1 of these prompts also appear in another prompt set of the project, so a stage may have trained on them.':
        '并未完全留出：其中 %1 个提示也出现在本项目的其他提示集中，某个阶段可能用它们训练过。',
    'Reward: the reward model %1. Form: the rule-based judge\'s checkable metric (for demos and tests only), how much of an answer has the form its prompt asks for, from 0 to 1: verse lines of two equal halves of five or seven characters (in the measure of a line the prompt quotes), or the reference answer\'s sentence pattern, repeating the title the prompt names. Judge: the judge\'s whole score, the mean of the form and the characters the answer shares with the reference. "Against the first": the mean difference from the first checkpoint on the same prompts, ± twice its standard error.':
        '奖励：奖励模型 %1 的打分。格式：规则评判器可核查的指标（仅用于演示和测试），即回答中符合提示所要求格式的比例，0 到 1：诗句由上下两个等长的五言或七言半句组成（若提示引了一句诗，则须与其字数相同），或者遵循参考答案的句式并原样重复提示中的题目。评判：评判器的总分，即格式与回答和参考答案共有字符两者的平均。“相对第一个”：在相同提示上与第一个检查点的平均差值，± 两倍标准误。',
    'Stage': '阶段', 'Checkpoint': '检查点', 'Reward': '奖励', 'Against the first': '相对第一个', 'Form': '格式', 'Judge': '评判', 'Characters': '字符数',
    "%1 scores clearly higher than %2 on both the reward model and the judge's form.": '%1 在奖励模型和评判器的格式指标上的得分都明显高于 %2。',
    "%1 scores clearly higher than %2 on the reward model, not on the judge's form.": '%1 在奖励模型上的得分明显高于 %2，在评判器的格式指标上则没有。',
    "%1 scores clearly higher than %2 on the judge's form, not on the reward model.": '%1 在评判器的格式指标上的得分明显高于 %2，在奖励模型上则没有。',
    '%1 does not score clearly higher than %2.': '%1 的得分没有明显高于 %2。',
    'Sample answers to held-out prompts': '留出提示的示例回答', 'Prompt %1': '提示 %1', 'Prompt:': '提示：', 'Reference:': '参考答案：',
    '%1 (reward %2, form %3, judge %4):': '%1（奖励 %2，格式 %3，评判 %4）：',
    'Status': '状态', 'Made': '创建于', 'Steps': '步数', 'Time training': '训练用时', 'Started from': '起点', 'Settings:': '设置：',
    'Metric': '指标', 'Final (tokens/s: mean)': '最终值（tokens/s 取平均）', 'First': '最初值',
    'ChatTrain report: %1': 'ChatTrain 报告：%1', 'Project %1, written %2.': '项目 %1，生成于 %2。',
    'No evaluation yet: evaluate the checkpoints to compare SFT with PPO and DPO.': '还没有评估：评估检查点以比较 SFT 与 PPO、DPO。',
    'No training run yet.': '还没有训练记录。',
    'Run the demo pipeline here?': '在这里运行演示流程？',
    'This project has runs of its own. The demo pipeline adds the demo dialogues and prompt sets and its own runs (demo-…) to it, using the project\'s datasets and tokenizer. Run it here anyway? (File → New project keeps them apart.)':
        '本项目已有自己的训练记录。演示流程会向其中加入演示对话、提示集和它自己的训练（demo-…），并使用本项目的数据集和分词器。仍要在这里运行吗？（用“文件 → 新建项目”可以把它们分开。）',
    '&Export and import models…': '导出与导入模型(&E)…', 'Export and import': '导出与导入',
    'Import a Hugging Face model folder': '导入 Hugging Face 模型文件夹', 'Importing %1…': '正在导入 %1…',
    'Imported %1 as run %2 (%3). Fine-tune it on the SFT page or talk with it on the Chat page.':
        '已将 %1 导入为训练 %2（%3）。可以在微调页继续训练，或在对话页与它对话。',
    'A model from transformers': '来自 transformers 的模型', 'Import a folder…': '导入文件夹…',
    "A Hugging Face Llama folder whose tokenizer.model is this project's (an export of ours, say) becomes a checkpoint to fine-tune or chat with.":
        '一个 Hugging Face Llama 文件夹，只要其中的 tokenizer.model 与本项目的相同（例如本工具导出的），就能成为可以继续微调或对话的检查点。',
    'Export': '导出', 'Checkpoint:': '检查点：', 'Weights:': '权重：', 'Write to:': '写入到：', 'Browse…': '浏览…',
    'GGUF file — llama.cpp, Ollama, LM Studio': 'GGUF 文件 — llama.cpp、Ollama、LM Studio',
    'Hugging Face folder — transformers (LlamaForCausalLM)': 'Hugging Face 文件夹 — transformers（LlamaForCausalLM）',
    'F32 (exact)': 'F32（精确）', 'F16 (half the size)': 'F16（体积减半）', 'Run:': '训练：', 'A checkpoint, to run elsewhere': '检查点：拿到别的程序里运行', "A run's metrics": '训练的指标', 'CSV…': 'CSV…',
    'TensorBoard events': 'TensorBoard 事件', 'Close': '关闭',
    'Runs write TensorBoard events as they train; this writes them again from the project, for runs from before or after deleting the files':
        '训练时会自动写入 TensorBoard 事件；这里从项目中重新写出，适用于较早的训练或文件被删除之后',
    'The chat template (ChatML) and the tokenizer travel with the model, so the exported model answers in the same format it was fine-tuned on.':
        '对话模板（ChatML）和分词器会随模型一起导出，所以导出的模型会按微调时的格式回答。',
    'Export metrics as CSV': '将指标导出为 CSV', 'CSV (*.csv)': 'CSV (*.csv)', 'Export as GGUF': '导出为 GGUF', 'GGUF (*.gguf)': 'GGUF (*.gguf)',
    'Export into an empty folder': '导出到一个空文件夹',
    'There is no checkpoint to export yet: train one first.': '还没有可导出的检查点：请先训练一个。',
    'Choose where to write the export.': '请选择导出位置。', 'Exporting %1…': '正在导出 %1…',
    'Wrote %1 (%2 tensors, %3 MB).\nTry it with llama.cpp: llama-cli -m "%1" -cnv\nor with Ollama: a Modelfile with the line FROM %1, then ollama create and ollama run.':
        '已写入 %1（%2 个张量，%3 MB）。\n用 llama.cpp 试试：llama-cli -m "%1" -cnv\n或用 Ollama：在 Modelfile 中写一行 FROM %1，然后 ollama create、ollama run。',
    'Wrote the folder %1 (%2 tensors, %3 MB).\nTry it with transformers: AutoModelForCausalLM.from_pretrained("%1"), and AutoTokenizer\'s apply_chat_template for the chat format.':
        '已写入文件夹 %1（%2 个张量，%3 MB）。\n用 transformers 试试：AutoModelForCausalLM.from_pretrained("%1")，对话格式用 AutoTokenizer 的 apply_chat_template。',
    'Could not write %1: %2': '无法写入 %1：%2', 'Wrote %n points of %1 to %2.': '已将 %1 的 %n 个数据点写入 %2。',
    'Wrote %1.\nSee every run\'s curves with: tensorboard --logdir "%2"': '已写入 %1。\n查看所有训练的曲线：tensorboard --logdir "%2"',
}

here = os.path.dirname(os.path.abspath(__file__))
for language in ('zh_CN', 'en'):
    path = os.path.join(here, f'chattrain_{language}.ts')
    tree = ET.parse(path)
    missing = []
    for message in tree.getroot().iter('message'):
        source = message.find('source').text
        translation = message.find('translation')
        plural = message.get('numerus') == 'yes'
        text = source if language == 'en' else ZH.get(source)
        if text is None:
            missing.append(source)
            continue
        translation.attrib.pop('type', None)
        if plural:
            for child in list(translation):
                translation.remove(child)
            # Chinese has one plural form; English two, written "%n prompt(s)" in the source.
            forms = [text] if language == 'zh_CN' else [text.replace('(s)', ''), text.replace('(s)', 's')]
            for form in forms:
                ET.SubElement(translation, 'numerusform').text = form
        else:
            translation.text = text
    tree.write(path, encoding='utf-8', xml_declaration=True)
    print(f'{language}: {len(missing)} missing', *missing[:10], sep='\n  ')
