//! The report's inline stylesheet: one for the screen, one for paper.
//!
//! On paper (A4 landscape) every chart starts a page of its own and is never
//! cut: 1000×600 pixels at most 16 cm high leave room for the caption inside
//! the 186 mm between the margins. Each scenario and each decision starts a
//! page, so a printed briefing can be handed out a section at a time. Tables
//! may run over a page, but never split a row. Closed disclosures (the
//! settings) print as their one-line summary.

/// Inline CSS: no fonts, images or other resources fetched.
pub const CSS: &str = "\
body{font-family:sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#1e1e1e;line-height:1.4}\
h1{font-size:1.6em}h2{margin-top:0}\
.headline{font-size:1.15em;border-left:4px solid #1f3a5f;padding:.2em .8em;margin:1em 0}\
ul.brief{padding-left:1.2em}ul.brief li{margin:.5em 0}\
.wide{overflow-x:auto}\
table{border-collapse:collapse;font-size:.9em;margin:1em 0}\
th,td{border-bottom:1px solid #ddd;padding:.25em .6em;text-align:right;vertical-align:top}\
th.text,td.text{text-align:left}\
tr.group th{text-align:left;background:#eef1f5;padding-top:.5em}\
code.key{color:#777;font-size:.8em;margin-left:.4em}\
figure{margin:1em 0}img{max-width:100%;height:auto;border:1px solid #ddd}\
figcaption{color:#555;font-size:.9em}\
pre{background:#f6f6f6;padding:1em;overflow:auto;font-size:.85em}\
section{margin-bottom:3em}.meta{color:#555;font-size:.9em}\
.stale{background:#fff4e0;border-left:4px solid #a85400;padding:.4em .8em}\
summary{cursor:pointer;color:#1f3a5f}\
@media print{\
@page{size:A4 landscape;margin:12mm}\
body{max-width:none;margin:0;padding:0;font-size:10pt}\
section.scenario,section.decision,section.sweep{break-before:page;page-break-before:always}\
figure{break-before:page;page-break-before:always;break-inside:avoid;page-break-inside:avoid;margin:0}\
img{max-height:16cm;width:auto;border:none}\
h1,h2,h3,.headline{break-after:avoid;page-break-after:avoid}\
tr{break-inside:avoid;page-break-inside:avoid}\
.wide{overflow:visible}table{font-size:9pt}\
a{color:inherit;text-decoration:none}\
}";
