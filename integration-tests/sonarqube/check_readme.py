"""Fails unless README.md holds each marked block of a consumer pom word for word (indentation removed).

Usage: check_readme.py README.md consumer/pom.xml NAME [NAME ...]
"""
import re
import sys

readme = open(sys.argv[1]).read()
pom = open(sys.argv[2]).read()
for name in sys.argv[3:]:
    m = re.search(r"<!-- crashguard:%s:begin -->\n(.*?)\n\s*<!-- crashguard:%s:end -->" % (name, name), pom, re.S)
    if not m:
        sys.exit(f"no {name} block in {sys.argv[2]}")
    lines = m.group(1).split("\n")
    indent = min(len(l) - len(l.lstrip()) for l in lines if l.strip())
    snippet = "\n".join(l[indent:] for l in lines)
    if snippet not in readme:
        sys.exit(f"README.md does not hold the {name} block of {sys.argv[2]} word for word:\n{snippet}")
    print(f"  README holds the {name} block")
