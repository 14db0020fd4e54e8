"""Compare two dumps of scripts/dump_rows.py, ignoring what issue 15 changed on purpose: the boxes of tag
rows (NULL before Document.span provenance) and the content hash and `entities` entry of tagger_versions.

    python scripts/compare_dumps.py before.txt after.txt
"""
import datetime
import decimal
import re
import sys
def load(p):
    out, hdr, cols = [], None, None
    for line in open(p):
        line=line.rstrip("\n")
        if line.startswith("== "):
            hdr=line.split()[1]; cols=line.split(") ",1)[1].split(", "); out.append(line); continue
        out.append((hdr, cols, line))
    return out
def norm(hdr, cols, line):
    r = list(eval(line, {"datetime": datetime, "Decimal": decimal.Decimal}))
    boxes = 0
    for i,c in enumerate(cols):
        if c=="bbox" and hdr!="blocks":
            boxes += r[i] is not None
            r[i]=None
        if c=="tagger_versions" and r[i]:
            r[i]={k: re.sub(r"\+[0-9a-f]{8}$","",v) for k,v in r[i].items() if k!="entities"}
    return repr(tuple(r)), boxes
def run(a,b):
    A,B=load(a),load(b)
    if len(A)!=len(B): print("line counts differ", len(A), len(B))
    diffs=0; boxes_before=boxes_after=0; boxrows=0
    hA=[x for x in A if isinstance(x,str)]; hB=[x for x in B if isinstance(x,str)]
    if hA!=hB: print("headers differ")
    ra=sorted(norm(*x)[0] for x in A if not isinstance(x,str)); rb=sorted(norm(*x)[0] for x in B if not isinstance(x,str))
    boxes_before=sum(norm(*x)[1] for x in A if not isinstance(x,str)); boxes_after=sum(norm(*x)[1] for x in B if not isinstance(x,str))
    tagrows=sum(1 for x in B if not isinstance(x,str) and "bbox" in x[1] and x[0]!="blocks")
    print(f"{a} vs {b}: rows equal after masking tag boxes and version hashes: {ra==rb}; "
          f"non-NULL tag boxes before {boxes_before}, after {boxes_after} of {tagrows} tag rows")
    if ra!=rb:
        sa,sb=set(ra),set(rb); print("only before:", list(sa-sb)[:3]); print("only after:", list(sb-sa)[:3])
run(sys.argv[1], sys.argv[2])
