"""The apps' look: one small CSS block, every selector scoped under `.okr-app`.

It is sent once per app in an `ipywidgets.HTML` (JupyterLab and Voila both apply a
`<style>` element found in widget HTML). No web fonts, no outside hosts.
"""

from __future__ import annotations

__all__ = ["CSS"]

CSS = """
<style>
.okr-app { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  color: #1d2430; max-width: 1100px; }
.okr-app .okr-header { border-bottom: 3px solid #1f4e8c; padding: 6px 0 8px 0; margin-bottom: 10px; }
.okr-app .okr-header h1 { font-size: 22px; margin: 0; font-weight: 650; color: #1d2430; line-height: 1.25; }
.okr-app .okr-header .okr-sub { color: #5b6575; font-size: 13px; margin-top: 2px; }
.okr-app h2 { font-size: 17px; margin: 14px 0 6px 0; font-weight: 620; color: #1d2430; }
.okr-app h3 { font-size: 14px; margin: 8px 0 4px 0; font-weight: 620; color: #34405a; }
.okr-app .okr-card { background: #fff; border: 1px solid #dde2ea; border-radius: 8px; padding: 10px 14px;
  margin: 6px 0; box-shadow: 0 1px 2px rgba(16,24,40,.04); }
.okr-app .okr-section { background: #f7f9fc; border: 1px solid #e3e8f0; border-radius: 8px; padding: 8px 12px;
  margin: 6px 0 10px 0; }
.okr-app .okr-muted { color: #6b7485; font-size: 12.5px; margin: 2px 0; }
.okr-app .okr-hint { color: #6b7485; font-size: 12.5px; }
.okr-app .okr-badge { display: inline-block; padding: 1px 9px; border-radius: 10px; font-size: 12px;
  font-weight: 600; white-space: nowrap; }
.okr-app .okr-bar-row { display: flex; align-items: center; gap: 8px; min-width: 160px; }
.okr-app .okr-bar { position: relative; flex: 1; height: 10px; background: #e9edf3; border-radius: 5px;
  overflow: visible; min-width: 100px; }
.okr-app .okr-fill { position: absolute; left: 0; top: 0; bottom: 0; border-radius: 5px; }
.okr-app .okr-pace { position: absolute; top: -3px; width: 2px; height: 16px; background: #1d2430; opacity: .55; }
.okr-app .okr-bar-label { font-size: 12px; color: #34405a; min-width: 38px; text-align: right;
  font-variant-numeric: tabular-nums; }
.okr-app .okr-msg { font-size: 12.5px; padding: 3px 8px; border-radius: 5px; margin: 2px 0; line-height: 1.35; }
.okr-app .okr-finding { font-size: 12.5px; padding: 4px 8px; border-left: 3px solid; margin: 3px 0;
  background: #fafbfd; line-height: 1.35; }
.okr-app .okr-finding b { font-weight: 600; }
.okr-app details.okr-tips { font-size: 12.5px; color: #1f4e8c; margin: 2px 0; }
.okr-app details.okr-tips > summary { cursor: pointer; color: #5b6575; }
.okr-app .okr-dismiss button, .okr-app button.okr-dismiss { background: none; border: none; box-shadow: none;
  color: #5b6575; font-size: 12px; text-decoration: underline; padding: 0 4px; height: 22px; }
.okr-app table.okr-table { border-collapse: collapse; width: 100%; font-size: 13px; }
.okr-app table.okr-table th { text-align: left; color: #5b6575; font-weight: 600; border-bottom: 1px solid #dde2ea;
  padding: 4px 6px; }
.okr-app table.okr-table td { border-bottom: 1px solid #eef1f5; padding: 5px 6px; vertical-align: middle; }
.okr-app .okr-kpis { display: flex; gap: 10px; flex-wrap: wrap; margin: 6px 0; }
.okr-app .okr-kpi { background: #fff; border: 1px solid #dde2ea; border-radius: 8px; padding: 8px 12px;
  min-width: 150px; }
.okr-app .okr-kpi .okr-kpi-value { font-size: 22px; font-weight: 650; }
.okr-app .okr-kpi .okr-kpi-label { font-size: 12px; color: #5b6575; }
.okr-app .okr-quote { border-left: 3px solid #1f4e8c; background: #f2f6fc; padding: 6px 10px; margin: 4px 0;
  font-size: 13.5px; }
.okr-app .okr-layer { border-left: 4px solid #1f4e8c; padding: 4px 10px; margin: 6px 0; background: #fff; }
.okr-app .okr-layer .okr-layer-name { font-size: 11px; text-transform: uppercase; letter-spacing: .06em;
  color: #5b6575; font-weight: 600; }
.okr-app .okr-sticky { background: #fff8c5; border: 1px solid #eadb8a; border-radius: 4px; padding: 6px 8px;
  margin: 4px 0; font-size: 13px; }
.okr-app .okr-sticky { overflow-wrap: anywhere; }
.okr-app .okr-id { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 12px; color: #5b6575; }
.okr-app .widget-label { color: #34405a; }
.okr-app .okr-row { align-items: center; gap: 10px; flex-wrap: wrap; }
.okr-app ul { margin: 2px 0 4px 0; padding-left: 20px; }
/* the selected choice of a 1–10 scale or of toggles must be obvious */
.okr-app .widget-toggle-buttons .jupyter-button.mod-active { background: #1f4e8c; color: #fff; }
.okr-app .jupyter-button.mod-primary { background: #1f4e8c; }
.okr-app .jupyter-button { border-radius: 5px; }
.okr-app .okr-sticky, .okr-app .okr-quote, .okr-app li, .okr-app h3, .okr-app .okr-hint,
.okr-app .okr-muted, .okr-app .okr-layer, .okr-app td { line-height: 1.4; }
.okr-app textarea { font-family: inherit; font-size: 13.5px; }
.okr-app table.okr-table.okr-fixed { table-layout: fixed; }
/* long values and units wrap inside their column; bars shrink to theirs */
.okr-app table.okr-table td { overflow-wrap: anywhere; }
.okr-app table.okr-fixed .okr-bar-row { min-width: 0; }
.okr-app table.okr-fixed .okr-bar { min-width: 30px; }
/* text areas fit their card, borders included */
.okr-app .widget-textarea, .okr-app .widget-text { box-sizing: border-box; max-width: 100%; }
.okr-app textarea { box-sizing: border-box; }
.okr-app .okr-chart svg { max-width: 100%; height: auto; }
.okr-app .okr-chart { overflow-x: auto; max-width: 100%; box-sizing: border-box; }
.okr-app .widget-html, .okr-app .widget-html-content { min-width: 0; max-width: 100%; }
.okr-app .okr-objrow { display: flex; align-items: center; gap: 10px; flex-wrap: wrap; }
.okr-app .okr-tools { gap: 4px; }
.okr-app .widget-dropdown, .okr-app .widget-hbox, .okr-app .widget-vbox { max-width: 100%; }
/* a long choice (a strategic objective's title) stays inside its card on a phone, borders included */
.okr-app .widget-dropdown { box-sizing: border-box; min-width: 0; }
.okr-app .widget-dropdown select { min-width: 0; max-width: 100%; box-sizing: border-box; }
/* a phone (390 px): tables become one block per key result, nothing is cut off */
@media (max-width: 600px) {
  .okr-app { max-width: 100vw; }
  .okr-app table.okr-fixed, .okr-app table.okr-fixed tbody, .okr-app table.okr-fixed tr,
  .okr-app table.okr-fixed td { display: block; width: 100% !important; box-sizing: border-box; }
  .okr-app table.okr-fixed colgroup, .okr-app table.okr-fixed tr:first-child th { display: none; }
  .okr-app table.okr-fixed tr { border-bottom: 1px solid #eef1f5; padding: 4px 0; }
  .okr-app table.okr-fixed td { border: 0; padding: 2px 0; }
  .okr-app .okr-kpi { min-width: 0; flex: 1 1 140px; }
  .okr-app .okr-card { padding: 8px 10px; }
  .okr-app .okr-kr-header { display: none; }  /* each field's placeholder names it */
  /* charts keep a readable size and scroll sideways inside their card */
  .okr-app .okr-chart svg { min-width: 520px; max-width: none; }
}
</style>
"""
