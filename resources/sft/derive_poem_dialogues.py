#!/usr/bin/env python3
"""Derives the built-in demo SFT set from the embedded Tang poems (../corpus/tang-poems.json).

    python3 derive_poem_dialogues.py ../corpus/tang-poems.json .

Writes poem-dialogues.jsonl (training) and poem-dialogues-heldout.jsonl (evaluation) in the OpenAI
`messages` layout, one conversation per line. Each poem gives one task, taken in turn:
  write a poem with a given title, name the author, continue from the first line, name the title of
  a poem shown, and (every fifth) a two-turn conversation, author then continuation. About one in
  six questions is in English; a few conversations carry a system prompt.
The held-out part is a fixed 5% of the *poems* (by a hash of title and author), so its questions are
about poems the fine-tuning never showed as answers: the model has only seen them in pretraining.
Deterministic output.
"""
import hashlib, json, os, sys

src, dst = sys.argv[1], sys.argv[2]
poems = json.load(open(src, encoding='utf-8'))
SYSTEM = ['你是一位熟读唐诗的助手，回答简洁。', 'You are a helpful assistant who knows Tang poetry well.']


def held_out(poem):
    digest = hashlib.sha1((poem['title'] + '|' + poem['author']).encode()).digest()
    return digest[0] < 13  # 13/256 ≈ 5%


def dialogue(i, poem):
    title, author = poem['title'], poem['author']
    body = '\n'.join(poem['paragraphs'])
    first, rest = poem['paragraphs'][0], '\n'.join(poem['paragraphs'][1:])
    english = i % 6 == 5
    task = i % 5
    if task == 2 and len(poem['paragraphs']) < 2:
        task = 0  # the whole poem is one paragraph: nothing to continue from a first line
    if task == 0:
        q = f'Write a poem titled 《{title}》.' if english else f'请以《{title}》为题写一首诗。'
        turns = [(q, body)]
    elif task == 1:
        q = f'Who wrote 《{title}》?' if english else f'《{title}》的作者是谁？'
        a = f'《{title}》 was written by {author}.' if english else f'《{title}》的作者是{author}。'
        turns = [(q, a)]
    elif task == 2:
        q = f'Continue this poem: {first}' if english else f'请接着写下去：{first}'
        turns = [(q, rest)]
    elif task == 3:
        q = (f'What is the title of this poem?\n{body}' if english else f'这首诗的题目是什么？\n{body}')
        a = f'It is 《{title}》 by {author}.' if english else f'这首诗是{author}的《{title}》。'
        turns = [(q, a)]
    else:
        turns = [(f'《{title}》的作者是谁？', f'《{title}》的作者是{author}。'),
                 ('请写出这首诗的全文。', body)]
    messages = []
    if i % 7 == 0:
        messages.append({'role': 'system', 'content': SYSTEM[1 if english else 0]})
    for q, a in turns:
        messages += [{'role': 'user', 'content': q}, {'role': 'assistant', 'content': a}]
    return {'messages': messages}


train, heldout = [], []
for i, poem in enumerate(poems):
    if not poem['author']:
        continue
    (heldout if held_out(poem) else train).append(dialogue(i, poem))
# Every other training poem is enough for the demo and keeps the file near 1.5 MB.
train = train[::2]
# The anthology repeats some poems under other titles: a held-out answer must not be a trained one.
taught = {r['messages'][-1]['content'] for r in train}
heldout = [r for r in heldout if r['messages'][-1]['content'] not in taught]
for name, rows in (('poem-dialogues.jsonl', train), ('poem-dialogues-heldout.jsonl', heldout)):
    with open(os.path.join(dst, name), 'w', encoding='utf-8') as out:
        out.writelines(json.dumps(r, ensure_ascii=False) + '\n' for r in rows)
    print(f'{name}: {len(rows)} conversations, {os.path.getsize(os.path.join(dst, name))} bytes')
