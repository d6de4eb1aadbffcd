// The HTML report's stylesheet (inlined): sticky grid headers, status colours, the side pane and the timeline.

export const STYLE = `
:root { --ok: #3fa34d; --changed: #d9a400; --failed: #d64541; --skipped: #5aa9d6; --unreachable: #8e44ad;
  --none: #eceff1; --fg: #1d2327; --muted: #5f6b73; --line: #d5dadd; font-family: system-ui, sans-serif; color: var(--fg); }
* { box-sizing: border-box; }
body { margin: 0; display: flex; flex-direction: column; height: 100vh; }
header { padding: 8px 16px; border-bottom: 1px solid var(--line); }
header h1 { font-size: 18px; margin: 4px 0 8px; }
header summary { cursor: pointer; font-size: 12px; color: var(--muted); margin-bottom: 4px; }
.top { display: flex; gap: 24px; flex-wrap: wrap; align-items: flex-start; max-height: 34vh; overflow: auto; }
table.summary th { text-align: left; color: var(--muted); font-weight: 500; padding-right: 12px; }
table.summary td { font-family: ui-monospace, monospace; font-size: 12px; word-break: break-all; }
table.recap { border-collapse: collapse; font-size: 12px; }
table.recap caption { text-align: left; font-weight: 600; }
table.recap th, table.recap td { padding: 1px 8px; border-bottom: 1px solid var(--line); text-align: right; }
table.recap th[scope=row] { text-align: left; font-family: ui-monospace, monospace; }
#recap tbody th { cursor: pointer; } #recap tbody th:hover { text-decoration: underline; }
table.recap tr.bad th[scope=row], table.slices tr.bad td { color: var(--failed); }
table.recap thead th:first-child { text-align: left; }
.n-zero { color: #b0b8bd; }
.n-ok { color: var(--ok); } .n-changed { color: #a07900; } .n-failed, .n-unreachable { color: var(--failed); font-weight: 600; }
.controls { display: flex; gap: 12px; align-items: center; padding: 6px 16px; border-bottom: 1px solid var(--line); flex-wrap: wrap; }
.controls label { font-size: 13px; color: var(--muted); }
[role=tab] { border: 1px solid var(--line); background: #fff; padding: 4px 12px; cursor: pointer; border-radius: 4px; }
[role=tab][aria-selected=true] { background: var(--fg); color: #fff; }
#f-count { font-size: 12px; color: var(--muted); }
.legend span { display: inline-block; font-size: 11px; padding: 1px 6px; margin-right: 4px; border-radius: 3px; }
main { flex: 1; display: flex; min-height: 0; }
.panel { flex: 1; min-width: 0; overflow: auto; }
#grid-wrap { height: 100%; overflow: auto; outline: none; }
#grid-wrap:focus-visible { box-shadow: inset 0 0 0 2px #2271b1; }
table#grid { border-collapse: separate; border-spacing: 0; }
#grid th.corner { position: sticky; top: 0; left: 0; z-index: 3; background: #fff; font-size: 11px; color: var(--muted); }
#grid th.task-h { position: sticky; top: 0; z-index: 2; background: #fff; height: 150px; vertical-align: bottom;
  padding: 2px 0; border-bottom: 1px solid var(--line); }
#grid th.task-h span { display: block; writing-mode: vertical-rl; transform: rotate(180deg); white-space: nowrap;
  font-size: 11px; font-weight: 500; width: 16px; max-height: 146px; overflow: hidden; margin: 0 auto; }
#grid th.host-h { position: sticky; left: 0; z-index: 1; background: #fff; text-align: left; font: 12px ui-monospace, monospace;
  padding: 0 8px; white-space: nowrap; max-width: 220px; overflow: hidden; text-overflow: ellipsis; border-right: 1px solid var(--line); }
#grid td.cell { width: 18px; min-width: 18px; height: 16px; border: 1px solid #fff; cursor: pointer; position: relative; }
#grid td.cur { outline: 2px solid #111; outline-offset: -2px; }
.s-ok { background: var(--ok); } .s-changed { background: var(--changed); } .s-failed { background: var(--failed); }
.s-skipped { background: var(--skipped); } .s-unreachable { background: var(--unreachable); } .s-none { background: var(--none); }
#grid td.ign { background-image: repeating-linear-gradient(45deg, transparent 0 3px, rgba(255,255,255,.7) 3px 5px); }
#grid td.res::after { content: 'R'; position: absolute; inset: 0; font-size: 10px; line-height: 14px; text-align: center; color: #fff; font-weight: 700; }
aside#detail { width: 0; overflow: hidden; border-left: 1px solid var(--line); background: #fafbfc; }
aside#detail.open { width: min(520px, 45vw); overflow: auto; padding: 8px 12px; }
#detail-close { float: right; }
#detail h3 { margin: 4px 0; font-size: 15px; word-break: break-word; }
#detail dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 10px; font-size: 12px; margin: 6px 0; }
#detail dt { color: var(--muted); } #detail dd { margin: 0; word-break: break-all; }
#detail section.result { background: #fff !important; border-left: 4px solid; margin: 8px 0; padding: 4px 8px; }
#detail section.s-ok { border-color: var(--ok); } #detail section.s-changed { border-color: var(--changed); }
#detail section.s-failed { border-color: var(--failed); } #detail section.s-skipped { border-color: var(--skipped); }
#detail section.s-unreachable { border-color: var(--unreachable); }
#detail h4 { margin: 2px 0; text-transform: uppercase; font-size: 12px; } #detail h5 { margin: 6px 0 2px; font-size: 11px; color: var(--muted); }
#detail pre { background: #f3f5f6; padding: 6px; font-size: 12px; white-space: pre-wrap; word-break: break-all; max-height: 40vh; overflow: auto; margin: 0; }
.d-add { color: #1a7f37; } .d-del { color: #cf222e; } .d-hunk { color: #8250df; } .d-head { font-weight: 600; }
#timeline { padding: 4px 8px; }
.tl-scale { display: flex; justify-content: space-between; margin-left: 220px; font-size: 11px; color: var(--muted); }
.tl-row { display: flex; align-items: center; height: 16px; }
.tl-host { width: 220px; flex: none; font: 11px ui-monospace, monospace; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.tl-track { position: relative; flex: 1; height: 12px; background: #f3f5f6; }
.tl-bar { position: absolute; top: 1px; height: 10px; min-width: 2px; cursor: pointer; }
`;
