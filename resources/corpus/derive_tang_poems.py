#!/usr/bin/env python3
"""Derives resources/corpus/tang-poems.json from the npm package chinese-poetry (MIT).

    npm pack chinese-poetry@2.0.1 && tar xzf chinese-poetry-2.0.1.tgz
    python3 derive_tang_poems.py package/dist/quantangshi tang-poems.json

Keeps the regular forms a small model can learn and a rule can check: quatrains (绝句) and
regulated verse (律诗), i.e. 4 or 8 lines of 5 or 7 characters. Converts to simplified
Chinese with Debian's `opencc` (t2s). Keeps the chinese-poetry JSON layout (title, author,
paragraphs) so the studio's own chinese-poetry importer reads it. Deterministic output.
"""
import json, glob, os, re, subprocess, sys

src, dst = sys.argv[1], sys.argv[2]
LINE = re.compile(r'[^，。？！；、：\s]+')
poems = []
for path in sorted(glob.glob(os.path.join(src, 'poet.tang.*.json')),
                   key=lambda p: int(p.split('.')[-2])):
    for rec in json.load(open(path, encoding='utf-8')):
        paragraphs = rec.get('paragraphs') or []
        verses = [v for p in paragraphs for v in LINE.findall(p)]
        if len(verses) not in (4, 8):
            continue
        width = len(verses[0])
        if width not in (5, 7) or any(len(v) != width for v in verses):
            continue
        if any('□' in p or '[' in p or '（' in p or '(' in p for p in paragraphs):
            continue  # lacunae and editorial notes
        title = rec['title'].strip()
        if not title or len(title) > 16:
            continue
        poems.append({'title': title, 'author': rec['author'].strip(), 'paragraphs': paragraphs})

# Four- and eight-line poems are many; keep about 3 MB, spread over the whole anthology.
budget = 3_000_000
size = sum(len(json.dumps(p, ensure_ascii=False).encode()) for p in poems)
stride = max(1, -(-size // budget))
poems = poems[::stride]

blob = '\n'.join(json.dumps(p, ensure_ascii=False) for p in poems)
simplified = subprocess.run(['opencc', '-c', 't2s.json'], input=blob.encode(),
                            capture_output=True, check=True).stdout.decode()
poems = [json.loads(line) for line in simplified.split('\n') if line]
with open(dst, 'w', encoding='utf-8') as out:
    out.write('[\n' + ',\n'.join(json.dumps(p, ensure_ascii=False) for p in poems) + '\n]\n')
print(f'{len(poems)} poems, stride {stride}, {os.path.getsize(dst)} bytes')
