// The web app's stylesheet, script and icon, served from memory (no CDN, no build step). The
// script is progressive: every page works without it.
import Vapor

enum StaticAssets {
    static func response(_ body: String, type: String) -> Response {
        Response(status: .ok, headers: ["Content-Type": type, "Cache-Control": "public, max-age=300",
                                        "Content-Security-Policy": WebApp.contentSecurityPolicy],
                 body: .init(string: body))
    }

    static let favicon = """
    <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect x="5" y="1" width="6" height="3" rx="1" fill="#1d4e89"/><rect x="5" y="5" width="6" height="3" rx="1" fill="#b3261e"/><rect x="5" y="9" width="6" height="3" rx="1" fill="#1d4e89"/><rect x="6" y="13" width="4" height="2" rx="1" fill="#1d4e89"/></svg>
    """

    static let javascript = """
    // SpineBoard: small progressive enhancements only.
    (function () {
      "use strict";
      document.addEventListener("click", function (e) {
        var t = e.target.closest ? e.target.closest("[data-print]") : null;
        if (t) { e.preventDefault(); window.print(); }
      });
      document.addEventListener("DOMContentLoaded", function () {
        var summary = document.getElementById("error-summary") || document.getElementById("conflict");
        if (summary) { summary.focus(); }
        // Warn before leaving a case form with unsaved changes.
        var form = document.querySelector("form.case-form");
        if (form) {
          var dirty = false;
          form.addEventListener("input", function () { dirty = true; });
          form.addEventListener("submit", function () { dirty = false; });
          window.addEventListener("beforeunload", function (e) { if (dirty) { e.preventDefault(); e.returnValue = ""; } });
        }
      });
    })();
    """

    static let css = """
    :root { --ink:#1b1f24; --muted:#545d68; --line:#c9d1da; --bg:#f5f7fa; --card:#fff; --brand:#1d4e89;
      --em:#b3261e; --em-bg:#fde8e6; --ur:#8a5300; --ur-bg:#fff1d6; --ro:#1e6b34; --ro-bg:#e3f4e8; --focus:#ffbf47; }
    * { box-sizing: border-box; }
    html { font-size: 100%; }
    body { margin:0; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color:var(--ink); background:var(--bg); line-height:1.45; }
    a { color: var(--brand); }
    a:focus, button:focus, input:focus, select:focus, textarea:focus, summary:focus, [tabindex]:focus { outline:3px solid var(--focus); outline-offset:2px; }
    .skip { position:absolute; left:-9999px; } .skip:focus { left:8px; top:8px; background:#fff; padding:8px; z-index:10; }
    .visually-hidden { position:absolute; width:1px; height:1px; overflow:hidden; clip:rect(0 0 0 0); white-space:nowrap; }
    header.top { display:flex; flex-wrap:wrap; gap:12px 20px; align-items:center; padding:10px 20px; background:var(--brand); color:#fff; }
    header.top a { color:#fff; } .brand { font-weight:700; font-size:1.15rem; text-decoration:none; }
    header.top nav { display:flex; gap:16px; flex:1; }
    .signout { display:flex; gap:10px; align-items:center; } .who small { opacity:.85; }
    button.link { background:none; border:1px solid #fff; color:#fff; border-radius:4px; padding:4px 10px; cursor:pointer; }
    main { max-width:1200px; margin:0 auto; padding:16px 20px 40px; }
    body.narrow main { max-width:480px; }
    footer.foot { max-width:1200px; margin:0 auto; padding:12px 20px 30px; color:var(--muted); font-size:.9rem; border-top:1px solid var(--line); }
    h1 { font-size:1.6rem; margin:.3em 0; } h2 { font-size:1.25rem; margin:.2em 0 .5em; } h3 { font-size:1.05rem; margin:.2em 0 .4em; }
    .muted, .hint { color:var(--muted); } .hint { display:block; font-size:.85rem; }
    .lead { font-size:1.1rem; }
    .card { background:var(--card); border:1px solid var(--line); border-radius:8px; padding:14px 16px; margin:0 0 16px; }
    .cards { display:grid; grid-template-columns:repeat(auto-fill, minmax(340px, 1fr)); gap:16px; }
    .cards .card { margin:0; }
    .two-col { display:grid; grid-template-columns: minmax(300px, 400px) 1fr; gap:16px; align-items:start; }
    .page-head { display:flex; flex-wrap:wrap; justify-content:space-between; align-items:center; gap:10px; }
    .actions { display:flex; flex-wrap:wrap; gap:8px; align-items:center; }
    .button, button { display:inline-block; font:inherit; padding:8px 14px; border-radius:6px; border:1px solid var(--brand); background:#fff; color:var(--brand); text-decoration:none; cursor:pointer; min-height:40px; }
    .button.primary, button.primary { background:var(--brand); color:#fff; }
    button.secondary { border-style:dashed; }
    label { display:block; font-weight:600; margin-bottom:2px; }
    input, select, textarea { font:inherit; width:100%; padding:7px 9px; border:1px solid #7b8794; border-radius:5px; background:#fff; color:var(--ink); min-height:40px; }
    input[type=checkbox] { width:auto; min-height:0; margin-right:6px; }
    input[readonly] { background:#eef1f4; }
    .grid { display:grid; grid-template-columns:repeat(auto-fill, minmax(230px, 1fr)); gap:12px 16px; }
    fieldset { border:1px solid var(--line); border-radius:8px; margin:0 0 16px; padding:12px 16px; }
    legend { font-weight:700; padding:0 6px; }
    fieldset.checks, fieldset.level-picker { border:none; padding:6px 0; margin:6px 0; }
    fieldset.checks legend, fieldset.level-picker legend { padding:0; font-weight:600; }
    label.check { display:inline-flex; align-items:center; font-weight:400; margin:4px 14px 4px 0; }
    .level-group { display:flex; flex-wrap:wrap; align-items:center; gap:4px; margin:4px 0; }
    .region { width:80px; color:var(--muted); font-size:.9rem; }
    label.level { display:inline-flex; align-items:center; border:1px solid var(--line); border-radius:4px; padding:3px 6px; font-weight:400; min-width:56px; }
    label.level input { margin-right:4px; }
    .lesion { background:#fafbfd; }
    .field-error { display:block; color:var(--em); font-weight:600; }
    .has-error input, .has-error select { border:2px solid var(--em); }
    .alert { border-left:6px solid var(--brand); background:#fff; padding:10px 14px; margin:10px 0; border-radius:4px; }
    .alert.error, .alert.conflict { border-color:var(--em); background:var(--em-bg); }
    .alert.ok { border-color:var(--ro); background:var(--ro-bg); }
    .error-text { color:var(--em); }
    .badge { display:inline-block; padding:2px 8px; border-radius:999px; font-size:.8rem; font-weight:700; text-transform:uppercase; letter-spacing:.03em; }
    .badge.emergency { background:var(--em); color:#fff; } .badge.urgent { background:var(--ur); color:#fff; } .badge.routine { background:var(--ro); color:#fff; }
    .badge.declined { background:#545d68; color:#fff; }
    .banner { border-radius:8px; padding:12px 16px; margin:12px 0 16px; border:2px solid; }
    .banner.emergency { background:var(--em-bg); border-color:var(--em); } .banner.urgent { background:var(--ur-bg); border-color:var(--ur); } .banner.routine { background:var(--ro-bg); border-color:var(--ro); }
    .cite { color:var(--muted); font-size:.82rem; }
    table { border-collapse:collapse; width:100%; } th, td { text-align:left; padding:6px 8px; border-bottom:1px solid var(--line); vertical-align:top; }
    td.num { text-align:right; } .nowrap { white-space:nowrap; }
    .table-wrap { overflow-x:auto; background:#fff; border:1px solid var(--line); border-radius:8px; }
    table.worklist td { padding:8px; } .worklist .reason { font-size:.88rem; } .worklist .left { white-space:nowrap; }
    tr.u-emergency td:first-child { border-left:6px solid var(--em); } tr.u-urgent td:first-child { border-left:6px solid var(--ur); } tr.u-routine td:first-child { border-left:6px solid var(--ro); }
    .patient { font-weight:700; }
    .filters { display:flex; flex-wrap:wrap; gap:12px; align-items:flex-end; } .filters p { margin:0; }
    .pager { display:flex; gap:14px; margin-top:10px; }
    .total { font-size:1.1rem; } .category { background:#e8eef6; border-radius:4px; padding:1px 6px; font-size:.9rem; }
    .incomplete, .na { color:var(--muted); }
    svg.scale { display:block; max-width:100%; height:auto; margin:6px 0; }
    .band { stroke:#fff; } .band.tone-0 { fill:#6fbf82; } .band.tone-1 { fill:#c8d96b; } .band.tone-2 { fill:#f2b552; } .band.tone-3 { fill:#e0685a; }
    .band.current { stroke:#1b1f24; stroke-width:2; }
    .band-label { font-size:10px; fill:#545d68; } .marker { fill:#1b1f24; } .marker-line { stroke:#1b1f24; stroke-width:2; }
    svg.spine-diagram { max-width:100%; height:auto; }
    .vertebra { fill:#e9edf2; stroke:#9aa5b1; } .vertebra.involved { fill:#c0392b; stroke:#7b1d14; }
    .level-label { font-size:10px; fill:#39424c; } .level-label.on { fill:#fff; font-weight:700; }
    .region-label { font-size:10px; fill:#545d68; }
    .bracket { fill:none; stroke-width:3; } .bracket.severe { stroke:#b3261e; } .bracket.moderate { stroke:#b86e00; } .bracket.mild { stroke:#1e6b34; }
    .lesion-label { font-size:11px; fill:#1b1f24; font-weight:600; }
    .noms { display:grid; grid-template-columns:repeat(auto-fill, minmax(240px, 1fr)); gap:12px; }
    .arm .letter { display:inline-block; width:1.6em; height:1.6em; line-height:1.6em; text-align:center; border-radius:50%; background:var(--brand); color:#fff; }
    .agreement.disagree { border-left:6px solid var(--em); padding-left:8px; } .agreement.partly-agree { border-left:6px solid var(--ur); padding-left:8px; }
    .agreement.agree { border-left:6px solid var(--ro); padding-left:8px; }
    .tier { font-weight:700; } .tier.short { color:var(--em); } .tier.intermediate { color:var(--ur); } .tier.long { color:var(--ro); }
    ol.options > li { border-top:1px solid var(--line); padding:10px 0; } ol.options > li.is-declined { opacity:.8; }
    .goal { display:inline-block; background:#e8eef6; border-radius:999px; padding:1px 8px; margin-right:4px; font-size:.85rem; }
    li.context::marker { content:"↳ "; } li.caution { color:var(--em); }
    .crit.met { color:var(--ro); font-weight:700; } .crit.not-met { color:var(--em); font-weight:700; } .crit.unknown { color:var(--muted); font-weight:700; }
    table.diff td, table.diff th { font-size:.92rem; }
    ol.history { list-style:none; padding:0; }
    .summary { background:#fff; border-radius:8px; padding:20px 24px; font-size:1.08rem; max-width:760px; }
    .summary h2 { margin-top:1.2em; } .red-flags { border:3px solid var(--em); border-radius:8px; padding:10px 16px; margin-top:16px; }
    .disclaimer { font-size:.9rem; color:var(--muted); }
    /* The team's pages */
    .panel-nav { display:flex; flex-wrap:wrap; gap:6px 16px; padding:10px 16px; }
    .two-forms { display:grid; grid-template-columns:repeat(auto-fit, minmax(280px, 1fr)); gap:16px; margin-top:12px; }
    .inline-form h3 { margin-top:.6em; } .inline-form .field { margin-bottom:8px; }
    form.inline { display:inline; } form.inline button { min-height:32px; padding:4px 10px; }
    button.link-button { background:none; border:none; color:#1d4f91; text-decoration:underline; padding:4px 6px; min-height:32px; cursor:pointer; }
    details.task-more { margin-top:6px; } details.task-more form { margin:6px 0; } details.task-more input { max-width:14em; }
    table.compact th, table.compact td { padding:4px 8px; }
    .reviews { display:grid; grid-template-columns:repeat(auto-fill, minmax(300px, 1fr)); gap:12px; }
    article.review, article.decision { border-top:1px solid var(--line); padding-top:8px; }
    dl.facts { display:grid; grid-template-columns:max-content 1fr; gap:2px 12px; margin:6px 0; } dl.facts dt { font-weight:600; } dl.facts dd { margin:0; }
    fieldset.lesion-fix { background:#fafbfd; }
    .badge.clock { background:#39424c; color:#fff; } .badge.top { background:var(--brand); color:#fff; }
    .badge.escalation { background:var(--em); color:#fff; } a.badge.tasks { background:#e8eef6; color:var(--brand); text-decoration:none; margin-top:4px; }
    tr.overdue td:first-child { border-left:6px solid var(--em); } .overdue-text { color:var(--em); }
    .escalated { color:var(--em); font-weight:700; font-size:.88rem; }
    .outcome.on-time { color:var(--ro); font-weight:700; } .outcome.late { color:var(--em); font-weight:700; } .outcome.cancelled { color:var(--muted); }
    .status.decided { color:var(--ro); font-weight:700; } .status.pending { color:var(--ur); font-weight:700; }
    .do-not-wait { font-size:1.05rem; border-left-width:10px; }
    .ok-text { color:var(--ro); }
    ul.tight { margin:0; padding-left:1.1em; } ul.invitations li { margin:6px 0; }
    .decision-options td .field { margin:0; } .decision-options td .field label { position:absolute; width:1px; height:1px; overflow:hidden; clip:rect(0 0 0 0); }
    .decision-options tr.is-declined { background:#f3f3f3; } .departure { border-left:6px solid var(--ur); padding-left:8px; }
    .dissent-row { align-items:start; }
    .noms-summary { list-style:none; padding:0; } .noms-summary .letter, .arm .letter { display:inline-block; width:1.6em; height:1.6em; line-height:1.6em; text-align:center; border-radius:50%; background:var(--brand); color:#fff; }
    svg.chart { max-width:100%; height:auto; display:block; }
    .grid-line { stroke:#dde3ea; stroke-width:1; } .axis-label { font-size:11px; fill:#545d68; } .chart-title { font-size:12px; font-weight:700; fill:#1b1f24; }
    .series { fill:none; stroke-width:2.5; } .series.pain { stroke:#1d4e89; } .series.nrs { stroke:#8a5300; stroke-dasharray:6 4; } .series.grade { stroke:#1e6b34; }
    .point.pain { fill:#1d4e89; } .point.nrs { fill:#8a5300; } .point.grade { fill:#1e6b34; }
    .worse-line { stroke:#b3261e; stroke-width:3; stroke-dasharray:4 3; } .worse-label { font-size:12px; font-weight:700; fill:#b3261e; }
    tr.worsened td, tr.worsened th { background:var(--em-bg); } .worse-flag { color:var(--em); margin-top:4px; }
    .vertebra.dose-0 { fill:#e9edf2; } .vertebra.dose-1 { fill:#f6d7a7; } .vertebra.dose-2 { fill:#e8945a; } .vertebra.dose-3 { fill:#b3261e; }
    .vertebra.involved-outline { stroke:#1b1f24; stroke-width:2; } .treated-mark { fill:#1d4e89; }
    .swatch { display:inline-block; width:14px; height:14px; border:1px solid #9aa5b1; vertical-align:middle; margin:0 4px 0 10px; }
    .swatch.dose-1 { background:#f6d7a7; } .swatch.dose-2 { background:#e8945a; } .swatch.dose-3 { background:#b3261e; }
    .board-summary { background:#fff; border:1px solid var(--line); border-radius:8px; padding:20px 24px; max-width:900px; }
    .board-summary h2 { font-size:1.1rem; margin-top:1em; border-bottom:1px solid var(--line); }
    .summary-grid { display:grid; grid-template-columns:1fr 1fr; gap:16px; }
    .summary-foot { margin-top:16px; border-top:2px solid var(--ink); padding-top:8px; }
    .decided { border:2px solid var(--brand); border-radius:8px; padding:10px 16px; margin-top:16px; }
    @media (max-width: 720px) {
      .two-col { grid-template-columns:1fr; } .cards { grid-template-columns:1fr; }
      main { padding:10px; } header.top { padding:8px 10px; }
      table.worklist thead { display:none; } table.worklist tr { display:block; border-bottom:2px solid var(--line); }
      table.worklist td { display:block; border:none; padding:4px 8px; }
      .summary-grid { grid-template-columns:1fr; } dl.facts { grid-template-columns:1fr; }
    }
    @media print {
      header.top, footer.foot nav, .no-print, .skip, .actions, .signout, button { display:none !important; }
      body { background:#fff; font-size:11pt; } main { max-width:none; padding:0; }
      .card, .summary { border:1px solid #999; break-inside:avoid; box-shadow:none; }
      .cards, .two-col { display:block; }
      a { color:inherit; text-decoration:none; }
      details > *:not(summary) { display:block; }
      .banner { border-width:2pt; }
      body.board-summary-page { font-size:10pt; } body.board-summary-page footer.foot { display:none; }
      .board-summary { border:none; padding:0; max-width:none; } .board-summary h2 { font-size:11pt; margin:.6em 0 .2em; }
      .board-summary table { font-size:9.5pt; } .summary-grid { display:grid; grid-template-columns:1fr 1fr; }
      @page { size:A4; margin:14mm; }
    }
    """
}
