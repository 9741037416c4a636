"""An HTML review page: one self-contained file (inline CSS and JS, no network), for a browser.

German and English side by side, a table body per paragraph; each flag highlighted on its span
in the German with its reason on hover (and listed under the sentence on click); the confidence
as a coloured cell; filters (only flagged, by flag code, below a confidence); ``n``/``p`` (or
``j``/``k``) jump to the next/previous flagged sentence. The header (document, model, counts per
flag, a confidence histogram) is computed in the page from the rows, so the file is written in
one pass and memory stays flat. Every text is escaped: a sentence holding ``<script>`` shows as
text. A batch gets ``index.html`` (:func:`write_index`): its documents with their counts,
sortable, linking to each page.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape
from pathlib import Path, PurePosixPath
from typing import IO

from translate.files import atomic_open
from translate.provenance import Provenance
from translate.read import document_name
from translate.record import Flag, SegmentPair, Severity
from translate.writers.base import Format, WriteOptions, text

CSS = """
body{font:14px/1.45 system-ui,sans-serif;margin:0;color:#222}
header{position:sticky;top:0;background:#f6f8fa;border-bottom:1px solid #ccc;padding:8px 16px;z-index:2}
h1{font-size:18px;margin:0 0 4px}
.meta{color:#555;font-size:12px}
.bar{display:flex;gap:16px;align-items:center;flex-wrap:wrap;margin-top:6px}
.counts button{margin:0 4px 4px 0;border:1px solid #bbb;background:#fff;border-radius:10px;cursor:pointer;font-size:12px}
table{border-collapse:collapse;width:100%}
td,th{vertical-align:top;padding:4px 8px;border-bottom:1px solid #eee;text-align:left}
tbody.para{border-top:2px solid #c9d3e0}
td.n{color:#888;white-space:nowrap;font-size:12px}
td.de,td.en{width:44%}
td.conf{white-space:nowrap;font-variant-numeric:tabular-nums}
tr.flagged td.n{border-left:4px solid #e67e22}
tr.worst-error td.n{border-left-color:#c0392b}
tr.current{outline:2px solid #2f6fdf}
mark{border-radius:3px;padding:0 1px;cursor:help}
mark.error{background:#f8cbad}mark.warning{background:#ffe699}mark.info{background:#e3e3e3}
ul.reasons{margin:4px 0 0;padding-left:18px;font-size:12px;color:#444;display:none}
tr.open ul.reasons{display:block}
.badge{font-size:11px;border-radius:8px;padding:0 5px;margin-left:4px;background:#eee;color:#333}
.badge.error{background:#f8cbad}.badge.warning{background:#ffe699}
tr.hidden{display:none}
svg rect{fill:#6c8ebf}
"""

SCRIPT = r"""
(function(){
const rows=[...document.querySelectorAll('tr.seg')];
const onlyFlagged=document.getElementById('only-flagged'), code=document.getElementById('code'),
      below=document.getElementById('below'), belowOut=document.getElementById('below-out'),
      shown=document.getElementById('shown');
const counts={};
rows.forEach(r=>(r.dataset.flags||'').split(' ').filter(Boolean).forEach(c=>counts[c]=(counts[c]||0)+1));
const box=document.getElementById('counts');
Object.keys(counts).sort().forEach(c=>{
  const o=document.createElement('option');o.value=c;o.textContent=c+' ('+counts[c]+')';code.appendChild(o);
  const b=document.createElement('button');b.textContent=c+' '+counts[c];b.type='button';
  b.onclick=()=>{code.value=c;apply();};box.appendChild(b);});
const bins=new Array(10).fill(0);
rows.forEach(r=>{const c=parseFloat(r.dataset.conf);if(!isNaN(c))bins[Math.min(9,Math.floor(c*10))]++;});
const max=Math.max(1,...bins),svg=document.getElementById('hist');
bins.forEach((n,i)=>{const h=Math.round(36*n/max),rect=document.createElementNS('http://www.w3.org/2000/svg','rect');
  rect.setAttribute('x',i*12);rect.setAttribute('y',40-h);rect.setAttribute('width',10);rect.setAttribute('height',h);
  const t=document.createElementNS('http://www.w3.org/2000/svg','title');t.textContent=(i/10).toFixed(1)+'–'+((i+1)/10).toFixed(1)+': '+n;
  rect.appendChild(t);svg.appendChild(rect);});
function apply(){
  const lim=parseFloat(below.value);belowOut.textContent=lim>=1?'any':'< '+lim.toFixed(2);let n=0;
  rows.forEach(r=>{const f=(r.dataset.flags||'').split(' ');const c=parseFloat(r.dataset.conf);
    const hide=(onlyFlagged.checked&&!r.classList.contains('flagged'))||(code.value&&!f.includes(code.value))||
      (lim<1&&!(c<lim));r.classList.toggle('hidden',hide);if(!hide)n++;});
  shown.textContent=n+' of '+rows.length+' sentences shown';}
[onlyFlagged,code,below].forEach(e=>{e.addEventListener('input',apply);e.addEventListener('change',apply);});
rows.forEach(r=>r.addEventListener('click',()=>r.classList.toggle('open')));
let cur=-1;
function jump(d){const f=rows.filter(r=>r.classList.contains('flagged')&&!r.classList.contains('hidden'));if(!f.length)return;
  const i=f.indexOf(rows[cur]);const next=f[(i+d+f.length)%f.length];rows.forEach(r=>r.classList.remove('current'));
  next.classList.add('current');next.classList.add('open');next.scrollIntoView({block:'center'});cur=rows.indexOf(next);}
document.addEventListener('keydown',e=>{if(e.target.tagName==='INPUT'||e.target.tagName==='SELECT')return;
  if(e.key==='n'||e.key==='j')jump(1);if(e.key==='p'||e.key==='k')jump(-1);});
document.getElementById('next').onclick=()=>jump(1);document.getElementById('prev').onclick=()=>jump(-1);
apply();
})();
"""

INDEX_SCRIPT = r"""
document.querySelectorAll('th').forEach((th,i)=>th.addEventListener('click',()=>{
  const tb=th.closest('table').tBodies[0],rows=[...tb.rows],asc=th.dataset.asc!=='1';th.dataset.asc=asc?'1':'0';
  rows.sort((a,b)=>{const x=a.cells[i].dataset.v??a.cells[i].textContent,y=b.cells[i].dataset.v??b.cells[i].textContent;
    const nx=parseFloat(x),ny=parseFloat(y);const r=(!isNaN(nx)&&!isNaN(ny))?nx-ny:x.localeCompare(y);return asc?r:-r;});
  rows.forEach(r=>tb.appendChild(r));}));
"""


def _confidence_colour(c: float) -> str:
    """Red (0) through yellow (0.5) to green (1)."""
    c = max(0.0, min(1.0, c))
    hue = int(120 * c)
    return f"hsl({hue},70%,82%)"


def _highlight(source: str, flags: Sequence[Flag]) -> str:
    """The German, escaped, with each flag's span in a <mark> carrying its reasons."""
    spans = [f for f in flags if 0 <= f.start < f.end <= len(source)]
    cuts = sorted({0, len(source), *(f.start for f in spans), *(f.end for f in spans)})
    out = []
    for a, b in zip(cuts, cuts[1:]):
        piece = escape(source[a:b])
        covering = [f for f in spans if f.start <= a and b <= f.end]
        if covering:
            worst = max(f.severity for f in covering)
            reasons = escape(" | ".join(f"{f.code}: {f.message}" for f in covering), quote=True)
            out.append(f'<mark class="{worst.name}" title="{reasons}">{piece}</mark>')
        else:
            out.append(piece)
    return "".join(out)


def _row(k: int, r: SegmentPair, languages: tuple[str, str] = ("de", "en")) -> str:
    flagged = r.flagged(Severity.warning)
    classes = ["seg"] + (["flagged"] if flagged else []) + ([f"worst-{r.worst.name}"] if r.worst else [])
    conf = "" if r.confidence is None else f"{r.confidence:.3f}"
    codes = " ".join(dict.fromkeys(f.code for f in r.flags))
    badges = "".join(f'<span class="badge {f.severity.name}">{escape(f.code)}</span>'
                     for f in r.flags if f.end <= f.start)
    reasons = "".join(f"<li><b>{escape(f.severity.name)}</b> {escape(f.code)}: {escape(f.message)}</li>"
                      for f in r.flags)
    where = f' title="{escape(r.locator)}"' if r.locator else ""  # "footnote 1", "table 1 row 2 cell 1"
    conf_cell = (f'<td class="conf" style="background:{_confidence_colour(r.confidence)}">{conf}</td>'
                 if r.confidence is not None else '<td class="conf"></td>')
    return (f'<tr id="u{k}" class="{" ".join(classes)}" data-flags="{escape(codes)}" data-conf="{conf}">'
            f'<td class="n"{where}>{r.place}</td>'
            f'<td class="de" lang="{languages[0]}">{_highlight(r.source, r.flags)}{badges}'
            f'{f"<ul class=reasons>{reasons}</ul>" if reasons else ""}</td>'
            f'<td class="en" lang="{languages[1]}">{escape(r.target)}</td>{conf_cell}</tr>\n')


def _head(title: str, prov: Provenance) -> str:
    model = prov.model or "no model"
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<meta name=\"generator\" content=\"translate {escape(prov.tool_version)}\">"
            f"<title>{escape(title)} – review</title><style>{CSS}</style></head><body>\n<header>"
            f"<h1>{escape(title)}</h1><div class=\"meta\">model {escape(model)} · settings "
            f"{escape(prov.settings or '-')} · created {escape(prov.stamp)}</div>")


def write(records: Iterable[SegmentPair], outs: Sequence[IO[bytes]], prov: Provenance, opts: WriteOptions) -> None:
    title = prov.extra.get("document", "translate")
    with text(outs[0]) as fh:
        fh.write(_head(title, prov))
        fh.write('<div class="bar"><label><input type="checkbox" id="only-flagged"> only flagged</label>'
                 '<label>flag <select id="code"><option value="">any</option></select></label>'
                 '<label>confidence <input type="range" id="below" min="0" max="1" step="0.05" value="1"> '
                 '<output id="below-out">any</output></label>'
                 '<button type="button" id="prev">◀ prev</button><button type="button" id="next">next ▶</button>'
                 '<span id="shown"></span>'
                 '<svg id="hist" width="120" height="40" aria-label="confidence histogram"></svg></div>'
                 '<div class="counts" id="counts"></div></header>\n'
                 '<noscript>Filters and counts need JavaScript; the table below is complete.</noscript>\n'
                 '<table><thead><tr><th>#</th><th>German</th><th>English</th><th>conf.</th></tr></thead>\n')
        last: tuple[str, int] | None = None
        for k, r in enumerate(records, start=1):
            if (r.document, r.paragraph) != last:
                fh.write(("</tbody>" if last else "") + f'<tbody class="para" data-document="{escape(r.document)}">\n')
                last = (r.document, r.paragraph)
            fh.write(_row(k, r, opts.languages))
        fh.write(("</tbody>" if last else "") + f"</table>\n<script>{SCRIPT}</script></body></html>\n")


def page_of(document: str) -> str:
    """The review page of a document of a batch, relative to the output folder."""
    rel = PurePosixPath(document)
    return str(rel.parent / f"{document_name(Path(rel.name))}.html")


def write_index(records: Iterable[SegmentPair], out_dir: Path, prov: Provenance, opts: WriteOptions) -> list[Path]:
    """``OUT/index.html``: every document of a batch with its counts, linking to its page."""
    stats: dict[str, list[float]] = {}
    for r in records:
        s = stats.setdefault(r.document, [0, 0, 0, 0, 0.0, 0])  # sentences, flagged, errors, warnings, Σconf, n
        s[0] += 1
        s[1] += r.flagged(Severity.warning)
        s[2] += any(f.severity is Severity.error for f in r.flags)
        s[3] += any(f.severity is Severity.warning for f in r.flags)
        if r.confidence is not None:
            s[4] += r.confidence
            s[5] += 1
    path = out_dir / "index.html"
    with atomic_open(path, "wb") as fh, text(fh) as out:
        out.write(_head("corpus", prov) + f'<div class="meta">{len(stats)} documents</div></header>\n'
                  '<table id="index"><thead><tr><th>document</th><th>sentences</th><th>flagged</th>'
                  '<th>errors</th><th>warnings</th><th>mean confidence</th></tr></thead><tbody>\n')
        for doc, (n, flagged, errors, warnings, total, m) in stats.items():
            mean = total / m if m else 0.0
            out.write(f'<tr><td><a href="{escape(page_of(doc), quote=True)}">{escape(doc)}</a></td>'
                      f"<td>{int(n)}</td><td>{int(flagged)}</td><td>{int(errors)}</td><td>{int(warnings)}</td>"
                      f'<td data-v="{mean:.4f}">{mean:.3f}</td></tr>\n')
        out.write(f"</tbody></table>\n<script>{INDEX_SCRIPT}</script></body></html>\n")
    return [path]


FORMAT = Format("html", "HTML review page: side by side, flags highlighted, filters (batch: index.html)",
                (".html",), write, fields=("document", "paragraph", "sentence", "source", "target", "confidence",
                                           "flags"), corpus=write_index)
