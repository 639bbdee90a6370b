#include "dashboard/Assets.h"

namespace kith::engine {

// Light and dark from the system's preference; one column on a phone.
const std::string& dashboard_stylesheet() {
  static const std::string css = R"CSS(
:root { --bg: #fbfbf8; --fg: #1d1f21; --muted: #5f6368; --line: #d9d9d4; --accent: #1f6feb; --card: #ffffff;
  --c1: #1f77b4; --c2: #e67e22; --c3: #2ca02c; --c4: #9467bd; --c5: #d62728; --c6: #8c564b; --c7: #17becf;
  color-scheme: light dark; }
@media (prefers-color-scheme: dark) {
  :root { --bg: #15171a; --fg: #e8e8e3; --muted: #a0a4a8; --line: #33373c; --accent: #6ea8fe; --card: #1d2024;
    --c1: #6baed6; --c2: #fdae6b; --c3: #74c476; --c4: #b4a7d6; --c5: #fc9272; --c6: #c49c94; --c7: #6fd6e0; }
}
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--fg); font: 15px/1.45 system-ui, sans-serif; }
a { color: var(--accent); }
a:focus-visible, button:focus-visible, input:focus-visible, .mark:focus-visible, summary:focus-visible {
  outline: 3px solid var(--accent); outline-offset: 2px; }
.skip { position: absolute; left: -9999px; }
.skip:focus { left: 8px; top: 8px; background: var(--card); padding: 4px 8px; }
header { display: flex; flex-wrap: wrap; align-items: center; gap: 12px; padding: 10px 16px; border-bottom: 1px solid var(--line); }
.brand { font-weight: 700; }
nav ul { display: flex; flex-wrap: wrap; gap: 4px 14px; list-style: none; margin: 0; padding: 0; }
nav a[aria-current="page"] { font-weight: 700; text-decoration: none; color: var(--fg); }
main { max-width: 1000px; margin: 0 auto; padding: 8px 16px 32px; }
footer { text-align: center; color: var(--muted); font-size: 13px; padding: 16px; }
h1 { font-size: 24px; margin: 12px 0; }
h2 { font-size: 18px; margin: 22px 0 8px; }
.count { color: var(--muted); font-weight: 400; }
.lead { color: var(--muted); }
.empty { color: var(--muted); font-style: italic; }
.muted { color: var(--muted); font-size: 13px; }
.error { border-left: 4px solid var(--c5); padding: 8px 12px; background: var(--card); }
table { border-collapse: collapse; width: 100%; background: var(--card); }
th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
caption { text-align: left; color: var(--muted); padding: 4px 0; }
.sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
ul.plain { list-style: none; margin: 0; padding: 0; }
.tags li { display: inline-flex; gap: 4px; align-items: center; margin-right: 8px; }
.actions { display: flex; flex-wrap: wrap; gap: 6px; }
form.action { display: inline-flex; gap: 6px; align-items: center; margin: 2px 0; }
button { font: inherit; padding: 3px 10px; border: 1px solid var(--line); border-radius: 6px; background: var(--bg); color: var(--fg); cursor: pointer; }
button:hover { border-color: var(--accent); }
input { font: inherit; padding: 2px 6px; border: 1px solid var(--line); border-radius: 4px; background: var(--bg); color: var(--fg); max-width: 12em; }
.facts dl { display: grid; grid-template-columns: max-content 1fr; gap: 6px 16px; margin: 0; }
.facts dt { color: var(--muted); }
.facts dd { margin: 0; }
.facts dd form.action { margin-left: 10px; }
figure.chart { margin: 8px 0 12px; }
svg.chart { width: 100%; height: auto; display: block; }
svg.chart text { fill: var(--fg); font-size: 11px; }
svg.chart .axis line { stroke: var(--line); }
svg.chart .hit { fill: transparent; }
svg.chart .mark:hover rect:not(.hit), svg.chart .mark:focus rect:not(.hit), svg.chart .mark:focus circle { opacity: .75; }
svg.chart .mark:focus .hit { fill: var(--line); opacity: .35; }
svg.chart polyline { fill: none; stroke: var(--c1); stroke-width: 2; }
figcaption { color: var(--muted); font-size: 13px; }
.s-share, .s-new_people, .s-point, .s-email_sent { fill: var(--c1); }
.s-email_received { fill: var(--c2); }
.s-meeting { fill: var(--c3); }
.s-message_sent { fill: var(--c4); }
.s-message_received { fill: var(--c5); }
.s-call { fill: var(--c6); }
rect[class^="s-"] { fill: var(--c7); }
rect.s-share, rect.s-new_people, rect.s-email_sent { fill: var(--c1); }
rect.s-email_received { fill: var(--c2); }
rect.s-meeting { fill: var(--c3); }
rect.s-message_sent { fill: var(--c4); }
rect.s-message_received { fill: var(--c5); }
@media (max-width: 600px) {
  th, td { padding: 4px; font-size: 14px; }
  .facts dl { grid-template-columns: 1fr; }
  table { display: block; overflow-x: auto; }
}
)CSS";
  return css;
}

}  // namespace kith::engine
