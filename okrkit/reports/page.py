"""The nbconvert template that turns an executed report notebook into a client document.

It keeps only what the report cells displayed (HTML and SVG) and the markdown cells a
coach tagged `report-text`; code, prompts, streams (warnings, logs) and the parameter
cells never reach the page. The page loads nothing: its style is inline, its charts are
inline SVG, and there is no script at all — the RequireJS, MathJax and widget manager that
nbconvert's stock templates fetch from CDNs are not there to fail offline.

The template lives in this module (given to nbconvert through a Jinja DictLoader) so that
it ships with the package without package-data configuration.
"""

from __future__ import annotations

from okrkit import theme

__all__ = ["CSS", "TEMPLATE", "TEMPLATE_NAME"]

TEMPLATE_NAME = "okrkit_report.html.j2"

TEMPLATE = r"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="okrkit {{ resources.okrkit.version | e }}">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>{{ resources.okrkit.title | e }}</title>
<style>{{ resources.okrkit.css }}</style>
</head>
<body>
<main class="report">
{%- for cell in nb.cells -%}
{%- set tags = cell.metadata.get('tags', []) -%}
{%- if 'parameters' in tags or 'injected-parameters' in tags or 'template-notes' in tags -%}
{%- elif cell.cell_type == 'code' -%}
{%- for output in cell.outputs if output.output_type in ('display_data', 'execute_result') -%}
{%- if 'text/html' in output.data -%}
{{ output.data['text/html'] | okrkit_join }}
{%- elif 'image/svg+xml' in output.data -%}
<figure class="chart">{{ output.data['image/svg+xml'] | okrkit_join }}</figure>
{%- endif -%}
{%- endfor -%}
{%- elif cell.cell_type == 'markdown' and 'report-text' in tags -%}
<div class="prose">{{ cell.source | markdown2html }}</div>
{%- endif -%}
{%- endfor %}
<footer class="report-footer">{{ resources.okrkit.footer | e }}</footer>
</main>
</body>
</html>
"""

# The palette and the status colours are okrkit.theme's, as in the apps, the charts and the landing page.
CSS = theme.css_variables() + r"""
* { box-sizing: border-box; }
html { font-family: "Liberation Sans", "Helvetica Neue", Helvetica, Arial, "DejaVu Sans", sans-serif;
  color: var(--ink); font-size: 14px; line-height: 1.5; background: #fff; }
body { margin: 0; }
main.report { max-width: 960px; margin: 0 auto; padding: 32px 40px 48px; }
h1 { font-size: 28px; margin: 4px 0 6px; color: var(--accent); line-height: 1.2; }
h2 { font-size: 20px; margin: 32px 0 10px; padding-bottom: 4px; border-bottom: 2px solid var(--accent);
  color: var(--accent); break-after: avoid; }
h3 { font-size: 16px; margin: 22px 0 8px; break-after: avoid; }
h4 { font-size: 14px; margin: 14px 0 6px; break-after: avoid; }
p { margin: 6px 0 10px; }
.report-header { border-bottom: 1px solid var(--line); padding-bottom: 14px; margin-bottom: 8px; }
.eyebrow { text-transform: uppercase; letter-spacing: .08em; font-size: 11px; color: var(--muted); margin: 0; }
.subtitle { color: var(--muted); margin: 0 0 12px; }
dl.meta { display: grid; grid-template-columns: repeat(3, minmax(0, 1fr)); gap: 6px 18px; margin: 0; }
dl.meta div { background: var(--soft); padding: 6px 10px; border-radius: 4px; }
dl.meta dt, dl.facts dt { font-size: 11px; text-transform: uppercase; letter-spacing: .05em; color: var(--muted); }
dl.meta dd { margin: 0; font-weight: 600; }
dl.facts { display: flex; flex-wrap: wrap; gap: 10px; margin: 12px 0; }
dl.facts div { background: var(--soft); padding: 8px 14px; border-radius: 4px; min-width: 110px; }
dl.facts dd { margin: 0; font-size: 22px; font-weight: 700; color: var(--accent); }
.lead { font-size: 15px; }
table { width: 100%; border-collapse: collapse; margin: 8px 0 18px; font-size: 12.5px; }
caption { caption-side: top; text-align: left; font-weight: 600; color: var(--muted); padding: 4px 0; font-size: 12px; }
th, td { text-align: left; vertical-align: top; padding: 6px 8px; border-bottom: 1px solid var(--line); }
thead th { background: var(--soft); font-size: 11px; text-transform: uppercase; letter-spacing: .04em;
  color: var(--muted); border-bottom: 1px solid #c9d3d8; }
tbody th { font-weight: 500; }
tr { break-inside: avoid; }
.num { text-align: right; white-space: nowrap; }
.unit { display: block; font-size: 10.5px; color: var(--muted); }
td.progress { white-space: nowrap; min-width: 150px; }
.pct { display: inline-block; width: 38px; text-align: right; font-variant-numeric: tabular-nums; }
.bar { display: inline-block; position: relative; width: 100px; height: 10px; background: #e8edef;
  border-radius: 5px; vertical-align: middle; margin-left: 6px; }
.bar .fill { position: absolute; left: 0; top: 0; bottom: 0; border-radius: 5px; background: var(--accent); }
.bar-on-track .fill { background: var(--on); } .bar-at-risk .fill { background: var(--risk); }
.bar-off-track .fill { background: var(--off); }
.bar .pace { position: absolute; top: -3px; bottom: -3px; width: 2px; background: var(--ink); opacity: .6; }
.status { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 11.5px; font-weight: 600;
  white-space: nowrap; color: #fff; }
.status-on-track { background: var(--on); } .status-at-risk { background: var(--risk); }
.status-off-track { background: var(--off); }
.confidence { font-weight: 600; font-variant-numeric: tabular-nums; }
.c1, .c2, .c3, .c4 { color: var(--off); } .c5, .c6 { color: var(--risk); }
.c7, .c8, .c9, .c10 { color: var(--on); }
.delta { font-size: 12px; white-space: nowrap; } .delta.good { color: var(--on); } .delta.bad { color: var(--off); }
.delta.flat, .muted { color: var(--muted); }
.okr-id { font-family: "Liberation Mono", "DejaVu Sans Mono", monospace; font-size: 11.5px; color: var(--muted);
  background: var(--soft); padding: 0 4px; border-radius: 3px; white-space: nowrap; }
.okr-meta { color: var(--muted); font-size: 12.5px; }
.callout { border-left: 4px solid var(--accent); background: #eef3f9; padding: 8px 12px; margin: 10px 0;
  border-radius: 0 4px 4px 0; }
.callout.warn { border-color: var(--risk); background: #fdf6e3; }
.callout.good { border-color: var(--on); background: #edf6ee; }
td.forecast { white-space: nowrap; }
.empty { color: var(--muted); font-style: italic; }
nav.toc { background: var(--soft); border-radius: 4px; padding: 6px 14px; margin: 10px 0 14px; font-size: 13px; }
nav.toc ol { columns: 3; margin: 4px 0; padding-left: 20px; } nav.toc a { color: var(--accent); }
section.unit { border-top: 1px solid var(--line); margin-top: 14px; }
td.progress .bar + br { line-height: 1.6; } .detail-note code { font-size: 12px; }
.tag { display: inline-block; font-size: 10.5px; text-transform: uppercase; letter-spacing: .05em; padding: 0 6px;
  border-radius: 3px; background: #fdecea; color: var(--off); font-weight: 700; }
.tag.muted { background: var(--soft); color: var(--muted); }
dl.grip { display: grid; grid-template-columns: 140px 1fr; gap: 4px 12px; margin: 8px 0 12px; }
dl.grip div { display: contents; } dl.grip dt { font-weight: 600; color: var(--muted); } dl.grip dd { margin: 0; }
section.team { border-top: 1px solid var(--line); padding-top: 4px; }
figure.chart { margin: 12px 0 20px; break-inside: avoid; }
figure.chart svg { max-width: 100%; height: auto; display: block; }
figcaption { font-size: 12px; color: var(--muted); margin-top: 4px; }
.reading { font-weight: 600; } .reading-met { color: var(--on); } .reading-near { color: var(--risk); }
.reading-missed { color: var(--off); }
.trend-rising { color: var(--on); } .trend-falling { color: var(--off); }
.votes { font-size: 11px; color: var(--muted); background: var(--soft); border-radius: 8px; padding: 0 6px; }
article.retro { border-left: 3px solid var(--line); padding-left: 12px; margin-bottom: 14px; break-inside: avoid; }
ol.principles li, ul.risks li { margin-bottom: 8px; }
dl.glossary dt { font-weight: 700; margin-top: 8px; } dl.glossary dd { margin: 0 0 4px 0; }
dl.worldview dt { font-weight: 700; margin-top: 6px; } dl.worldview dd { margin: 0 0 2px 16px; }
ul.values { display: flex; flex-wrap: wrap; gap: 8px; padding: 0; list-style: none; }
ul.values li { background: var(--soft); border-radius: 12px; padding: 2px 12px; }
.keep { break-inside: avoid; }
.report-footer { margin-top: 40px; padding-top: 10px; border-top: 1px solid var(--line); color: var(--muted);
  font-size: 11px; }
@page { size: A4; margin: 14mm 12mm 16mm; }
@media print {
  html { font-size: 12px; }
  main.report { max-width: none; padding: 0; }
  h2 { margin-top: 22px; }
  .status, .bar .fill, .bar, thead th, dl.meta div, .callout, .tag { -webkit-print-color-adjust: exact;
    print-color-adjust: exact; }
}
"""
